package dev.destsdk.core.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NamespaceRulesTest {
    private static final NamingDefaults WAREHOUSE = new NamingDefaults(Optional.of("analytics"), "public");
    private static final NamingDefaults NO_CATALOGS = new NamingDefaults(Optional.empty(), "main");
    private static final FieldMetadata ORDER_DATE = FieldMetadata.builder("Order Date", CanonicalType.DATE).build();
    private static final ObjectMetadata ORDERS = ObjectMetadata.builder("Orders").schema("sales").catalog("erp")
            .fields(List.of(ORDER_DATE)).build();
    private static final ObjectMetadata NO_SCHEMA = ObjectMetadata.builder("contacts").build();

    @Test
    void defaultsUseTheDestinationDefaultsAndNoPrefix() {
        NamespaceRules rules = NamespaceRules.defaults();

        assertThat(rules.getSchemaStrategy()).isEqualTo(SchemaStrategy.DESTINATION_DEFAULT);
        assertThat(rules.getTablePrefix()).isEmpty();
        assertThat(rules.catalogName(ORDERS, WAREHOUSE)).contains("analytics");
        assertThat(rules.catalogName(ORDERS, NO_CATALOGS)).isEmpty();
        assertThat(rules.schemaName(ORDERS, WAREHOUSE)).isEqualTo("public");
        assertThat(rules.tableName(ORDERS)).isEqualTo("Orders");
        assertThat(rules).isEqualTo(NamespaceRules.builder().build());
    }

    @Test
    void appliesThePipelinePrefixToTablesOnly() {
        NamespaceRules rules = NamespaceRules.builder().tablePrefix("crm_").build();

        assertThat(rules.tableName(ORDERS)).isEqualTo("crm_Orders");
        assertThat(rules.schemaName(ORDERS, WAREHOUSE)).isEqualTo("public");
        assertThat(rules.columnName(ORDERS, ORDER_DATE)).isEqualTo("Order Date");
    }

    @Test
    void sourceSchemaStrategyUsesTheSourceSchemaWithItsPrefix() {
        NamespaceRules plain = NamespaceRules.builder().schemaStrategy(SchemaStrategy.SOURCE_SCHEMA).build();
        NamespaceRules prefixed = plain.toBuilder().schemaPrefix("raw_").build();

        assertThat(plain.schemaName(ORDERS, WAREHOUSE)).isEqualTo("sales");
        assertThat(prefixed.schemaName(ORDERS, WAREHOUSE)).isEqualTo("raw_sales");
    }

    @Test
    void sourceSchemaStrategyFallsBackToTheDefaultSchema() {
        NamespaceRules rules = NamespaceRules.builder().schemaStrategy(SchemaStrategy.SOURCE_SCHEMA)
                .schemaPrefix("raw_").build();
        ObjectMetadata blankSchema = ObjectMetadata.builder("x").schema(" ").build();

        assertThat(rules.schemaName(NO_SCHEMA, WAREHOUSE)).isEqualTo("public");
        assertThat(rules.schemaName(blankSchema, NO_CATALOGS)).isEqualTo("main");
    }

    @Test
    void customSchemaStrategyPutsEveryTableInOneSchema() {
        NamespaceRules rules = NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM)
                .customSchema("Landing Zone").build();

        assertThat(rules.schemaName(ORDERS, WAREHOUSE)).isEqualTo("Landing Zone");
        assertThat(rules.schemaName(NO_SCHEMA, NO_CATALOGS)).isEqualTo("Landing Zone");
        assertThat(rules.getCustomSchema()).contains("Landing Zone");
    }

    @Test
    void customCatalogOverridesTheDefault() {
        NamespaceRules rules = NamespaceRules.builder().customCatalog("lake").build();

        assertThat(rules.catalogName(ORDERS, WAREHOUSE)).contains("lake");
        assertThat(rules.catalogName(ORDERS, NO_CATALOGS)).contains("lake");
    }

    @ParameterizedTest
    @EnumSource(SchemaStrategy.class)
    void everyStrategyReturnsARawNameTheFormatterNormalises(SchemaStrategy strategy) {
        NamespaceRules.Builder builder = NamespaceRules.builder().schemaStrategy(strategy).tablePrefix("P_");
        if (strategy == SchemaStrategy.CUSTOM) {
            builder.customSchema("Custom");
        }
        NamespaceRules rules = builder.build();
        IdentifierPolicy postgres = PolicyPresets.POSTGRES_LIKE.policy();

        String schema = postgres.normalize(rules.schemaName(ORDERS, WAREHOUSE), IdentifierKind.SCHEMA);
        String table = postgres.normalize(rules.tableName(ORDERS), IdentifierKind.TABLE);

        assertThat(schema).isEqualTo(switch (strategy) {
            case DESTINATION_DEFAULT -> "public";
            case SOURCE_SCHEMA -> "sales";
            case CUSTOM -> "custom";
        });
        assertThat(table).isEqualTo("p_orders");
    }

    @Test
    void customWithoutASchemaSaysWhatToSet() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).build());

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getDetail()).contains("CUSTOM needs a schema name", "customSchema(");
    }

    @Test
    void customWithABlankSchemaIsRejected() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema("  ").build());

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getDetail()).contains("customSchema(");
    }

    @Test
    void aCustomSchemaWithAnotherStrategyIsRejected() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> NamespaceRules.builder().customSchema("landing").build());

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getDetail()).contains("only used with schema strategy CUSTOM", "DESTINATION_DEFAULT",
                "set schemaStrategy(CUSTOM) or remove customSchema");
    }

    @Test
    void aSchemaPrefixWithoutSourceSchemaIsRejected() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> NamespaceRules.builder().schemaStrategy(SchemaStrategy.CUSTOM).customSchema("c")
                        .schemaPrefix("raw_").build());

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getDetail()).contains("schemaPrefix 'raw_'", "set schemaStrategy(SOURCE_SCHEMA)");
    }

    @Test
    void aBlankCustomCatalogIsRejected() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> NamespaceRules.builder().customCatalog("").build());

        assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
        assertThat(e.getDetail()).contains("customCatalog is blank");
    }

    @Test
    void toStringIsJson() throws Exception {
        NamespaceRules rules = NamespaceRules.builder().tablePrefix("p\"x_").schemaStrategy(SchemaStrategy.CUSTOM)
                .customSchema("landing").build();

        JsonNode json = new ObjectMapper().readTree(rules.toString());

        assertThat(json.get("table_prefix").asText()).isEqualTo("p\"x_");
        assertThat(json.get("schema_strategy").asText()).isEqualTo("CUSTOM");
        assertThat(json.get("custom_schema").asText()).isEqualTo("landing");
        assertThat(json.get("custom_catalog").isNull()).isTrue();
        assertThat(json.get("schema_prefix").asText()).isEmpty();
    }

    @Test
    void toBuilderAndEqualityRoundTrip() {
        NamespaceRules rules = NamespaceRules.builder().tablePrefix("t_").schemaStrategy(SchemaStrategy.SOURCE_SCHEMA)
                .schemaPrefix("s_").customCatalog("c").build();

        assertThat(rules.toBuilder().build()).isEqualTo(rules).hasSameHashCodeAs(rules);
        assertThat(rules.toBuilder().tablePrefix("u_").build()).isNotEqualTo(rules);
    }
}
