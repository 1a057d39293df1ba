package dev.destsdk.jdbc.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
    private static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("name", ColumnType.of(CanonicalType.STRING), "text", true, Optional.empty()),
            new ColumnDef("id", ColumnType.of(CanonicalType.LONG), "bigint", false, Optional.empty()));

    /** Streams the files through the pass-through's checks, one after another, as one load does. */
    private static long check(KeyOrder order, String... files) throws IOException {
        ValueRules rules = new ValueRules(COLUMNS, CsvFileFormat.DEFAULT, String::equals, Optional.of(order));
        long records = 0;
        for (String file : files) {
            try (InputStream in = new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8));
                 CsvPassThrough pass = new CsvPassThrough(in, CsvFileFormat.DEFAULT, rules, "", List.of())) {
                pass.transferTo(OutputStream.nullOutputStream());
                assertThat(pass.failure()).isEmpty();
                records += pass.records();
            }
        }
        return records;
    }

    private static KeyOrder order() {
        return KeyOrder.forKey(COLUMNS, List.of("id")).orElseThrow();
    }

    @Test
    void increasingKeysAcrossFilesProveThatNoKeyRepeats() throws IOException {
        KeyOrder order = order();
        long rows = check(order, "name,id\na,-5\nb,0\nc,7\n", "name,id\nd,8\ne,9223372036854775807\n");

        assertThat(order.column()).isEqualTo(1);
        assertThat(order.provesNoRepeatedKey(rows)).isTrue();
        assertThat(order.provesNoRepeatedKey(rows + 1)).as("a row whose key was not seen proves nothing").isFalse();
    }

    @Test
    void aRepeatedOrDecreasingKeyProvesNothing() throws IOException {
        KeyOrder repeated = order();
        long rows = check(repeated, "name,id\na,1\nb,2\n", "name,id\nc,2\nd,3\n");
        KeyOrder decreasing = order();
        long rows2 = check(decreasing, "name,id\na,10\nb,9\nc,11\n");

        assertThat(repeated.provesNoRepeatedKey(rows)).isFalse();
        assertThat(decreasing.provesNoRepeatedKey(rows2)).isFalse();
    }

    @Test
    void keysTakenAsTextAreComparedByValue() {
        KeyOrder order = order();
        ValueRules rules = new ValueRules(COLUMNS, CsvFileFormat.DEFAULT, String::equals, Optional.of(order));

        assertThat(rules.value(1, "41", 2, 1)).isEmpty();
        assertThat(rules.value(0, "99", 2, 1)).as("another column's value is no key").isEmpty();
        byte[] next = "42".getBytes(StandardCharsets.US_ASCII);
        assertThat(rules.value(1, next, next.length, 3, 2)).isEmpty();
        assertThat(rules.value(1, "x", 4, 3)).as("a refused value is no key").isPresent();
        assertThat(order.provesNoRepeatedKey(2)).isTrue();
        assertThat(rules.value(1, "42", 5, 4)).isEmpty();
        assertThat(order.provesNoRepeatedKey(3)).isFalse();
    }

    @Test
    void onlyASingleIntegerKeyIsFollowed() {
        List<ColumnDef> columns = List.of(
                new ColumnDef("a", ColumnType.of(CanonicalType.INTEGER), "integer", false, Optional.empty()),
                new ColumnDef("b", ColumnType.of(CanonicalType.STRING), "text", false, Optional.empty()));

        assertThat(KeyOrder.forKey(columns, List.of("a"))).isPresent();
        assertThat(KeyOrder.forKey(columns, List.of("b"))).as("text keys may compare by collation").isEmpty();
        assertThat(KeyOrder.forKey(columns, List.of("a", "b"))).isEmpty();
        assertThat(KeyOrder.forKey(columns, List.of())).isEmpty();
        assertThat(KeyOrder.forKey(columns, List.of("c"))).isEmpty();
    }
}
