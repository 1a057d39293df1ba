package dev.destsdk.jdbc.bulk;

import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a bulk loader writes: a table (the staging table, a table being built aside, or the target itself), the
 * columns the data file fills, in file order, and the columns every loaded row gets the same value in (the sync's
 * tracking values, when the table has no defaults for them). The table's other columns take their defaults (e.g. a
 * staging table's row number and tracking values).
 *
 * @param table the table; not null
 * @param fileColumns the columns in the order of the file's fields; not empty
 * @param constants the columns filled with one value for every row, in order; not null, may be empty
 * @param createdInTransaction whether the table was created in the connection's current transaction and holds no
 *     rows but those this load's files put there, so that a loader may use a faster path that only such a table
 *     allows (PostgreSQL's {@code COPY ... FREEZE})
 * @param headerMatcher whether a name in a data file's header row stands for a file column (the load passes its
 *     identifier policy's mapping); not null
 * @param keyOrder where the value checks report the keys they accept, for a load that wants to know whether its
 *     batch repeats a key ({@link ValueRules#of}); not null, may be empty. The one mutable part: it follows the
 *     load's files in order
 * @param keepsFileOrder whether the rows must be stored in the order of the file's records, after the previous
 *     file's: a staging table's row numbers ({@link dev.destsdk.jdbc.dialect.SqlDialect#rowNumberExpression}) tell
 *     a later record of a key from an earlier one. Where false (a table built aside, the target of a load straight
 *     in) the order of the rows is the database's to choose, which lets a loader insert them in parallel
 */
public record BulkLoadTarget(TableName table, List<ColumnDef> fileColumns, List<ConstantColumn> constants,
                             boolean createdInTransaction, ValueRules.HeaderMatcher headerMatcher,
                             Optional<KeyOrder> keyOrder, boolean keepsFileOrder) {

    /** Validates and copies the components. */
    public BulkLoadTarget {
        Objects.requireNonNull(table, "table is null");
        fileColumns = List.copyOf(fileColumns);
        constants = List.copyOf(constants);
        Objects.requireNonNull(headerMatcher, "headerMatcher is null");
        Objects.requireNonNull(keyOrder, "keyOrder is null");
        if (fileColumns.isEmpty()) {
            throw new IllegalArgumentException("a bulk load target needs at least one column");
        }
    }

    /**
     * A target whose rows keep the file's order.
     *
     * @param table the table; not null
     * @param fileColumns the columns in the order of the file's fields; not empty
     * @param constants the columns filled with one value for every row, in order; not null, may be empty
     * @param createdInTransaction whether the table was created in the connection's current transaction
     * @param headerMatcher whether a name in a data file's header row stands for a file column; not null
     * @param keyOrder where the value checks report the keys they accept; not null, may be empty
     */
    public BulkLoadTarget(TableName table, List<ColumnDef> fileColumns, List<ConstantColumn> constants,
                          boolean createdInTransaction, ValueRules.HeaderMatcher headerMatcher,
                          Optional<KeyOrder> keyOrder) {
        this(table, fileColumns, constants, createdInTransaction, headerMatcher, keyOrder, true);
    }

    /**
     * A target that follows no key order and keeps the file's order.
     *
     * @param table the table; not null
     * @param fileColumns the columns in the order of the file's fields; not empty
     * @param constants the columns filled with one value for every row, in order; not null, may be empty
     * @param createdInTransaction whether the table was created in the connection's current transaction
     * @param headerMatcher whether a name in a data file's header row stands for a file column; not null
     */
    public BulkLoadTarget(TableName table, List<ColumnDef> fileColumns, List<ConstantColumn> constants,
                          boolean createdInTransaction, ValueRules.HeaderMatcher headerMatcher) {
        this(table, fileColumns, constants, createdInTransaction, headerMatcher, Optional.empty());
    }

    /**
     * A target whose header names must equal the column names.
     *
     * @param table the table; not null
     * @param fileColumns the columns in the order of the file's fields; not empty
     * @param constants the columns filled with one value for every row, in order; not null, may be empty
     * @param createdInTransaction whether the table was created in the connection's current transaction
     */
    public BulkLoadTarget(TableName table, List<ColumnDef> fileColumns, List<ConstantColumn> constants,
                          boolean createdInTransaction) {
        this(table, fileColumns, constants, createdInTransaction, String::equals);
    }

    /**
     * A target without constant columns, not created in the current transaction.
     *
     * @param table the table; not null
     * @param fileColumns the columns in the order of the file's fields; not empty
     */
    public BulkLoadTarget(TableName table, List<ColumnDef> fileColumns) {
        this(table, fileColumns, List.of(), false);
    }

    /** @return the file's column names in file order */
    public List<String> columnNames() {
        return fileColumns.stream().map(ColumnDef::name).toList();
    }

    /** @return the file's column names followed by the constant columns' names */
    public List<String> allColumnNames() {
        List<String> all = new ArrayList<>(columnNames());
        constants.forEach(c -> all.add(c.name()));
        return all;
    }

    /** @return the constants' values as text, in order, for loaders that append them to CSV records */
    public List<String> constantTexts() {
        return constants.stream().map(ConstantColumn::text).toList();
    }

    /**
     * One column every loaded row gets the same non-NULL value in, in the two forms loaders need.
     *
     * @param name the column name, a final identifier; not null
     * @param text the value as a database's CSV reader reads it for the column's type (e.g. ISO-8601 for a zoned
     *     timestamp, {@code false} for a boolean); not null
     * @param literal the value as a SQL literal of the column's type, rendered by the dialect; not null
     */
    public record ConstantColumn(String name, String text, String literal) {

        /** Validates the components. */
        public ConstantColumn {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(text, "text is null");
            Objects.requireNonNull(literal, "literal is null");
        }
    }
}
