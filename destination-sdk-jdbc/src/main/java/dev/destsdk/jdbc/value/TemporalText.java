package dev.destsdk.jdbc.value;

import dev.destsdk.core.metadata.CanonicalType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Dates and times as fixed-width text that sorts in time order, for databases that store them as text (SQLite):
 * {@code 2024-01-31}, {@code 13:45:00.000000}, {@code 2024-01-31 13:45:00.000000} and, for zoned timestamps, the
 * instant in UTC: {@code 2024-01-31 13:45:00.000000+00:00}. Proleptic Gregorian throughout (no Julian shift before
 * 1582). Stateless.
 */
public final class TemporalText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final DateTimeFormatter LENIENT_TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private TemporalText() {
    }

    /**
     * @param value a {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime} or {@code OffsetDateTime}; not null
     * @return its text as the class documentation shows (microseconds; a zoned timestamp in UTC)
     * @throws IllegalArgumentException for another class
     */
    public static String format(Object value) {
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof LocalTime t) {
            return TIME.format(t);
        }
        if (value instanceof LocalDateTime t) {
            return TIMESTAMP.format(t);
        }
        if (value instanceof OffsetDateTime t) {
            return TIMESTAMP.format(t.withOffsetSameInstant(ZoneOffset.UTC)) + "+00:00";
        }
        throw new IllegalArgumentException("not a date or time: " + value.getClass().getName());
    }

    /**
     * Parses the text {@link #format} writes, ISO-8601 with {@code T}, and offsets of hours only ({@code +00}, as
     * PostgreSQL and DuckDB print them); a zoned timestamp without an offset is taken as UTC, a date alone as
     * midnight where a timestamp is asked for.
     *
     * @param type DATE, TIME, TIMESTAMP or TIMESTAMP_TZ; not null
     * @param text the text; not null
     * @return the value
     * @throws DateTimeParseException when the text is not such a value
     */
    public static Object parse(CanonicalType type, String text) {
        String t = text.trim();
        return switch (type) {
            case DATE -> LocalDate.parse(t);
            case TIME -> LocalTime.parse(t);
            case TIMESTAMP -> t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t, LENIENT_TIMESTAMP);
            case TIMESTAMP_TZ -> {
                var parsed = LENIENT_TIMESTAMP.parse(t.length() == 10 ? t + " 00:00" : t);
                LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed), LocalTime.from(parsed));
                ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                        ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
                yield local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC);
            }
            default -> throw new IllegalArgumentException(type + " is not a date or time type");
        };
    }
}
