package dev.destsdk.core.metadata;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An object (table, file set, API object) and its fields: the unit a pipeline maps, stages and loads. Immutable and
 * thread-safe; build with {@link #builder(String)} and change with {@link #toBuilder()}.
 *
 * <p>Field names are unique within an object. Serialises to and from the seed documents' snake_case JSON through
 * {@link MetadataJson}, including the activation properties {@code activation_target}, {@code selected_merge_keys}
 * and {@code activation_behaviour}; unknown properties are kept and written back.
 */
@JsonDeserialize(builder = ObjectMetadata.Builder.class)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@JsonPropertyOrder({"catalog", "schema", "name", "fully_qualified_name", "formatted_name",
        "formatted_fully_qualified_name", "type", "description", "fields"})
public final class ObjectMetadata {
    private final String catalog;
    private final String schema;
    private final String name;
    private final String fullyQualifiedName;
    private final String formattedName;
    private final String formattedFullyQualifiedName;
    private final String type;
    private final String description;
    private final boolean selected;
    private final boolean skipped;
    private final String skippedReason;
    private final boolean primaryKeyLocked;
    private final boolean cursorFieldLocked;
    private final List<FieldMetadata> fields;
    private final Map<String, Object> customAttributes;
    private final Map<String, Object> activationTarget;
    private final List<String> selectedMergeKeys;
    private final Map<String, Object> activationBehaviour;
    private final Map<String, Object> unknownProperties;

    private ObjectMetadata(Builder b) {
        if (b.name == null || b.name.isEmpty()) {
            throw new IllegalArgumentException("object name must not be null or empty");
        }
        this.name = b.name;
        this.catalog = b.catalog;
        this.schema = b.schema;
        this.fullyQualifiedName = b.fullyQualifiedName;
        this.formattedName = b.formattedName;
        this.formattedFullyQualifiedName = b.formattedFullyQualifiedName;
        this.type = b.type;
        this.description = b.description;
        this.selected = b.selected;
        this.skipped = b.skipped;
        this.skippedReason = b.skippedReason;
        this.primaryKeyLocked = b.primaryKeyLocked;
        this.cursorFieldLocked = b.cursorFieldLocked;
        this.fields = List.copyOf(b.fields);
        Set<String> seen = new HashSet<>();
        for (FieldMetadata f : fields) {
            if (!seen.add(f.getName())) {
                throw new IllegalArgumentException("object '" + name + "' has two fields named '" + f.getName() + "'");
            }
        }
        this.customAttributes = Attributes.copy(b.customAttributes);
        this.activationTarget = Attributes.copy(b.activationTarget);
        this.selectedMergeKeys = Attributes.copyList(b.selectedMergeKeys);
        this.activationBehaviour = Attributes.copy(b.activationBehaviour);
        this.unknownProperties = Attributes.copy(b.unknownProperties);
    }

    /**
     * Starts an object with its required name. Defaults: selected, not skipped, no fields.
     *
     * @param name the object name; not null or empty
     * @return a new builder
     */
    public static Builder builder(String name) {
        return new Builder().name(name);
    }

    /** @return a builder holding every part of this object */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.catalog = catalog;
        b.schema = schema;
        b.name = name;
        b.fullyQualifiedName = fullyQualifiedName;
        b.formattedName = formattedName;
        b.formattedFullyQualifiedName = formattedFullyQualifiedName;
        b.type = type;
        b.description = description;
        b.selected = selected;
        b.skipped = skipped;
        b.skippedReason = skippedReason;
        b.primaryKeyLocked = primaryKeyLocked;
        b.cursorFieldLocked = cursorFieldLocked;
        b.fields = new ArrayList<>(fields);
        b.customAttributes = new LinkedHashMap<>(customAttributes);
        b.activationTarget = new LinkedHashMap<>(activationTarget);
        b.selectedMergeKeys = new ArrayList<>(selectedMergeKeys);
        b.activationBehaviour = new LinkedHashMap<>(activationBehaviour);
        b.unknownProperties = new LinkedHashMap<>(unknownProperties);
        return b;
    }

    /** @return the catalog (database), if any */
    public Optional<String> getCatalog() {
        return Optional.ofNullable(catalog);
    }

    /** @return the schema, if any */
    public Optional<String> getSchema() {
        return Optional.ofNullable(schema);
    }

    /** @return the object name; never null or empty */
    public String getName() {
        return name;
    }

    /** @return the unquoted fully qualified name, e.g. {@code db.schema.table}, once set */
    public Optional<String> getFullyQualifiedName() {
        return Optional.ofNullable(fullyQualifiedName);
    }

    /** @return the name as the destination writes it (quoted if needed), once mapped */
    public Optional<String> getFormattedName() {
        return Optional.ofNullable(formattedName);
    }

    /** @return the fully qualified name as the destination writes it, once mapped */
    public Optional<String> getFormattedFullyQualifiedName() {
        return Optional.ofNullable(formattedFullyQualifiedName);
    }

    /** @return the object kind as the source names it (e.g. {@code TABLE}, {@code VIEW}), if known */
    public Optional<String> getType() {
        return Optional.ofNullable(type);
    }

    /** @return a human description, if any */
    public Optional<String> getDescription() {
        return Optional.ofNullable(description);
    }

    /** @return whether the user selected this object */
    public boolean isSelected() {
        return selected;
    }

    /** @return whether the pipeline skips this object */
    public boolean isSkipped() {
        return skipped;
    }

    /** @return why the object is skipped, if it is */
    public Optional<String> getSkippedReason() {
        return Optional.ofNullable(skippedReason);
    }

    /** @return whether the user fixed the primary key */
    public boolean isPrimaryKeyLocked() {
        return primaryKeyLocked;
    }

    /** @return whether the user fixed the cursor field */
    public boolean isCursorFieldLocked() {
        return cursorFieldLocked;
    }

    /** @return the fields in column order; unmodifiable, never null */
    public List<FieldMetadata> getFields() {
        return fields;
    }

    /** @return connector-specific attributes, preserved through mapping; unmodifiable, never null */
    public Map<String, Object> getCustomAttributes() {
        return customAttributes;
    }

    /**
     * @return the activation target ({@code object_api_name}, {@code name}, {@code fully_qualified_name}, ...);
     *     empty for non-activation pipelines; unmodifiable, never null
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, Object> getActivationTarget() {
        return activationTarget;
    }

    /** @return destination field names used to match existing records on upsert; unmodifiable, never null */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<String> getSelectedMergeKeys() {
        return selectedMergeKeys;
    }

    /** @return the activation behaviour ({@code operation}, {@code insert_nulls}, ...); unmodifiable, never null */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, Object> getActivationBehaviour() {
        return activationBehaviour;
    }

    /** @return JSON properties this version does not know, kept for round trips; unmodifiable, never null */
    @JsonAnyGetter
    public Map<String, Object> getUnknownProperties() {
        return unknownProperties;
    }

    /**
     * Finds a field by exact name.
     *
     * @param fieldName the name; not null
     * @return the field, or empty
     */
    public Optional<FieldMetadata> getField(String fieldName) {
        Objects.requireNonNull(fieldName, "fieldName is null");
        return fields.stream().filter(f -> f.getName().equals(fieldName)).findFirst();
    }

    /** @return the primary key fields in column order; unmodifiable */
    @JsonIgnore
    public List<FieldMetadata> getPrimaryKeyFields() {
        return fields.stream().filter(FieldMetadata::isPrimaryKey).toList();
    }

    /** @return the cursor field, if one is marked */
    @JsonIgnore
    public Optional<FieldMetadata> getCursorField() {
        return fields.stream().filter(FieldMetadata::isCursorField).findFirst();
    }

    /** @return the field names in column order; unmodifiable */
    @JsonIgnore
    public List<String> getFieldNames() {
        return fields.stream().map(FieldMetadata::getName).toList();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ObjectMetadata m)) {
            return false;
        }
        return selected == m.selected && skipped == m.skipped && primaryKeyLocked == m.primaryKeyLocked
                && cursorFieldLocked == m.cursorFieldLocked && Objects.equals(catalog, m.catalog)
                && Objects.equals(schema, m.schema) && name.equals(m.name)
                && Objects.equals(fullyQualifiedName, m.fullyQualifiedName)
                && Objects.equals(formattedName, m.formattedName)
                && Objects.equals(formattedFullyQualifiedName, m.formattedFullyQualifiedName)
                && Objects.equals(type, m.type) && Objects.equals(description, m.description)
                && Objects.equals(skippedReason, m.skippedReason) && fields.equals(m.fields)
                && customAttributes.equals(m.customAttributes) && activationTarget.equals(m.activationTarget)
                && selectedMergeKeys.equals(m.selectedMergeKeys) && activationBehaviour.equals(m.activationBehaviour)
                && unknownProperties.equals(m.unknownProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(catalog, schema, name, fullyQualifiedName, formattedName, formattedFullyQualifiedName,
                type, description, selected, skipped, skippedReason, primaryKeyLocked, cursorFieldLocked, fields,
                customAttributes, activationTarget, selectedMergeKeys, activationBehaviour, unknownProperties);
    }

    @Override
    public String toString() {
        return "ObjectMetadata{" + (catalog == null ? "" : catalog + ".") + (schema == null ? "" : schema + ".")
                + name + " " + fields + "}";
    }

    /** Builds an {@link ObjectMetadata}. Not thread-safe. */
    @JsonPOJOBuilder(withPrefix = "")
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public static final class Builder {
        private String catalog;
        private String schema;
        private String name;
        private String fullyQualifiedName;
        private String formattedName;
        private String formattedFullyQualifiedName;
        private String type;
        private String description;
        private boolean selected = true;
        private boolean skipped;
        private String skippedReason;
        private boolean primaryKeyLocked;
        private boolean cursorFieldLocked;
        private List<FieldMetadata> fields = new ArrayList<>();
        private Map<String, Object> customAttributes = new LinkedHashMap<>();
        private Map<String, Object> activationTarget = new LinkedHashMap<>();
        private List<String> selectedMergeKeys = new ArrayList<>();
        private Map<String, Object> activationBehaviour = new LinkedHashMap<>();
        private Map<String, Object> unknownProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** @param value the catalog; null for absent @return this builder */
        public Builder catalog(String value) {
            this.catalog = value;
            return this;
        }

        /** @param value the schema; null for absent @return this builder */
        public Builder schema(String value) {
            this.schema = value;
            return this;
        }

        /** @param value the name; not null or empty @return this builder */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @param value the fully qualified name; null for absent @return this builder */
        public Builder fullyQualifiedName(String value) {
            this.fullyQualifiedName = value;
            return this;
        }

        /** @param value the formatted name; null for absent @return this builder */
        public Builder formattedName(String value) {
            this.formattedName = value;
            return this;
        }

        /** @param value the formatted fully qualified name; null for absent @return this builder */
        public Builder formattedFullyQualifiedName(String value) {
            this.formattedFullyQualifiedName = value;
            return this;
        }

        /** @param value the object kind; null for absent @return this builder */
        public Builder type(String value) {
            this.type = value;
            return this;
        }

        /** @param value the description; null for absent @return this builder */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** @param value whether selected @return this builder */
        public Builder selected(boolean value) {
            this.selected = value;
            return this;
        }

        /** @param value whether skipped @return this builder */
        public Builder skipped(boolean value) {
            this.skipped = value;
            return this;
        }

        /** @param value why skipped; null for absent @return this builder */
        public Builder skippedReason(String value) {
            this.skippedReason = value;
            return this;
        }

        /** @param value whether the primary key is locked @return this builder */
        public Builder primaryKeyLocked(boolean value) {
            this.primaryKeyLocked = value;
            return this;
        }

        /** @param value whether the cursor field is locked @return this builder */
        public Builder cursorFieldLocked(boolean value) {
            this.cursorFieldLocked = value;
            return this;
        }

        /** @param value the fields in column order, copied; null for none @return this builder */
        public Builder fields(List<FieldMetadata> value) {
            this.fields = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }

        /** @param value a field to append; not null @return this builder */
        public Builder addField(FieldMetadata value) {
            this.fields.add(Objects.requireNonNull(value, "field is null"));
            return this;
        }

        /** @param value custom attributes, copied; null for none @return this builder */
        public Builder customAttributes(Map<String, ?> value) {
            this.customAttributes = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
            return this;
        }

        /** @param value the activation target, copied; null for none @return this builder */
        public Builder activationTarget(Map<String, ?> value) {
            this.activationTarget = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
            return this;
        }

        /** @param value the merge keys, copied; null for none @return this builder */
        public Builder selectedMergeKeys(List<String> value) {
            this.selectedMergeKeys = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }

        /** @param value the activation behaviour, copied; null for none @return this builder */
        public Builder activationBehaviour(Map<String, ?> value) {
            this.activationBehaviour = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
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
         * @return the object
         * @throws IllegalArgumentException when the name is missing or two fields share a name
         */
        public ObjectMetadata build() {
            return new ObjectMetadata(this);
        }
    }
}
