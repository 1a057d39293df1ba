package dev.destsdk.testkit.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.testkit.inspect.DestinationInspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The suite's cases are public and overridable, so that a connector documents a deviation by overriding one case:
 * JUnit then runs the override in the case's place, once.
 */
class WarehouseConformanceSuiteCasesTest {

    /** A connector's suite that documents a deviation in one case (never run here: only discovered). */
    abstract static class DeviatingSuite extends WarehouseConformanceSuite {
        /** Deviation: this database cannot cancel a running script; the override asserts what it does instead. */
        @Override
        @Test
        public void aCancelledSqlScriptStopsWithTheCanonicalCancellation() {
            throw new AssertionError("not run: this test only discovers the cases");
        }
    }

    /** The concrete class JUnit discovers. */
    static final class ConcreteDeviatingSuite extends DeviatingSuite {
        @Override
        protected Destination createDestination() {
            throw new UnsupportedOperationException("discovery only");
        }

        @Override
        protected DestinationInspector createInspector(Destination destination) {
            throw new UnsupportedOperationException("discovery only");
        }
    }

    private static List<Method> cases() {
        return Arrays.stream(WarehouseConformanceSuite.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class))
                .toList();
    }

    @Test
    void everyCaseIsPublicAndNotFinal() {
        List<Method> cases = cases();
        assertThat(cases).hasSizeGreaterThan(30);
        assertThat(cases).allSatisfy(m -> {
            assertThat(Modifier.isPublic(m.getModifiers())).as("%s is public", m.getName()).isTrue();
            assertThat(Modifier.isFinal(m.getModifiers())).as("%s is not final", m.getName()).isFalse();
        });
    }

    @Test
    void anOverriddenCaseRunsInThePlaceOfTheSuitesOnce() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ConcreteDeviatingSuite.class)).build());
        List<MethodSource> sources = plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .map(TestIdentifier::getSource).flatMap(java.util.Optional::stream)
                .filter(MethodSource.class::isInstance).map(MethodSource.class::cast).toList();
        List<MethodSource> cancelled = sources.stream()
                .filter(s -> s.getMethodName().equals("aCancelledSqlScriptStopsWithTheCanonicalCancellation"))
                .toList();
        assertThat(cancelled).as("the overridden case, discovered once").hasSize(1);
        assertThat(cancelled.get(0).getClassName()).isEqualTo(ConcreteDeviatingSuite.class.getName());
        assertThat(cancelled.get(0).getJavaMethod().getDeclaringClass()).isEqualTo(DeviatingSuite.class);
        // every other case is still there, from the suite
        Set<String> discovered = sources.stream().map(MethodSource::getMethodName).collect(Collectors.toSet());
        assertThat(discovered).containsAll(cases().stream().map(Method::getName).toList());
    }
}
