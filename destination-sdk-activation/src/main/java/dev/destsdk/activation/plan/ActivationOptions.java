package dev.destsdk.activation.plan;

import java.util.Map;
import java.util.Objects;

/**
 * The options of a load from {@code activation_behaviour}. Immutable.
 *
 * @param insertNulls {@code insert_nulls}: a NULL or empty value clears the API field (true, the default) or leaves
 *     it as it is (false: the field is not sent)
 * @param trimWhitespace {@code trim_whitespace}: leading and trailing whitespace is removed before conversion
 *     (default false)
 * @param changeOnly {@code change_only}: send only records whose mapped values changed since the last successful
 *     sync of the same target, plus those that failed (default false; needs a state store)
 * @param fullResync {@code full_resync}: with {@code change_only}, ignore the kept state and send every record
 *     (default false); the state is still updated
 * @param all every entry of {@code activation_behaviour}, for options a connector adds; unmodifiable
 */
public record ActivationOptions(boolean insertNulls, boolean trimWhitespace, boolean changeOnly, boolean fullResync,
                                Map<String, Object> all) {
    /** Option key of the operation. */
    public static final String OPERATION = "operation";
    /** Option key of {@link #insertNulls()}. */
    public static final String INSERT_NULLS = "insert_nulls";
    /** Option key of {@link #trimWhitespace()}. */
    public static final String TRIM_WHITESPACE = "trim_whitespace";
    /** Option key of {@link #changeOnly()}. */
    public static final String CHANGE_ONLY = "change_only";
    /** Option key of {@link #fullResync()}. */
    public static final String FULL_RESYNC = "full_resync";

    /** Copies the map. */
    public ActivationOptions {
        all = Map.copyOf(Objects.requireNonNull(all, "all is null"));
    }
}
