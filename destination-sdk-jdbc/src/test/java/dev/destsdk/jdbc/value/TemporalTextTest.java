package dev.destsdk.jdbc.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.metadata.CanonicalType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemporalTextTest {

    @Test
    void formatsFixedWidthTextInUtcWithoutACalendarShift() {
        assertThat(TemporalText.format(LocalDate.of(1582, 10, 10))).isEqualTo("1582-10-10");
        assertThat(TemporalText.format(LocalTime.of(7, 5, 3))).isEqualTo("07:05:03.000000");
        assertThat(TemporalText.format(LocalDateTime.of(1500, 3, 1, 12, 34, 56, 123_456_000)))
                .isEqualTo("1500-03-01 12:34:56.123456");
        assertThat(TemporalText.format(OffsetDateTime.parse("1500-03-01T12:34:56.5+05:30")))
                .isEqualTo("1500-03-01 07:04:56.500000+00:00");
        assertThatThrownBy(() -> TemporalText.format("2024-01-01")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesWhatItFormatsAndTheFormsDriversPrint() {
        OffsetDateTime t = OffsetDateTime.parse("0001-01-01T00:00:00.000001Z");
        assertThat(TemporalText.parse(CanonicalType.TIMESTAMP_TZ, TemporalText.format(t))).isEqualTo(t);
        assertThat(TemporalText.parse(CanonicalType.TIMESTAMP_TZ, "1500-03-01 07:04:56+00"))
                .isEqualTo(OffsetDateTime.parse("1500-03-01T07:04:56Z"));
        assertThat(TemporalText.parse(CanonicalType.TIMESTAMP_TZ, "2024-06-30T23:59:59-08:00"))
                .isEqualTo(OffsetDateTime.parse("2024-07-01T07:59:59Z"));
        assertThat(TemporalText.parse(CanonicalType.TIMESTAMP_TZ, "2024-06-30 10:00:00"))
                .as("no offset: UTC").isEqualTo(OffsetDateTime.parse("2024-06-30T10:00:00Z"));
        assertThat(TemporalText.parse(CanonicalType.TIMESTAMP, "2024-06-30")).isEqualTo(
                LocalDateTime.of(2024, 6, 30, 0, 0));
        assertThat(TemporalText.parse(CanonicalType.TIME, " 23:59:59.999999 ")).isEqualTo(
                LocalTime.of(23, 59, 59, 999_999_000));
        assertThatThrownBy(() -> TemporalText.parse(CanonicalType.DATE, "2024-13-45"))
                .isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void textSortsInTimeOrder() {
        List<OffsetDateTime> times = List.of(OffsetDateTime.parse("1500-03-01T12:00:00+05:30"),
                OffsetDateTime.parse("1500-03-01T07:00:00.000001Z"), OffsetDateTime.parse("2024-01-01T00:00:00-01:00"),
                OffsetDateTime.parse("2024-01-01T00:30:00Z"));
        List<String> texts = new ArrayList<>(times.stream().map(TemporalText::format).toList());
        List<String> sorted = new ArrayList<>(texts);
        sorted.sort(null);
        assertThat(sorted).isEqualTo(List.of(texts.get(0), texts.get(1), texts.get(3), texts.get(2)));
    }
}
