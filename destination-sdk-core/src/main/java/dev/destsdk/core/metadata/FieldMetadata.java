package dev.destsdk.core.metadata;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One field (column) of an {@link ObjectMetadata}: its name, canonical and native type, keys, writability and the
 * activation mapping. Immutable and thread-safe; build with {@link #builder(String, CanonicalType)} and change with
 * {@link #toBuilder()}.
 *
 * <p>Serialises to and from the seed documents' snake_case JSON ({@code canonical_type}, {@code primary_key},
 * {@code activation_target_field}, ...) through {@link MetadataJson}. Properties this class does not know are kept
 * in {@link #getUnknownProperties()} and written back, so a round trip never loses data.
 */
@JsonDeserialize(builder = FieldMetadata.Builder.class)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"name", "canonical_type", "original_data_type", "precision", "scale", "nullable", "primary_key",
        "source_primary_key", "cursor_field"})
public final class FieldMetadata {
    private final String name;
    private final CanonicalType canonicalType;
    private final String originalDataType;
    private final Integer precision;
    private final Integer scale;
    private final boolean nullable;
    private final boolean primaryKey;
    private final boolean sourcePrimaryKey;
    private final boolean cursorField;
    private final boolean selected;
    private final boolean createable;
    private final boolean updateable;
    private final boolean readOnly;
    private final String description;
    private final String sourcePath;
    private final String formattedName;
    private final Map<String, Object> customAttributes;
    private final String activationTargetField;
    private final Map<String, Object> activationLookup;
    private final Map<String, Object> unknownProperties;

    private FieldMetadata(Builder b) {
        this.name = requireName(b.name);
        this.canonicalType = Objects.requireNonNull(b.canonicalType, () -> "canonical_type of field '" + name + "' is null");
        this.originalDataType = b.originalDataType;
        if (b.precision != null && b.precision < 0) {
            throw new IllegalArgumentException("precision of field '" + name + "' is negative: " + b.precision);
        }
        if (b.scale != null && b.scale < 0) {
            throw new IllegalArgumentException("scale of field '" + name + "' is negative: " + b.scale);
        }
        if (b.precision != null && b.scale != null && b.scale > b.precision) {
            throw new IllegalArgumentException(
                    "scale " + b.scale + " exceeds precision " + b.precision + " of field '" + name + "'");
        }
        this.precision = b.precision;
        this.scale = b.scale;
        this.nullable = b.nullable;
        this.primaryKey = b.primaryKey;
        this.sourcePrimaryKey = b.sourcePrimaryKey;
        this.cursorField = b.cursorField;
        this.selected = b.selected;
        this.createable = b.createable;
        this.updateable = b.updateable;
        this.readOnly = b.readOnly;
        this.description = b.description;
        this.sourcePath = b.sourcePath;
        this.formattedName = b.formattedName;
        this.customAttributes = Attributes.copy(b.customAttributes);
        this.activationTargetField = b.activationTargetField;
        this.activationLookup = Attributes.copy(b.activationLookup);
        this.unknownProperties = Attributes.copy(b.unknownProperties);
    }

    private static String requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("field name must not be null or empty");
        }
        return name;
    }

    /**
     * Starts a field with the two required parts. Defaults: nullable, selected, createable and updateable true;
     * every other flag false; every optional part absent.
     *
     * @param name the field name; not null or empty
     * @param canonicalType the canonical type; not null
     * @return a new builder
     */
    public static Builder builder(String name, CanonicalType canonicalType) {
        return new Builder().name(name).canonicalType(canonicalType);
    }

    /** @return a builder holding every part of this field */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.canonicalType = canonicalType;
        b.originalDataType = originalDataType;
        b.precision = precision;
        b.scale = scale;
        b.nullable = nullable;
        b.primaryKey = primaryKey;
        b.sourcePrimaryKey = sourcePrimaryKey;
        b.cursorField = cursorField;
        b.selected = selected;
        b.createable = createable;
        b.updateable = updateable;
        b.readOnly = readOnly;
        b.description = description;
        b.sourcePath = sourcePath;
        b.formattedName = formattedName;
        b.customAttributes = new LinkedHashMap<>(customAttributes);
        b.activationTargetField = activationTargetField;
        b.activationLookup = new LinkedHashMap<>(activationLookup);
        b.unknownProperties = new LinkedHashMap<>(unknownProperties);
        return b;
    }

    /** @return the field name; never null or empty */
    public String getName() {
        return name;
    }

    /** @return the canonical type; never null */
    public CanonicalType getCanonicalType() {
        return canonicalType;
    }

    /** @return the native type in the system that described this field (source type, or destination type once mapped) */
    public Optional<String> getOriginalDataType() {
        return Optional.ofNullable(originalDataType);
    }

    /** @return the precision: total digits for DECIMAL, maximum length for STRING and BINARY, if known */
    public Optional<Integer> getPrecision() {
        return Optional.ofNullable(precision);
    }

    /** @return the scale (digits after the point) for DECIMAL, if known */
    public Optional<Integer> getScale() {
        return Optional.ofNullable(scale);
    }

    /** @return whether the field may hold null */
    public boolean isNullable() {
        return nullable;
    }

    /** @return whether the field is part of the destination's primary key (used for MERGE) */
    public boolean isPrimaryKey() {
        return primaryKey;
    }

    /** @return whether the field is part of the source's primary key */
    public boolean isSourcePrimaryKey() {
        return sourcePrimaryKey;
    }

    /** @return whether the field is the cursor (the highest value wins when a batch repeats a key) */
    public boolean isCursorField() {
        return cursorField;
    }

    /** @return whether the user selected this field for the pipeline */
    public boolean isSelected() {
        return selected;
    }

    /** @return whether an activation target accepts this field on insert */
    public boolean isCreateable() {
        return createable;
    }

    /** @return whether an activation target accepts this field on update */
    public boolean isUpdateable() {
        return updateable;
    }

    /** @return whether the field is system-maintained and never written */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** @return a human description, if any */
    public Optional<String> getDescription() {
        return Optional.ofNullable(description);
    }

    /** @return the path of the value in a nested source record, if any */
    public Optional<String> getSourcePath() {
        return Optional.ofNullable(sourcePath);
    }

    /** @return the name as the destination's DDL writes it (quoted if needed), once mapped */
    public Optional<String> getFormattedName() {
        return Optional.ofNullable(formattedName);
    }

    /** @return connector-specific attributes, preserved through mapping; unmodifiable, never null */
    public Map<String, Object> getCustomAttributes() {
        return customAttributes;
    }

    /** @return the destination field this source field is written to by an activation target, if mapped */
    public Optional<String> getActivationTargetField() {
        return Optional.ofNullable(activationTargetField);
    }

    /**
     * @return the lookup (relationship) configuration of an activation field: {@code reference_to},
     *     {@code relationship_api_name}, {@code parent_match_field}, {@code parent_object_api_name}; empty when the
     *     field is not a lookup; unmodifiable, never null
     */
    // Named explicitly: isActivationLookup() below is ignored, and an ignored accessor would otherwise drop the
    // whole "activation_lookup" property from the JSON.
    @JsonProperty("activation_lookup")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, Object> getActivationLookup() {
        return activationLookup;
    }

    /** @return whether {@link #getActivationLookup()} is non-empty */
    @JsonIgnore
    public boolean isActivationLookup() {
        return !activationLookup.isEmpty();
    }

    /** @return JSON properties this version does not know, kept for round trips; unmodifiable, never null */
    @JsonAnyGetter
    public Map<String, Object> getUnknownProperties() {
        return unknownProperties;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FieldMetadata f)) {
            return false;
        }
        return nullable == f.nullable && primaryKey == f.primaryKey && sourcePrimaryKey == f.sourcePrimaryKey
                && cursorField == f.cursorField && selected == f.selected && createable == f.createable
                && updateable == f.updateable && readOnly == f.readOnly && name.equals(f.name)
                && canonicalType == f.canonicalType && Objects.equals(originalDataType, f.originalDataType)
                && Objects.equals(precision, f.precision) && Objects.equals(scale, f.scale)
                && Objects.equals(description, f.description) && Objects.equals(sourcePath, f.sourcePath)
                && Objects.equals(formattedName, f.formattedName) && customAttributes.equals(f.customAttributes)
                && Objects.equals(activationTargetField, f.activationTargetField)
                && activationLookup.equals(f.activationLookup) && unknownProperties.equals(f.unknownProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, canonicalType, originalDataType, precision, scale, nullable, primaryKey,
                sourcePrimaryKey, cursorField, selected, createable, updateable, readOnly, description, sourcePath,
                formattedName, customAttributes, activationTargetField, activationLookup, unknownProperties);
    }

    @Override
    public String toString() {
        return "FieldMetadata{" + name + " " + canonicalType
                + (precision == null ? "" : "(" + precision + (scale == null ? "" : "," + scale) + ")")
                + (primaryKey ? " pk" : "") + (cursorField ? " cursor" : "") + (nullable ? "" : " not null") + "}";
    }

    /** Builds a {@link FieldMetadata}. Not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public static final class Builder {
        private String name;
        private CanonicalType canonicalType;
        private String originalDataType;
        private Integer precision;
        private Integer scale;
        private boolean nullable = true;
        private boolean primaryKey;
        private boolean sourcePrimaryKey;
        private boolean cursorField;
        private boolean selected = true;
        private boolean createable = true;
        private boolean updateable = true;
        private boolean readOnly;
        private String description;
        private String sourcePath;
        private String formattedName;
        private Map<String, Object> customAttributes = new LinkedHashMap<>();
        private String activationTargetField;
        private Map<String, Object> activationLookup = new LinkedHashMap<>();
        private Map<String, Object> unknownProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** @param value the name; not null or empty @return this builder */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @param value the canonical type; not null @return this builder */
        public Builder canonicalType(CanonicalType value) {
            this.canonicalType = value;
            return this;
        }

        /** @param value the native type; null for absent @return this builder */
        public Builder originalDataType(String value) {
            this.originalDataType = value;
            return this;
        }

        /** @param value the precision; null for absent @return this builder */
        public Builder precision(Integer value) {
            this.precision = value;
            return this;
        }

        /** @param value the scale; null for absent @return this builder */
        public Builder scale(Integer value) {
            this.scale = value;
            return this;
        }

        /** @param value whether null is allowed @return this builder */
        public Builder nullable(boolean value) {
            this.nullable = value;
            return this;
        }

        /** @param value whether part of the primary key @return this builder */
        public Builder primaryKey(boolean value) {
            this.primaryKey = value;
            return this;
        }

        /** @param value whether part of the source primary key @return this builder */
        public Builder sourcePrimaryKey(boolean value) {
            this.sourcePrimaryKey = value;
            return this;
        }

        /** @param value whether this is the cursor field @return this builder */
        public Builder cursorField(boolean value) {
            this.cursorField = value;
            return this;
        }

        /** @param value whether selected @return this builder */
        public Builder selected(boolean value) {
            this.selected = value;
            return this;
        }

        /** @param value whether createable @return this builder */
        public Builder createable(boolean value) {
            this.createable = value;
            return this;
        }

        /** @param value whether updateable @return this builder */
        public Builder updateable(boolean value) {
            this.updateable = value;
            return this;
        }

        /** @param value whether read-only @return this builder */
        public Builder readOnly(boolean value) {
            this.readOnly = value;
            return this;
        }

        /** @param value the description; null for absent @return this builder */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** @param value the source path; null for absent @return this builder */
        public Builder sourcePath(String value) {
            this.sourcePath = value;
            return this;
        }

        /** @param value the formatted (quoted) name; null for absent @return this builder */
        public Builder formattedName(String value) {
            this.formattedName = value;
            return this;
        }

        /** @param value custom attributes, copied; null for none @return this builder */
        public Builder customAttributes(Map<String, ?> value) {
            this.customAttributes = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
            return this;
        }

        /** @param value the activation target field; null for absent @return this builder */
        public Builder activationTargetField(String value) {
            this.activationTargetField = value;
            return this;
        }

        /** @param value the activation lookup, copied; null for none @return this builder */
        public Builder activationLookup(Map<String, ?> value) {
            this.activationLookup = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
            return this;
        }

        /**
         * Keeps a property this version does not know (used by JSON reading).
         *
         * @param key the JSON property name
         * @param value its value; may be null
         * @return this builder
         */
        @JsonAnySetter
        public Builder unknownProperty(String key, Object value) {
            this.unknownProperties.put(key, value);
            return this;
        }

        /**
         * @return the field
         * @throws IllegalArgumentException or NullPointerException when a required part is missing or invalid
         */
        public FieldMetadata build() {
            return new FieldMetadata(this);
        }
    }
}
