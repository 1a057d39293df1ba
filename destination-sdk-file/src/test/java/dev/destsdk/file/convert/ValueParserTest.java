package dev.destsdk.file.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.file.format.FileColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueParserTest {
    private final ValueParser parser = new ValueParser(CsvFileFormat.DEFAULT);

    private Object parse(CanonicalType type, String text) {
        return parser.parse(FileColumn.of("c", type), text);
    }

    @Test
    void canonicalTextsParseToTheirTypedValues() {
        assertThat(parse(CanonicalType.BOOLEAN, "TRUE")).isEqualTo(true);
        assertThat(parse(CanonicalType.BOOLEAN, "0")).isEqualTo(false);
        assertThat(parse(CanonicalType.SHORT, "-32768")).isEqualTo((short) -32768);
        assertThat(parse(CanonicalType.LONG, "+9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(parse(CanonicalType.DOUBLE, "1.5E-7")).isEqualTo(1.5E-7);
        assertThat(parse(CanonicalType.FLOAT, "-3.4028235E38")).isEqualTo(-Float.MAX_VALUE);
        assertThat(parse(CanonicalType.DATE, "2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(parse(CanonicalType.TIME, "23:59:59.999999")).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
        assertThat(parse(CanonicalType.TIMESTAMP, "2024-01-31 13:45:00.5"))
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 13, 45, 0, 500_000_000));
        assertThat(parse(CanonicalType.TIMESTAMP_TZ, "2024-01-31T13:45:00.123456+05:30"))
                .isEqualTo(Instant.parse("2024-01-31T08:15:00.123456Z"));
        assertThat(parse(CanonicalType.TIMESTAMP_TZ, "2024-01-31T13:45:00Z"))
                .isEqualTo(Instant.parse("2024-01-31T13:45:00Z"));
        assertThat(parse(CanonicalType.UUID, "123E4567-e89b-12d3-a456-426614174000"))
                .isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertThat(parse(CanonicalType.BINARY, "AAEC")).isEqualTo(new byte[] {0, 1, 2});
        assertThat(parse(CanonicalType.JSON, "{\"a\": [1, 2]}")).isEqualTo("{\"a\": [1, 2]}");
        assertThat(parse(CanonicalType.STRING, "")).isEqualTo("");
        assertThat(parse(CanonicalType.STRING, null)).isNull();
    }

    @Test
    void nonFiniteFloatsAreRefusedAsOnEveryWarehouseConnector() {
        for (String text : new String[] {"NaN", "Infinity", "-Infinity", "+Infinity"}) {
            assertThatThrownBy(() -> parse(CanonicalType.DOUBLE, text)).as(text)
                    .hasMessageContaining("is not a finite DOUBLE");
            assertThatThrownBy(() -> parse(CanonicalType.FLOAT, text)).as(text)
                    .hasMessageContaining("is not a finite FLOAT");
        }
        assertThatThrownBy(() -> parse(CanonicalType.FLOAT, "3.5E38")).hasMessageContaining("out of the FLOAT range");
    }

    @Test
    void decimalsKeepTheirScaleAndAreNeverRounded() {
        FileColumn c = FileColumn.decimal("d", 6, 2);
        assertThat(parser.parse(c, "1.5")).isEqualTo(new BigDecimal("1.50"));
        assertThat(parser.parse(c, "-9999.99")).isEqualTo(new BigDecimal("-9999.99"));
        assertThatThrownBy(() -> parser.parse(c, "1.505")).hasMessageContaining("not rounded");
        assertThatThrownBy(() -> parser.parse(c, "10000")).hasMessageContaining("digits before the point");
        assertThat(parser.parse(c, "0e99999")).isEqualTo(new BigDecimal("0.00"));
        assertThat(parser.parse(c, "1250e-3")).isEqualTo(new BigDecimal("1.25"));
    }

    @Test
    void hugeExponentsAreRefusedAtOnceInsteadOfBeingExpanded() {
        FileColumn c = FileColumn.decimal("d", 38, 9);
        assertThatThrownBy(() -> parser.parse(c, "1e999999999")).hasMessageContaining("digits before the point");
        assertThatThrownBy(() -> parser.parse(c, "1e-999999999")).hasMessageContaining("digits after the point");
        assertThatThrownBy(() -> parser.parse(c, "1000e-999999999")).hasMessageContaining("digits after the point");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INTEGER|12x", "INTEGER|2147483648", "INTEGER|' 1'", "INTEGER|''", "SHORT|40000", "LONG|1.0",
            "BOOLEAN|yes", "DOUBLE|0x1p3", "DOUBLE|1d", "DOUBLE|1e", "DOUBLE|1e400", "DECIMAL|1,5",
            "DATE|2023-02-29", "DATE|2024-13-01", "DATE|24-01-01", "TIME|24:00:00", "TIME|12:00:00.0000001",
            "TIMESTAMP|2024-01-31T13:45:00+01:00", "TIMESTAMP_TZ|2024-01-31T13:45:00", "UUID|123e4567e89b12d3",
            "JSON|{\"a\":", "JSON|1 2", "BINARY|not base64!"})
    void textThatIsNotAValueOfItsTypeIsRefused(CanonicalType type, String text) {
        FileColumn column = type == CanonicalType.DECIMAL ? FileColumn.decimal("c", 10, 2) : FileColumn.of("c", type);
        assertThatThrownBy(() -> parser.parse(column, text)).isInstanceOf(ValueParser.InvalidValueException.class);
    }

    @Test
    void theBytePathAcceptsAndRefusesExactlyWhatTheStringPathDoes() {
        FileColumn[] columns = {FileColumn.of("l", CanonicalType.LONG), FileColumn.of("i", CanonicalType.INTEGER),
            FileColumn.of("s", CanonicalType.SHORT), FileColumn.decimal("d", 18, 4), FileColumn.decimal("e", 6, 2),
            FileColumn.decimal("z", 3, 0), FileColumn.decimal("w", 30, 5), FileColumn.of("t", CanonicalType.DATE)};
        String[] texts = {"0", "-0", "+7", "-", "+", "", "12", "-32768", "32768", "2147483647", "2147483648",
            "-2147483649", "999999999999999999", "9999999999999999999", "9223372036854775807",
            "-9223372036854775808", "1.5", "1.50", "1.505", "1.500", ".5", "5.", ".", "1e3", "1.2.3", "00001.25",
            "0000000000000000000001", "99999999999999.9999", "999999999999999.9999", "-9999.99", "10000", "999",
            "1000", "1,5", " 1", "1 ", "٣", "2024-01-31", "12345678901234567890123.45"};
        java.util.Random random = new java.util.Random(3);
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(texts));
        for (int n = 0; n < 20000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(22);
            for (int k = 0; k < len; k++) {
                b.append("0123456789.-+e ".charAt(random.nextInt(15)));
            }
            all.add(b.toString());
        }
        for (FileColumn c : columns) {
            for (String text : all) {
                byte[] bytes = ("x" + text + "y").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                Object expected;
                try {
                    expected = parser.parse(c, text);
                } catch (ValueParser.InvalidValueException e) {
                    expected = "refused: " + e.getMessage();
                }
                Object actual;
                try {
                    actual = parser.parse(c, bytes, 1, bytes.length - 1);
                } catch (ValueParser.InvalidValueException e) {
                    actual = "refused: " + e.getMessage();
                }
                assertThat(actual).as(c + " '" + text + "'").isEqualTo(expected);
                if (expected instanceof BigDecimal d) {
                    assertThat(((BigDecimal) actual).scale()).isEqualTo(d.scale());
                }
            }
        }
    }
}
