package dev.destsdk.activation;

import java.util.Objects;

/**
 * The value of a lookup field ({@code activation_lookup}): a reference to the parent record whose match field has
 * the given value. The connector serialises it the way its API names a parent (for example an external-id
 * reference).
 *
 * @param parentObject the parent's API object ({@code parent_object_api_name}); not blank
 * @param matchField the parent's field to match on ({@code parent_match_field}); not blank
 * @param value the match field's value; not null
 */
public record LookupReference(String parentObject, String matchField, String value) {
    /** Validates the components. */
    public LookupReference {
        Objects.requireNonNull(parentObject, "parentObject is null");
        Objects.requireNonNull(matchField, "matchField is null");
        Objects.requireNonNull(value, "value is null");
    }
}
