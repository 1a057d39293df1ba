package dev.destsdk.testkit.fakeapi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One property (field) of a {@link FakeObjectType}, as the fake API's properties endpoint describes it.
 *
 * <p>Immutable. The JSON the properties endpoint serves follows HubSpot's CRM v3 shape ({@code name}, {@code type},
 * {@code hasUniqueValue}, {@code modificationMetadata.readOnlyValue}, {@code options}) plus the fake's extension
 * properties {@code required}, {@code createable}, {@code updateable} and {@code referenceTo}.
 *
 * @param name the property name; not blank
 * @param type the property's value type; not null
 * @param required whether a create must set it
 * @param createable whether a create may set it
 * @param updateable whether an update may set it
 * @param readOnly whether it is a system property nobody may write
 * @param unique whether it identifies a record (an id property usable as {@code idProperty})
 * @param options the allowed values of an {@link Type#ENUMERATION}; empty otherwise
 * @param referenceTo for a {@link Type#REFERENCE}, the parent object type; empty otherwise
 */
public record FakeProperty(String name, Type type, boolean required, boolean createable, boolean updateable,
                           boolean readOnly, boolean unique, List<String> options, Optional<String> referenceTo) {

    /** A property's value type; the lower-case name is what the API serves. */
    public enum Type {
        /** Any text. */
        STRING,
        /** A decimal number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOL,
        /** An ISO-8601 date, {@code 2024-01-31}. */
        DATE,
        /** An ISO-8601 instant, {@code 2024-01-31T10:00:00Z}. */
        DATETIME,
        /** One of {@link FakeProperty#options()}. */
        ENUMERATION,
        /** A parent record, given as {@code {"idProperty": ..., "id": ...}} and stored as the parent's id. */
        REFERENCE
    }

    /** Validates the components. */
    public FakeProperty {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        options = List.copyOf(options);
        Objects.requireNonNull(referenceTo, "referenceTo is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
        if (type == Type.REFERENCE && referenceTo.isEmpty()) {
            throw new IllegalArgumentException("REFERENCE property " + name + " needs referenceTo");
        }
    }

    /**
     * @param name the name; not blank
     * @param type the type; not null
     * @return a writable, optional, non-unique property
     */
    public static FakeProperty of(String name, Type type) {
        return new FakeProperty(name, type, false, true, true, false, false, List.of(), Optional.empty());
    }

    /**
     * @param name the name; not blank
     * @return a writable, unique STRING property (an external id)
     */
    public static FakeProperty uniqueId(String name) {
        return new FakeProperty(name, Type.STRING, false, true, true, false, true, List.of(), Optional.empty());
    }

    /**
     * @param name the name; not blank
     * @param options the allowed values; not empty
     * @return a writable ENUMERATION property
     */
    public static FakeProperty enumeration(String name, String... options) {
        return new FakeProperty(name, Type.ENUMERATION, false, true, true, false, false, List.of(options),
                Optional.empty());
    }

    /**
     * @param name the name; not blank
     * @param parentType the parent object type; not null
     * @return a writable REFERENCE property
     */
    public static FakeProperty reference(String name, String parentType) {
        return new FakeProperty(name, Type.REFERENCE, false, true, true, false, false, List.of(),
                Optional.of(parentType));
    }

    /**
     * @param name the name; not blank
     * @return a read-only system STRING property
     */
    public static FakeProperty readOnly(String name) {
        return new FakeProperty(name, Type.STRING, false, false, false, true, false, List.of(), Optional.empty());
    }

    /** @return a copy that a create must set */
    public FakeProperty asRequired() {
        return new FakeProperty(name, type, true, createable, updateable, readOnly, unique, options, referenceTo);
    }

    /** @return a copy that only a create may set */
    public FakeProperty createOnly() {
        return new FakeProperty(name, type, required, true, false, readOnly, unique, options, referenceTo);
    }

    /** @return a copy that only an update may set */
    public FakeProperty updateOnly() {
        return new FakeProperty(name, type, required, false, true, readOnly, unique, options, referenceTo);
    }
}
