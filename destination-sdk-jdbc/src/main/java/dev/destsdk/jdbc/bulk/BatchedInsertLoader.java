package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The generic bulk path for databases without a native one: reads records with {@link CsvRecordReader} and sends
 * them as batched, parameterised INSERTs, converting each value from its canonical text form to a typed JDBC
 * parameter. Slow next to COPY or LOAD DATA, but works on any JDBC database.
 *
 * <p>Placeholders come from {@link #placeholder(SqlDialect, ColumnDef)}: a plain {@code ?}, or {@code CAST(? AS
 * type)} for JSON and UUID, which are bound as text. Stateless and thread-safe.
 */
public final class BatchedInsertLoader implements BulkLoader {
    /** Rows per batch. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private final int batchSize;

    /** A loader with {@link #DEFAULT_BATCH_SIZE}. */
    public BatchedInsertLoader() {
        this(DEFAULT_BATCH_SIZE);
    }

    /**
     * @param batchSize rows per batch; positive
     */
    public BatchedInsertLoader(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public String describe() {
        return "batched INSERT (" + batchSize + " rows per batch)";
    }

    /**
     * @param dialect the dialect; not null
     * @param column the column; not null
     * @return the parameter placeholder for the column's values
     */
    static String placeholder(SqlDialect dialect, ColumnDef column) {
        return switch (column.canonicalType()) {
            case JSON, UUID -> "CAST(? AS " + column.nativeType() + ")";
            default -> "?";
        };
    }

    /**
     * @param dialect the dialect; not null
     * @param target the target; not null
     * @return the INSERT statement with one placeholder per file column and the constants' literals
     */
    public static String insertSql(SqlDialect dialect, BulkLoadTarget target) {
        return "INSERT INTO " + dialect.qualify(target.table()) + " ("
                + target.allColumnNames().stream().map(dialect::quote).collect(Collectors.joining(", "))
                + ") VALUES ("
                + Stream.concat(target.fileColumns().stream().map(c -> placeholder(dialect, c)),
                        target.constants().stream().map(BulkLoadTarget.ConstantColumn::literal))
                .collect(Collectors.joining(", "))
                + ")";
    }

    @Override
    public long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file) {
        String insert = insertSql(sql.dialect(), target);
        List<ColumnDef> columns = target.fileColumns();
        // The SDK's checks first (values, header, CSV rules), so that the binding below never guesses a value
        DataFileCheck.check(file, ValueRules.of(target, file.format()), sql.cancellation());
        long loaded = 0;
        try (CsvRecordReader reader = CsvRecordReader.open(file.path(), file.format(), columns.size());
             PreparedStatement ps = sql.connection().prepareStatement(insert)) {
            int pending = 0;
            var registration = sql.cancellation().onCancel(() -> cancelQuietly(ps));
            try {
                for (Optional<CsvRow> next = reader.next(); next.isPresent(); next = reader.next()) {
                    CsvRow row = next.get();
                    for (int i = 0; i < columns.size(); i++) {
                        bind(ps, i + 1, columns.get(i), row, file);
                    }
                    ps.addBatch();
                    pending++;
                    if (pending == batchSize) {
                        sql.cancellation().checkCancellation("batched insert of " + file.displayName());
                        ps.executeBatch();
                        loaded += pending;
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    sql.cancellation().checkCancellation("batched insert of " + file.displayName());
                    ps.executeBatch();
                    loaded += pending;
                }
            } finally {
                registration.close();
            }
        } catch (SQLException e) {
            throw sql.translate(e, insert).toBuilder().file(file.displayName()).build();
        }
        return loaded;
    }

    private static void cancelQuietly(PreparedStatement ps) {
        try {
            ps.cancel();
        } catch (SQLException ignored) {
            // the statement is finishing or closed: nothing to cancel
        }
    }

    private static void bind(PreparedStatement ps, int index, ColumnDef column, CsvRow row, LoadFile file)
            throws SQLException {
        String text = row.get(index - 1);
        if (text == null) {
            ps.setNull(index, sqlType(column.canonicalType()));
            return;
        }
        try {
            switch (column.canonicalType()) {
                case BOOLEAN -> ps.setBoolean(index, parseBoolean(text));
                case SHORT -> ps.setShort(index, Short.parseShort(text.trim()));
                case INTEGER -> ps.setInt(index, Integer.parseInt(text.trim()));
                case LONG -> ps.setLong(index, Long.parseLong(text.trim()));
                case FLOAT -> ps.setFloat(index, Float.parseFloat(text.trim()));
                case DOUBLE -> ps.setDouble(index, Double.parseDouble(text.trim()));
                case DECIMAL -> ps.setBigDecimal(index, new BigDecimal(text.trim()));
                case DATE -> ps.setObject(index, LocalDate.parse(text.trim()));
                case TIME -> ps.setObject(index, LocalTime.parse(text.trim()));
                case TIMESTAMP -> ps.setObject(index, LocalDateTime.parse(text.trim().replace(' ', 'T')));
                case TIMESTAMP_TZ -> ps.setObject(index, parseInstant(text.trim()));
                case BINARY -> ps.setBytes(index, BinaryValues.decode(text, file.format().binaryFormat(),
                        file.format().encoding()));
                case STRING, JSON, UUID -> ps.setString(index, text);
            }
        } catch (NumberFormatException | DateTimeParseException | ConnectorException e) {
            throw ConnectorException.builder(ErrorType.VALIDATION_ERROR, "value '" + abbreviate(text)
                            + "' is not a valid " + column.canonicalType() + ": " + e.getMessage())
                    .file(file.displayName()).line(row.lineNumber()).record(row.recordNumber()).column(column.name())
                    .build();
        }
    }

    private static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "1" -> true;
            case "false", "f", "0" -> false;
            default -> throw new NumberFormatException("expected true or false");
        };
    }

    private static OffsetDateTime parseInstant(String text) {
        String t = text.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
        }
    }

    private static int sqlType(CanonicalType type) {
        return switch (type) {
            case BOOLEAN -> Types.BOOLEAN;
            case SHORT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case LONG -> Types.BIGINT;
            case FLOAT -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case DECIMAL -> Types.NUMERIC;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMP_TZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case BINARY -> Types.VARBINARY;
            case STRING, JSON, UUID -> Types.VARCHAR;
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
