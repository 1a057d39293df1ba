package dev.destsdk.testkit.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.jdbc.dialect.SqlDialect;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden-file test of a dialect's generated SQL: {@link GoldenStatements} plus {@link #extraStatements()} (e.g. the
 * connector's bulk-load statements) are compared exactly with {@code src/test/resources/golden/<dialect>/}. See
 * {@link GoldenFiles} for how to regenerate.
 */
public abstract class AbstractDialectGoldenTest {

    /** @return the dialect under test */
    protected abstract SqlDialect dialect();

    /** @return more statements to check, file name to text; none by default */
    protected Map<String, String> extraStatements() {
        return Map.of();
    }

    /** Renders every statement and compares it with its golden file (or rewrites it in update mode). */
    @Test
    public void generatedSqlMatchesGoldenFiles() {
        Map<String, String> all = new LinkedHashMap<>(GoldenStatements.render(dialect()));
        Map<String, String> extra = extraStatements();
        assertThat(extra.keySet()).as("extra statements must not reuse a standard file name")
                .allMatch(name -> !all.containsKey(name));
        all.putAll(extra);
        GoldenFiles.forDialect(dialect().name()).checkAll(all);
    }
}
