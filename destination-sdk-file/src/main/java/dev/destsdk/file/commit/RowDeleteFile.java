package dev.destsdk.file.commit;

import dev.destsdk.file.format.WrittenFile;
import java.util.List;
import java.util.Objects;

/**
 * A row-level delete file a stage wrote for a table format's row delta (MERGE): equality deletes hold the key
 * values of the batch's rows, and remove rows with those keys committed earlier (in two files: the keys whose
 * winning row is marked deleted apart, so that a committer can count updated and hard-deleted rows); position
 * deletes hold
 * {@code (file_path, pos)} pairs of rows in this batch's own data files that must not be visible (rows superseded by
 * a later row with the same key, and hard-deleted rows).
 *
 * @param file the written file; not null
 * @param kind what it deletes; not null
 * @param columns for the equality kinds, the key columns whose values it holds; for the position kinds, empty
 */
public record RowDeleteFile(WrittenFile file, Kind kind, List<String> columns) {
    /** What a delete file holds. */
    public enum Kind {
        /**
         * Key values of the batch's winning rows not marked deleted: rows of earlier commits with these keys are
         * deleted.
         */
        EQUALITY,
        /** Key values of the batch's winning rows marked deleted: deleted like {@link #EQUALITY}'s. */
        EQUALITY_MARKED_DELETED,
        /** Rows of this batch superseded by a later row with the same key (highest cursor, then last loaded). */
        POSITION_SUPERSEDED,
        /** Rows of this batch that win for their key but are marked deleted: removed only for hard deletes. */
        POSITION_HARD_DELETED;

        /** @return whether files of this kind are equality deletes (they hold key values, not positions) */
        public boolean isEquality() {
            return this == EQUALITY || this == EQUALITY_MARKED_DELETED;
        }
    }

    /** Validates the components and copies the list. */
    public RowDeleteFile {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(kind, "kind is null");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        if (kind.isEquality() == columns.isEmpty()) {
            throw new IllegalArgumentException("an equality delete file names its key columns, a position delete"
                    + " file none");
        }
    }
}
