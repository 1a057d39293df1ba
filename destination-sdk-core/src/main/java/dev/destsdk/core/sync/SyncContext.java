package dev.destsdk.core.sync;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The sync metadata every stage and load request carries: the ingestion cutoff ({@code syncTime}) and the job id
 * ({@code syncId}). A destination never invents either; it uses these for tracking columns, partitions, staging
 * table names and file names.
 *
 * <p>The sync id is restricted to {@code [A-Za-z0-9][A-Za-z0-9_.-]{0,127}} because it becomes part of table names and
 * paths. Immutable.
 *
 * @param syncTime the ingestion cutoff of the job; not null
 * @param syncId the job id; not null, matching the pattern above
 */
public record SyncContext(Instant syncTime, String syncId) {
    private static final Pattern SYNC_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    /**
     * Validates both parts.
     *
     * @throws ConnectorException VALIDATION_ERROR when a part is missing or the id is malformed
     */
    public SyncContext {
        if (syncTime == null) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR,
                    "syncTime is required: pass the job's ingestion cutoff, never Instant.now()");
        }
        if (syncId == null || syncId.isBlank()) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR,
                    "syncId is required: pass the job id, never a random UUID");
        }
        if (!SYNC_ID.matcher(syncId).matches()) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR,
                    "syncId '" + syncId + "' is invalid: use 1 to 128 characters from [A-Za-z0-9_.-], "
                            + "starting with a letter or digit");
        }
    }

    /**
     * The sync id reduced to {@code [a-z0-9_]}, for use inside identifiers such as staging table names.
     *
     * @return the id, lower-cased, with every other character replaced by {@code _}
     */
    public String syncIdAsIdentifierPart() {
        StringBuilder sb = new StringBuilder(syncId.length());
        for (int i = 0; i < syncId.length(); i++) {
            char c = Character.toLowerCase(syncId.charAt(i));
            sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return sb.toString();
    }
}
