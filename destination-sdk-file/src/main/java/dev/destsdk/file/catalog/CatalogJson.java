package dev.destsdk.file.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.file.format.FileColumn;
import dev.destsdk.file.format.FileSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The JSON form of the file catalog's documents (a table's state) and of its parts, in snake_case. Stateless.
 */
public final class CatalogJson {
    /** The mapper, for callers that write related documents (the staged manifest). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private CatalogJson() {
    }

    /**
     * @param table a table state
     * @return its JSON bytes
     * @throws IOException never in practice
     */
    public static byte[] write(CatalogTable table) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", 1);
        root.put("version", table.version());
        TableDefinition d = table.definition();
        root.put("database", d.id().database());
        root.put("table", d.id().table());
        root.put("format", d.format());
        root.put("location", d.location());
        ArrayNode keys = root.putArray("partition_keys");
        d.partitionKeys().forEach(keys::add);
        root.set("columns", columns(d.schema()));
        ArrayNode parts = root.putArray("partitions");
        for (CatalogPartition p : table.partitions()) {
            ObjectNode pn = parts.addObject();
            ObjectNode values = pn.putObject("values");
            p.values().forEach(values::put);
            pn.put("location", p.location());
            ArrayNode files = pn.putArray("files");
            for (CatalogFile f : p.files()) {
                files.addObject().put("key", f.key()).put("rows", f.rows()).put("bytes", f.bytes());
            }
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /**
     * @param bytes a document {@link #write} produced
     * @return the table state
     * @throws IOException when the document is not valid
     */
    public static CatalogTable read(byte[] bytes) throws IOException {
        JsonNode root = MAPPER.readTree(bytes);
        try {
            TableId id = new TableId(root.path("database").asText(), root.path("table").asText());
            List<String> keys = new ArrayList<>();
            root.path("partition_keys").forEach(k -> keys.add(k.asText()));
            TableDefinition d = new TableDefinition(id, columns(root.path("columns")), root.path("format").asText(),
                    root.path("location").asText(), keys);
            List<CatalogPartition> partitions = new ArrayList<>();
            for (JsonNode pn : root.path("partitions")) {
                Map<String, String> values = new LinkedHashMap<>();
                pn.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
                List<CatalogFile> files = new ArrayList<>();
                for (JsonNode f : pn.path("files")) {
                    files.add(new CatalogFile(f.path("key").asText(), f.path("rows").asLong(),
                            f.path("bytes").asLong()));
                }
                partitions.add(new CatalogPartition(values, pn.path("location").asText(), files));
            }
            return new CatalogTable(d, partitions, root.path("version").asLong());
        } catch (RuntimeException e) {
            throw new IOException("catalog document is not valid: " + e.getMessage(), e);
        }
    }

    /**
     * @param schema a schema
     * @return its JSON array of columns
     */
    public static ArrayNode columns(FileSchema schema) {
        ArrayNode columns = MAPPER.createArrayNode();
        for (FileColumn c : schema.columns()) {
            ObjectNode cn = columns.addObject();
            cn.put("name", c.name());
            cn.put("type", c.type().name());
            c.precision().ifPresent(p -> cn.put("precision", p));
            c.scale().ifPresent(s -> cn.put("scale", s));
            cn.put("nullable", c.nullable());
            c.fieldId().ifPresent(i -> cn.put("field_id", i));
        }
        return columns;
    }

    /**
     * @param node a JSON array {@link #columns(FileSchema)} produced
     * @return the schema
     */
    public static FileSchema columns(JsonNode node) {
        List<FileColumn> columns = new ArrayList<>();
        for (JsonNode cn : node) {
            columns.add(new FileColumn(cn.path("name").asText(), CanonicalType.valueOf(cn.path("type").asText()),
                    optionalInt(cn, "precision"), optionalInt(cn, "scale"), cn.path("nullable").asBoolean(true),
                    optionalInt(cn, "field_id")));
        }
        return new FileSchema(columns);
    }

    private static OptionalInt optionalInt(JsonNode node, String field) {
        return node.hasNonNull(field) ? OptionalInt.of(node.get(field).asInt()) : OptionalInt.empty();
    }
}
