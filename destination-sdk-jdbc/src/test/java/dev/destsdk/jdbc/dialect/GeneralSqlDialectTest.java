package dev.destsdk.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.naming.IdentifierPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The read-back of the general dialect's own type names, and what the traits change in its rendering. */
class GeneralSqlDialectTest {

    private static GeneralSqlDialect dialect(DialectTraits traits) {
        return new GeneralSqlDialect("test", IdentifierPolicy.builder().build()) {
            @Override
            public DialectTraits traits() {
                return traits;
            }
        };
    }

    @Test
    void everyTypeItWritesReadsBackAsTheSameType() {
        GeneralSqlDialect d = dialect(DialectTraits.DEFAULT);
        for (CanonicalType t : CanonicalType.values()) {
            List<ColumnType> types = switch (t) {
                case DECIMAL -> List.of(ColumnType.of(t, 18, 2));
                case STRING, BINARY -> List.of(ColumnType.of(t), new ColumnType(t, Optional.of(40), Optional.empty()));
                default -> List.of(ColumnType.of(t));
            };
            for (ColumnType type : types) {
                String declared = d.nativeType(type).toLowerCase(Locale.ROOT);
                Optional<Integer> length = type.precision().filter(p -> t != CanonicalType.DECIMAL);
                assertThat(d.columnTypeOf(declared, length, Optional.empty(), Optional.empty()))
                        .as("%s written as %s", type, declared).hasValue(type);
            }
        }
        assertThat(d.nativeType(ColumnType.of(CanonicalType.STRING))).as("no bare VARCHAR").isEqualTo("CLOB");
        assertThat(d.nativeType(ColumnType.of(CanonicalType.BINARY))).as("no bare VARBINARY").isEqualTo("BLOB");
    }

    @Test
    void temporalsAsTextAndNoAlterColumnChangeWhatItRenders() {
        GeneralSqlDialect standard = dialect(DialectTraits.DEFAULT);
        GeneralSqlDialect text = dialect(DialectTraits.DEFAULT.withTemporalsAsText(true).withAltersColumns(false));
        Instant t = Instant.parse("1500-03-01T07:04:56.123456789Z");
        assertThat(standard.timestampTzLiteral(t))
                .isEqualTo("CAST('1500-03-01 07:04:56.123456+00:00' AS TIMESTAMP WITH TIME ZONE)");
        assertThat(text.timestampTzLiteral(t)).isEqualTo("'1500-03-01 07:04:56.123456+00:00'");
        ColumnDef date = new ColumnDef("d", ColumnType.of(CanonicalType.TIMESTAMP), "TIMESTAMP", true, Optional.empty());
        assertThat(standard.castTo("x", date)).isEqualTo("CAST(x AS TIMESTAMP)");
        assertThat(text.castTo("x", date)).isEqualTo("CAST(x AS CLOB)");
        TableName table = new TableName(Optional.empty(), Optional.of("s"), "t");
        assertThat(standard.widenColumn(table, date, date)).isPresent();
        assertThat(text.widenColumn(table, date, date)).isEmpty();
        assertThat(text.dropDefault(table, "d")).isEmpty();
        assertThat(standard.valueBinder()).isNotSameAs(text.valueBinder());
    }

    @Test
    void updateFromJoinAndWindowFunctionsAreOptInTraits() {
        GeneralSqlDialect portable = dialect(DialectTraits.DEFAULT);
        GeneralSqlDialect fast = dialect(DialectTraits.DEFAULT.withUpdatesFromJoin(true)
                .withRanksWithWindowFunctions(true));
        TableName target = new TableName(Optional.empty(), Optional.of("s"), "t");
        TableName staging = new TableName(Optional.empty(), Optional.of("s"), "st");
        List<String> keys = List.of("id");
        List<String> columns = List.of("v");

        String portableUpdate = portable.updateFromStaging(target, staging, keys, columns, Optional.empty());
        assertThat(portableUpdate).contains("WHERE EXISTS (SELECT 1").doesNotContain("ROW_NUMBER");
        assertThat(fast.updateFromStaging(target, staging, keys, columns, Optional.empty()))
                .isEqualTo(fast.updateFromJoin(target, staging, keys, columns, Optional.empty()))
                .isNotEqualTo(portableUpdate);

        String portableDedup = portable.deleteSupersededRows(staging, keys, Optional.of("v"));
        assertThat(portableDedup).contains("EXISTS").doesNotContain("OVER (");
        assertThat(fast.deleteSupersededRows(staging, keys, Optional.of("v")))
                .isEqualTo(fast.deleteSupersededByRank(staging, keys, Optional.of("v")))
                .contains("OVER (");
    }
}
