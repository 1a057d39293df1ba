package dev.destsdk.file.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.destsdk.file.catalog.CatalogJson;
import dev.destsdk.file.commit.RowDeleteFile;
import dev.destsdk.file.format.WrittenFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a stage wrote for one sync and table, kept in the partition's {@code _staged.json} until the load publishes
 * it: the sync id and the data files with their rows and sizes. Not a publish: readers go through the catalog.
 *
 * @param syncId the sync id; not null
 * @param files the written files; not null
 * @param deletes the row-level delete files a MERGE of a keyed table needs (committers with row deltas only); not
 *     null, empty otherwise
 */
public record StagedManifest(String syncId, List<WrittenFile> files, List<RowDeleteFile> deletes) {
    /** Validates the components. */
    public StagedManifest {
        Objects.requireNonNull(syncId, "syncId is null");
        files = List.copyOf(files);
        deletes = List.copyOf(deletes);
    }

    /**
     * @param syncId the sync id
     * @param files the written files
     */
    public StagedManifest(String syncId, List<WrittenFile> files) {
        this(syncId, files, List.of());
    }

    /**
     * @return the JSON bytes
     * @throws IOException never in practice
     */
    public byte[] toJson() throws IOException {
        ObjectNode root = CatalogJson.MAPPER.createObjectNode();
        root.put("sync_id", syncId);
        ArrayNode array = root.putArray("files");
        for (WrittenFile f : files) {
            array.addObject().put("key", f.key()).put("format", f.format()).put("rows", f.rows())
                    .put("bytes", f.bytes());
        }
        ArrayNode deleteArray = root.putArray("deletes");
        for (RowDeleteFile d : deletes) {
            ObjectNode o = deleteArray.addObject().put("key", d.file().key()).put("format", d.file().format())
                    .put("rows", d.file().rows()).put("bytes", d.file().bytes()).put("kind", d.kind().name());
            ArrayNode columns = o.putArray("columns");
            d.columns().forEach(columns::add);
        }
        return CatalogJson.MAPPER.writeValueAsBytes(root);
    }

    /**
     * @param bytes JSON from {@link #toJson()}
     * @return the manifest
     * @throws IOException when the bytes are not such a manifest
     */
    public static StagedManifest fromJson(byte[] bytes) throws IOException {
        JsonNode root = CatalogJson.MAPPER.readTree(bytes);
        if (!root.hasNonNull("sync_id") || !root.path("files").isArray()) {
            throw new IOException("not a staged manifest");
        }
        List<WrittenFile> files = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            files.add(WrittenFile.of(f.path("key").asText(), f.path("format").asText(), f.path("rows").asLong(),
                    f.path("bytes").asLong()));
        }
        List<RowDeleteFile> deletes = new ArrayList<>();
        for (JsonNode d : root.path("deletes")) {
            List<String> columns = new ArrayList<>();
            d.path("columns").forEach(c -> columns.add(c.asText()));
            deletes.add(new RowDeleteFile(WrittenFile.of(d.path("key").asText(), d.path("format").asText(),
                    d.path("rows").asLong(), d.path("bytes").asLong()),
                    RowDeleteFile.Kind.valueOf(d.path("kind").asText()), columns));
        }
        return new StagedManifest(root.path("sync_id").asText(), files, deletes);
    }

    /** @return the rows of all files */
    public long rows() {
        return files.stream().mapToLong(WrittenFile::rows).sum();
    }

    /** @return the bytes of all files */
    public long bytes() {
        return files.stream().mapToLong(WrittenFile::bytes).sum();
    }
}
