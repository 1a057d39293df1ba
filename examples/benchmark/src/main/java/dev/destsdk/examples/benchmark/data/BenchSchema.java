package dev.destsdk.examples.benchmark.data;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The twelve columns of the benchmark data set: a primary key, a cursor, and one column of each common type,
 * including text with delimiters, quotes and line breaks, and a nullable column holding both NULLs and empty
 * strings. Stateless.
 */
public final class BenchSchema {

    /** The columns in file order. */
    public static final List<BenchColumn> COLUMNS = List.of(
            column("id", CanonicalType.LONG, false).primaryKeyAndNotNull(),
            column("updated_at", CanonicalType.TIMESTAMP, false).cursorColumn(),
            column("qty", CanonicalType.INTEGER, true).plain(),
            new BenchColumn("amount", CanonicalType.DECIMAL, Optional.of(18), Optional.of(4), false, false, false),
            column("score", CanonicalType.DOUBLE, false).plain(),
            column("active", CanonicalType.BOOLEAN, false).plain(),
            column("birth_date", CanonicalType.DATE, false).plain(),
            column("created_at", CanonicalType.TIMESTAMP_TZ, false).plain(),
            new BenchColumn("code", CanonicalType.STRING, Optional.of(16), Optional.empty(), false, false, false),
            column("description", CanonicalType.STRING, false).plain(),
            column("ref", CanonicalType.UUID, false).plain(),
            column("note", CanonicalType.STRING, true).plain());

    private BenchSchema() {
    }

    /** @return the column names in file order */
    public static List<String> columnNames() {
        return COLUMNS.stream().map(BenchColumn::name).toList();
    }

    /** @return the column names joined by {@code ", "}, for column lists in SQL */
    public static String columnList() {
        return COLUMNS.stream().map(BenchColumn::name).collect(Collectors.joining(", "));
    }

    /** @return the CSV header line, without line break */
    public static String headerLine() {
        return String.join(",", columnNames());
    }

    /**
     * The source object an executor would hand to {@code mapToTargetObject}.
     *
     * @param table the source object name; not null
     * @return the object, without schema (the namespace rules decide it)
     */
    public static ObjectMetadata sourceObject(String table) {
        return ObjectMetadata.builder(table).type("table")
                .fields(COLUMNS.stream().map(BenchColumn::toField).toList()).build();
    }

    private static Draft column(String name, CanonicalType type, boolean nullable) {
        return new Draft(name, type, nullable);
    }

    private record Draft(String name, CanonicalType type, boolean nullable) {
        BenchColumn plain() {
            return new BenchColumn(name, type, Optional.empty(), Optional.empty(), nullable, false, false);
        }

        BenchColumn primaryKeyAndNotNull() {
            return new BenchColumn(name, type, Optional.empty(), Optional.empty(), false, true, false);
        }

        BenchColumn cursorColumn() {
            return new BenchColumn(name, type, Optional.empty(), Optional.empty(), nullable, false, true);
        }
    }
}
