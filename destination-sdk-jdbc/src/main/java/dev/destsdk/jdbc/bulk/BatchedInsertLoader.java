package dev.destsdk.jdbc.bulk;

import dev.destsdk.core.csv.CsvRecordReader;
import dev.destsdk.core.csv.CsvRow;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.jdbc.SqlExecutor;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.SqlDialect;
import dev.destsdk.jdbc.value.ValueBinder;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The generic bulk path for databases without a native one: reads records with {@link CsvRecordReader} and sends
 * them as batched, parameterised INSERTs, converting each value from its canonical text form to a typed JDBC
 * parameter. Slow next to COPY or LOAD DATA, but works on any JDBC database.
 *
 * <p>The statement is the dialect's ({@link SqlDialect#insertValues}, {@link SqlDialect#parameter}); values are
 * parsed here and bound by the dialect's {@link SqlDialect#valueBinder()}, so a driver that binds a type badly needs
 * a different binder, not a different loader. Stateless and thread-safe.
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
     * @param target the target; not null
     * @return the INSERT statement the dialect renders ({@link SqlDialect#insertValues}), with one parameter
     *     ({@link SqlDialect#parameter}) per file column and the constants' literals
     */
    public static String insertSql(SqlDialect dialect, BulkLoadTarget target) {
        return dialect.insertValues(target.table(), target.allColumnNames(),
                Stream.concat(target.fileColumns().stream().map(dialect::parameter),
                        target.constants().stream().map(BulkLoadTarget.ConstantColumn::literal)).toList());
    }

    @Override
    public long load(SqlExecutor sql, BulkLoadTarget target, LoadFile file) {
        String insert = insertSql(sql.dialect(), target);
        List<ColumnDef> columns = target.fileColumns();
        // The SDK's checks first (values, header, CSV rules), so that the binding below never guesses a value
        DataFileCheck.check(file, ValueRules.of(target, file.format()), sql.cancellation());
        ValueBinder binder = sql.dialect().valueBinder();
        long loaded = 0;
        try (CsvRecordReader reader = CsvRecordReader.open(file.path(), file.format(), columns.size());
             PreparedStatement ps = sql.connection().prepareStatement(insert)) {
            int pending = 0;
            var registration = sql.cancellation().onCancel(() -> cancelQuietly(ps));
            try {
                for (Optional<CsvRow> next = reader.next(); next.isPresent(); next = reader.next()) {
                    CsvRow row = next.get();
                    for (int i = 0; i < columns.size(); i++) {
                        binder.bind(ps, i + 1, columns.get(i).canonicalType(), parse(columns.get(i), row, i, file));
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

    /** The value of a field as the Java type of its canonical type; null for NULL. */
    private static Object parse(ColumnDef column, CsvRow row, int field, LoadFile file) {
        String text = row.get(field);
        if (text == null) {
            return null;
        }
        try {
            return switch (column.canonicalType()) {
                case BOOLEAN -> parseBoolean(text);
                case SHORT -> Short.parseShort(text.trim());
                case INTEGER -> Integer.parseInt(text.trim());
                case LONG -> Long.parseLong(text.trim());
                case FLOAT -> Float.parseFloat(text.trim());
                case DOUBLE -> Double.parseDouble(text.trim());
                case DECIMAL -> new BigDecimal(text.trim());
                case DATE -> LocalDate.parse(text.trim());
                case TIME -> LocalTime.parse(text.trim());
                case TIMESTAMP -> LocalDateTime.parse(text.trim().replace(' ', 'T'));
                case TIMESTAMP_TZ -> parseInstant(text.trim());
                case BINARY -> BinaryValues.decode(text, file.format().binaryFormat(), file.format().encoding());
                case STRING, JSON, UUID -> text;
            };
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

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
