package dev.destsdk.examples.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.destsdk.core.capability.ConnectorCapabilitiesConfig;
import dev.destsdk.core.csv.BinaryFormat;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.DestinationFactory;
import dev.destsdk.core.spi.LoadMode;
import dev.destsdk.jdbc.dialect.ColumnDef;
import dev.destsdk.jdbc.dialect.ColumnType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PostgreSQL destination behaviour that needs no server: settings, mapping, capabilities, pass-through rules. */
class PostgresDestinationTest {
    private static final Map<String, String> SETTINGS = Map.of("url", "jdbc:postgresql://db.example:5432/warehouse",
            "user", "loader", "password", "s3cret!");

    @Test
    void settingsAreValidatedAndThePasswordNeverShows() {
        PostgresConfig config = PostgresConfig.fromMap(SETTINGS);
        assertThat(config.tls().key()).isEqualTo("verify-full");
        assertThat(config.jdbcProperties().getProperty("sslmode")).isEqualTo("verify-full");
        assertThat(config.schema()).isEqualTo("public");
        assertThat(config.toString()).doesNotContain("s3cret!").contains("****");
        Destination destination = DestinationFactory.find("postgresql").create(SETTINGS);
        assertThat(destination.toString()).doesNotContain("s3cret!");
        assertThatThrownBy(() -> PostgresConfig.fromMap(Map.of("url", "jdbc:postgresql://h/db?password=s3cret!",
                "user", "u"))).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
                    assertThat(e.getMessage()).doesNotContain("s3cret!");
                });
        assertThatThrownBy(() -> PostgresConfig.fromMap(Map.of("url", "jdbc:postgresql://h/db")))
                .hasMessageContaining("'user'");
        assertThatThrownBy(() -> PostgresConfig.fromMap(Map.of("url", "jdbc:postgresql://h/db", "user", "u",
                "bulk_load", "turbo"))).hasMessageContaining("bulk_load");
    }

    @Test
    void mappingFoldsToLowerCaseTruncatesTo63BytesAndReportsCollisions() {
        Destination d = new PostgresDestinationFactory().create(SETTINGS);
        String longName = "Ünïcødé_" + "x".repeat(80);
        ObjectMetadata source = ObjectMetadata.builder("Orders").schema("src").fields(List.of(
                FieldMetadata.builder("ID", CanonicalType.INTEGER).primaryKey(true).build(),
                FieldMetadata.builder(longName, CanonicalType.STRING).precision(20).build())).build();
        ObjectMetadata mapped = d.mapToTargetObject(source, NamespaceRules.builder().tablePrefix("P_").build(),
                Optional.empty());
        assertThat(mapped.getName()).isEqualTo("p_orders");
        assertThat(mapped.getSchema()).hasValue("public");
        assertThat(mapped.getFields().get(0).getName()).isEqualTo("id");
        assertThat(mapped.getFields().get(1).getName().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(63);
        assertThat(mapped.getFields().get(1).getOriginalDataType()).hasValue("varchar(20)");
        assertThat(mapped.getFormattedFullyQualifiedName()).hasValue("\"public\".\"p_orders\"");
        ObjectMetadata clash = source.toBuilder().fields(List.of(
                FieldMetadata.builder("Name", CanonicalType.STRING).build(),
                FieldMetadata.builder("NAME", CanonicalType.STRING).build())).build();
        assertThatThrownBy(() -> d.mapToTargetObject(clash, NamespaceRules.defaults(), Optional.empty()))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("collision");
    }

    @Test
    void capabilitiesDeclareWhatTheBaseImplements() {
        ConnectorCapabilitiesConfig caps = new PostgresDestinationFactory().create(SETTINGS).getCapabilitiesConfig();
        assertThat(caps.getLoadModes()).containsExactlyInAnyOrder(LoadMode.values());
        assertThat(caps.getDefaultLoadMode()).isEqualTo(LoadMode.MERGE);
        assertThat(caps.supportsStaging()).isFalse();
        assertThat(caps.supportsHardDeletes()).isTrue();
        assertThat(caps.atomicTruncateAndLoad()).isTrue();
        assertThat(caps.supportsSqlScripts()).isTrue();
        assertThat(caps.canPropagateEmptySchema()).isFalse();
    }

    @Test
    void copyPassesBytesThroughOnlyForFormatsItReadsExactly() {
        List<ColumnDef> text = List.of(new ColumnDef("a", ColumnType.of(CanonicalType.STRING), "text", true,
                Optional.empty()));
        List<ColumnDef> binary = List.of(new ColumnDef("b", ColumnType.of(CanonicalType.BINARY), "bytea", true,
                Optional.empty()));
        CsvFileFormat d = CsvFileFormat.DEFAULT;
        assertThat(PostgresCopyLoader.readsNatively(d, text)).isTrue();
        assertThat(PostgresCopyLoader.readsNatively(d.toBuilder().gzip(true).skipHeader(0).build(), text)).isTrue();
        assertThat(PostgresCopyLoader.readsNatively(d.toBuilder().emptyFieldAsNull(false).nullIf("NULL").build(),
                text)).isTrue();
        assertThat(PostgresCopyLoader.readsNatively(d, binary)).isFalse();
        assertThat(PostgresCopyLoader.readsNatively(d.toBuilder().binaryFormat(BinaryFormat.HEX).build(), binary))
                .isFalse();
        assertThat(PostgresCopyLoader.readsNatively(d.toBuilder().skipHeader(2).build(), text)).isFalse();
        assertThat(PostgresCopyLoader.readsNatively(d.toBuilder().nullIf("NULL").build(), text)).isFalse();
        assertThat(PostgresCopyLoader.readsNatively(d.toBuilder().emptyFieldAsNull(false).nullIf("a", "b").build(),
                text)).isFalse();
        assertThat(PostgresCopyLoader.readsNatively(d.toBuilder().trimSpace(true).build(), text)).isFalse();
        assertThat(PostgresCopyLoader.readsNatively(d.toBuilder().escape('\\').build(), text)).isFalse();
        assertThat(PostgresCopyLoader.readsNatively(d.toBuilder().encoding(java.nio.charset.StandardCharsets
                .ISO_8859_1).build(), text)).isFalse();
    }
}
