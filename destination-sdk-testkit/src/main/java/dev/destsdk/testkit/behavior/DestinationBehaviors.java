package dev.destsdk.testkit.behavior;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The resolved {@link DestinationBehavior}s of one destination: declared behaviours read from its
 * {@link ConnectorCapabilitiesConfig}, assumed behaviours true unless a prerequisite is missing, and the test's
 * overrides on top, like Trino's {@code hasBehavior}.
 *
 * <p>Overrides that cannot be right are refused when the behaviours are built, all at once, with a
 * {@link ConnectorException} of type CONFIGURATION_ERROR:
 * <ul>
 *   <li>a declared behaviour overridden to the other value: the capabilities are what the executor and the user
 *       see, and the testkit proves exactly them. Change {@code getCapabilitiesConfig()} or drop the override;</li>
 *   <li>an assumed behaviour overridden to true while one of its prerequisites is false (for example
 *       {@code PRESERVES_TIMESTAMP_MICROS} without {@code SUPPORTS_TYPE_TIMESTAMP}).</li>
 * </ul>
 * An override equal to the declared value is accepted and changes nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class DestinationBehaviors {

    /** Where a resolved value came from. */
    public enum Source {
        /** Read from the capabilities. */
        DECLARED,
        /** Assumed true: not derivable from capabilities and not overridden. */
        ASSUMED,
        /** Assumed false because a prerequisite behaviour is false. */
        MISSING_PREREQUISITE,
        /** Set by an override. */
        OVERRIDDEN
    }

    private final ConnectorCapabilitiesConfig capabilities;
    private final Map<DestinationBehavior, Boolean> values;
    private final Map<DestinationBehavior, Source> sources;

    private DestinationBehaviors(ConnectorCapabilitiesConfig capabilities, Map<DestinationBehavior, Boolean> values,
                                 Map<DestinationBehavior, Source> sources) {
        this.capabilities = capabilities;
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
        this.sources = Collections.unmodifiableMap(new EnumMap<>(sources));
    }

    /**
     * Resolves behaviours without overrides.
     *
     * @param capabilities the destination's capabilities; not null
     * @return the behaviours
     */
    public static DestinationBehaviors of(ConnectorCapabilitiesConfig capabilities) {
        return builder(capabilities).build();
    }

    /**
     * @param capabilities the destination's capabilities; not null
     * @return a builder for overrides
     */
    public static Builder builder(ConnectorCapabilitiesConfig capabilities) {
        return new Builder(capabilities);
    }

    /**
     * @param behavior a behaviour; not null
     * @return whether the destination has it
     */
    public boolean has(DestinationBehavior behavior) {
        return values.get(Objects.requireNonNull(behavior, "behavior is null"));
    }

    /**
     * @param behavior a behaviour; not null
     * @return where its value came from
     */
    public Source source(DestinationBehavior behavior) {
        return sources.get(Objects.requireNonNull(behavior, "behavior is null"));
    }

    /** @return the behaviours the destination has; unmodifiable */
    public Set<DestinationBehavior> supported() {
        EnumSet<DestinationBehavior> set = EnumSet.noneOf(DestinationBehavior.class);
        values.forEach((b, v) -> {
            if (v) {
                set.add(b);
            }
        });
        return Collections.unmodifiableSet(set);
    }

    /** @return the capabilities the behaviours were read from */
    public ConnectorCapabilitiesConfig capabilities() {
        return capabilities;
    }

    /**
     * Explains a value, for assertion messages and reports.
     *
     * @param behavior a behaviour; not null
     * @return e.g. {@code SUPPORTS_MERGE=true (declared: load mode MERGE)}
     */
    public String explain(DestinationBehavior behavior) {
        Source source = source(behavior);
        String why = switch (source) {
            case DECLARED -> "declared: " + behavior.capabilityName().orElse(behavior.name());
            case ASSUMED -> "assumed; override it if the destination lacks it";
            case MISSING_PREREQUISITE -> "needs " + behavior.prerequisites().stream().filter(p -> !has(p))
                    .map(Enum::name).collect(Collectors.joining(", "));
            case OVERRIDDEN -> "overridden by the test";
        };
        return behavior + "=" + has(behavior) + " (" + why + ")";
    }

    @Override
    public String toString() {
        return "DestinationBehaviors" + supported();
    }

    /** Collects overrides and resolves. Not thread-safe. */
    public static final class Builder {
        private final ConnectorCapabilitiesConfig capabilities;
        private final Map<DestinationBehavior, Boolean> overrides = new EnumMap<>(DestinationBehavior.class);

        private Builder(ConnectorCapabilitiesConfig capabilities) {
            this.capabilities = Objects.requireNonNull(capabilities, "capabilities is null");
        }

        /**
         * @param behavior the behaviour; not null
         * @param value whether the destination has it
         * @return this builder
         */
        public Builder override(DestinationBehavior behavior, boolean value) {
            overrides.put(Objects.requireNonNull(behavior, "behavior is null"), value);
            return this;
        }

        /** @param behavior a behaviour the destination lacks; not null @return this builder */
        public Builder without(DestinationBehavior behavior) {
            return override(behavior, false);
        }

        /** @param behavior a behaviour the destination has; not null @return this builder */
        public Builder with(DestinationBehavior behavior) {
            return override(behavior, true);
        }

        /** @param values overrides, copied; not null @return this builder */
        public Builder overrides(Map<DestinationBehavior, Boolean> values) {
            Objects.requireNonNull(values, "values is null").forEach(this::override);
            return this;
        }

        /**
         * Resolves every behaviour.
         *
         * @return the behaviours
         * @throws ConnectorException CONFIGURATION_ERROR listing every override that cannot be right
         */
        public DestinationBehaviors build() {
            Map<DestinationBehavior, Boolean> values = new EnumMap<>(DestinationBehavior.class);
            Map<DestinationBehavior, Source> sources = new EnumMap<>(DestinationBehavior.class);
            List<String> contradictions = new ArrayList<>();
            for (DestinationBehavior b : DestinationBehavior.values()) {
                Optional<Boolean> override = Optional.ofNullable(overrides.get(b));
                Optional<Boolean> declared = b.declaredBy(capabilities);
                if (declared.isPresent()) {
                    boolean value = declared.get();
                    if (override.isPresent() && override.get() != value) {
                        contradictions.add(value
                                ? b + " is overridden to false, but the capabilities declare "
                                + b.capabilityName().orElseThrow() + ": the testkit proves every declared "
                                + "capability, so stop declaring it in getCapabilitiesConfig() or drop the override"
                                : b + " is overridden to true, but the capabilities do not declare "
                                + b.capabilityName().orElseThrow() + ", so the destination must refuse it: declare "
                                + "it in getCapabilitiesConfig() or drop the override");
                    }
                    values.put(b, value);
                    sources.put(b, Source.DECLARED);
                    continue;
                }
                List<DestinationBehavior> missing = b.prerequisites().stream().filter(p -> !values.get(p)).toList();
                if (override.isPresent()) {
                    if (override.get() && !missing.isEmpty()) {
                        contradictions.add(b + " is overridden to true, but it needs " + missing
                                + ", which the destination lacks: override those too or drop this override");
                    }
                    values.put(b, override.get());
                    sources.put(b, Source.OVERRIDDEN);
                } else {
                    values.put(b, missing.isEmpty());
                    sources.put(b, missing.isEmpty() ? Source.ASSUMED : Source.MISSING_PREREQUISITE);
                }
            }
            if (!contradictions.isEmpty()) {
                throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, contradictions.size()
                        + " behaviour override(s) contradict the destination: " + String.join("; ", contradictions));
            }
            return new DestinationBehaviors(capabilities, values, sources);
        }
    }
}
