package dev.destsdk.core.capability;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One capability dimension of the builder: a set of supported enum values and a default chosen from it. Knows the
 * names of its two builder options so that contradictions name the option to change. Mutable; builder use only.
 *
 * <p>A default set by a preset is a suggestion: when later calls change the set so that it no longer holds that
 * default, the suggestion is dropped (and the ordinary rules for an unset default apply). A default set by the
 * caller is a declaration, and a declaration outside its set is a contradiction.
 */
final class Choice<E extends Enum<E>> {
    private final Class<E> type;
    private final String setName;
    private final String defaultName;
    private EnumSet<E> members;
    private E chosen;
    private boolean chosenByPreset;

    Choice(Class<E> type, String setName, String defaultName, EnumSet<E> initialMembers) {
        this.type = type;
        this.setName = setName;
        this.defaultName = defaultName;
        this.members = EnumSet.copyOf(initialMembers);
    }

    void members(Collection<E> values) {
        Objects.requireNonNull(values, () -> setName + " is null: pass the supported values");
        EnumSet<E> copy = EnumSet.noneOf(type);
        for (E value : values) {
            copy.add(Objects.requireNonNull(value, () -> setName + " contains null"));
        }
        this.members = copy;
    }

    void members(E[] values) {
        members(Arrays.asList(Objects.requireNonNull(values, () -> setName + " is null: pass the supported values")));
    }

    void choose(E value) {
        this.chosen = value;
        this.chosenByPreset = false;
    }

    void preset(EnumSet<E> presetMembers, E presetDefault) {
        this.members = EnumSet.copyOf(presetMembers);
        this.chosen = presetDefault;
        this.chosenByPreset = true;
    }

    EnumSet<E> members() {
        return EnumSet.copyOf(members);
    }

    /** The default that build() will use, if the rules allow one. */
    Optional<E> effectiveDefault() {
        if (chosen != null && (!chosenByPreset || members.contains(chosen))) {
            return Optional.of(chosen);
        }
        if (members.size() == 1) {
            return Optional.of(members.iterator().next());
        }
        return Optional.empty();
    }

    /** Appends this dimension's contradictions (rules 1 to 4 of the config's javadoc) to {@code problems}. */
    void check(List<String> problems) {
        if (members.isEmpty()) {
            problems.add(setName + " is empty: declare at least one supported value with " + setName + "(...)");
            return;
        }
        if (chosen != null && !chosenByPreset && !members.contains(chosen)) {
            problems.add(defaultName + " " + chosen + " is not in " + setName + " " + members + ": add it to "
                    + setName + " or choose one of them");
            return;
        }
        if (effectiveDefault().isEmpty()) {
            String presetNote = chosen != null
                    ? " (the preset's default " + chosen + " is no longer in " + setName + ")"
                    : "";
            problems.add(defaultName + " is not set and " + setName + " " + members + " has " + members.size()
                    + " members" + presetNote + ": call " + defaultName + "(...) with one of them");
        }
    }
}
