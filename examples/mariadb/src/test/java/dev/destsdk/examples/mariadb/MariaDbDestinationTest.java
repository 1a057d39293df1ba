package dev.destsdk.examples.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MariaDB destination behaviour that needs no server. */
class MariaDbDestinationTest {
    private static final Map<String, String> SETTINGS = Map.of("url", "jdbc:mariadb://db.example:3306",
            "user", "loader", "password", "s3cret!", "database", "dw");

    @Test
    void settingsAreValidatedAndThePasswordNeverShows() {
        MariaDbConfig config = MariaDbConfig.fromMap(SETTINGS);
        assertThat(config.jdbcProperties().getProperty("sslMode")).isEqualTo("verify-full");
        assertThat(config.jdbcProperties().getProperty("allowLocalInfile")).isEqualTo("true");
        assertThat(config.toString()).doesNotContain("s3cret!");
        assertThat(DestinationFactory.find("mariadb").create(SETTINGS).toString()).doesNotContain("s3cret!");
        assertThatThrownBy(() -> MariaDbConfig.fromMap(Map.of("url", "jdbc:mariadb://h", "user", "u")))
                .hasMessageContaining("'database'");
        assertThatThrownBy(() -> MariaDbConfig.fromMap(Map.of("url", "jdbc:mariadb://h?sslMode=trust", "user", "u",
                "database", "d"))).hasMessageContaining("sslmode");
    }

    @Test
    void mappingKeepsCaseAndComparesColumnsCaseInsensitively() {
        Destination d = new MariaDbDestinationFactory().create(SETTINGS);
        ObjectMetadata source = ObjectMetadata.builder("Orders").fields(List.of(
                FieldMetadata.builder("Id", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder("Payload", CanonicalType.JSON).build(),
                FieldMetadata.builder("At", CanonicalType.TIMESTAMP_TZ).build())).build();
        ObjectMetadata mapped = d.mapToTargetObject(source, NamespaceRules.defaults(), Optional.empty());
        assertThat(mapped.getName()).isEqualTo("Orders");
        assertThat(mapped.getSchema()).hasValue("dw");
        assertThat(mapped.getFields()).extracting(f -> f.getOriginalDataType().orElseThrow())
                .containsExactly("INT", "JSON", "DATETIME(6)");
        ObjectMetadata clash = source.toBuilder().fields(List.of(
                FieldMetadata.builder("Name", CanonicalType.STRING).build(),
                FieldMetadata.builder("NAME", CanonicalType.STRING).build())).build();
        assertThatThrownBy(() -> d.mapToTargetObject(clash, NamespaceRules.defaults(), Optional.empty()))
                .hasMessageContaining("collision");
    }

    @Test
    void loadDataPassesBytesThroughForEveryFormatTheByteRewriteSupports() {
        // the rewrite turns the format's NULL fields into the unquoted word NULL
        assertThat(MariaDbLoadDataLoader.readsNatively(CsvFileFormat.DEFAULT)).isTrue();
        assertThat(MariaDbLoadDataLoader.readsNatively(CsvFileFormat.builder().emptyFieldAsNull(false)
                .nullIf("NULL").build())).isTrue();
        assertThat(MariaDbLoadDataLoader.readsNatively(CsvFileFormat.builder().skipHeader(2).nullIf("\\N")
                .build())).isTrue();
        assertThat(MariaDbLoadDataLoader.readsNatively(CsvFileFormat.builder().emptyFieldAsNull(false)
                .nullIf("NULL").trimSpace(true).build())).isFalse();
        assertThat(MariaDbLoadDataLoader.readsNatively(CsvFileFormat.builder().escape('\\').build())).isFalse();
    }

    @Test
    void namesThatBeginOrEndWithASpaceAreRefusedWhenMapping() {
        Destination d = new MariaDbDestinationFactory().create(SETTINGS);
        FieldMetadata id = FieldMetadata.builder("id", CanonicalType.INTEGER).build();
        for (ObjectMetadata source : List.of(
                ObjectMetadata.builder("orders ").fields(List.of(id)).build(),
                ObjectMetadata.builder(" orders").fields(List.of(id)).build(),
                ObjectMetadata.builder("orders").fields(List.of(id,
                        FieldMetadata.builder("name\t", CanonicalType.STRING).build())).build())) {
            assertThatThrownBy(() -> d.mapToTargetObject(source, NamespaceRules.builder().build(), Optional.empty()))
                    .isInstanceOfSatisfying(dev.destsdk.core.error.ConnectorException.class, e -> assertThat(
                            e.getErrorType()).isEqualTo(dev.destsdk.core.error.ErrorType.VALIDATION_ERROR))
                    .hasMessageContaining("begins or ends with a space");
        }
        assertThat(d.mapToTargetObject(ObjectMetadata.builder("or ders").fields(List.of(id)).build(),
                NamespaceRules.builder().build(), Optional.empty()).getName()).isEqualTo("or ders");
    }
}
