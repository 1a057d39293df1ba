package dev.destsdk.core.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;

/**
 * What the executor knows about one target object when it calls stage and load.
 *
 * @param mappedMergedSourceMetadata the target object as {@code mapToTargetObject} produced it for this run (what the
 *     load should make the destination look like); not null
 * @param mappedLastAppliedSourceMetadata the mapped object the previous successful run applied; empty on a first run
 * @param actualDestinationMetadata what the destination holds now, as read from it; empty when not read or absent
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record MetadataMapping(
        @JsonProperty("mapped_merged_source_metadata") ObjectMetadata mappedMergedSourceMetadata,
        @JsonProperty("mapped_last_applied_source_metadata") Optional<ObjectMetadata> mappedLastAppliedSourceMetadata,
        @JsonProperty("actual_destination_metadata") Optional<ObjectMetadata> actualDestinationMetadata) {

    /** Validates the components; a null optional is read as empty (JSON without the property). */
    @JsonCreator
    public MetadataMapping {
        Objects.requireNonNull(mappedMergedSourceMetadata, "mappedMergedSourceMetadata is null");
        mappedLastAppliedSourceMetadata = mappedLastAppliedSourceMetadata == null
                ? Optional.empty() : mappedLastAppliedSourceMetadata;
        actualDestinationMetadata = actualDestinationMetadata == null ? Optional.empty() : actualDestinationMetadata;
    }

    /**
     * A first-run mapping: nothing applied before, destination not read.
     *
     * @param mapped the mapped target object; not null
     * @return the mapping
     */
    public static MetadataMapping firstRun(ObjectMetadata mapped) {
        return new MetadataMapping(mapped, Optional.empty(), Optional.empty());
    }

    /** @return true when no previous run applied this object (first-run table handling applies) */
    @JsonIgnore
    public boolean isFirstRun() {
        return mappedLastAppliedSourceMetadata.isEmpty();
    }
}
