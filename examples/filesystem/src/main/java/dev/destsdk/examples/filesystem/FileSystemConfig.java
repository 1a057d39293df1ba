package dev.destsdk.examples.filesystem;

import dev.destsdk.core.config.ConfigReader;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.file.FileWriteOptions;
import dev.destsdk.file.format.Compression;
import dev.destsdk.file.format.CsvFormat;
import dev.destsdk.file.format.FormatWriterFactory;
import dev.destsdk.file.format.JsonLinesFormat;
import dev.destsdk.file.format.ParquetFormat;
import dev.destsdk.file.layout.PathLayout;
import dev.destsdk.file.store.LocalObjectStore;
import dev.destsdk.file.store.ObjectStore;
import dev.destsdk.file.store.S3ObjectStore;
import dev.destsdk.file.store.S3StoreConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The settings of the filesystem destination, from a string map:
 * <ul>
 *   <li>{@code store}: {@code local} (default) or {@code s3};</li>
 *   <li>local: {@code path}, the root directory;</li>
 *   <li>s3: {@code bucket}, {@code region} (default {@code us-east-1}), {@code endpoint} (an S3-compatible
 *       server; switches on path-style addressing), {@code access_key_id} and {@code secret_access_key} (else the
 *       AWS default credentials chain), {@code root_prefix};</li>
 *   <li>{@code prefix}: the key prefix of every table (default none);</li>
 *   <li>{@code format}: {@code parquet} (default), {@code json} or {@code csv};</li>
 *   <li>{@code compression}: for Parquet {@code zstd} (default), {@code snappy}, {@code gzip} or {@code none};
 *       for JSON Lines and CSV {@code none} (default) or {@code gzip};</li>
 *   <li>{@code target_file_size_mb} (default 128) and {@code threads} (default 2).</li>
 * </ul>
 * Unknown settings are refused. The secret key is never part of {@link #toString()}.
 *
 * @param settings the settings, validated
 */
public record FileSystemConfig(Map<String, String> settings) {
    private static final String NAME = "filesystem destination";
    private static final Set<String> KNOWN = Set.of("store", "path", "bucket", "region", "endpoint",
            "access_key_id", "secret_access_key", "root_prefix", "prefix", "format", "compression",
            "target_file_size_mb", "threads");

    /** Validates the settings: unknown ones are refused. */
    public FileSystemConfig {
        settings = Map.copyOf(settings);
        new ConfigReader(NAME, settings, KNOWN);
    }

    private ConfigReader reader() {
        return new ConfigReader(NAME, settings, KNOWN);
    }

    private Optional<String> get(String key) {
        return reader().optional(key);
    }

    private String required(String key) {
        return reader().required(key);
    }

    private static ConnectorException error(String detail) {
        return new ConnectorException(ErrorType.CONFIGURATION_ERROR, "filesystem destination: " + detail);
    }

    /**
     * @return a new store as configured; the caller closes it
     */
    public ObjectStore openStore() {
        String store = reader().oneOf("store", "local", Set.of("local", "s3"));
        switch (store) {
            case "local" -> {
                try {
                    return new LocalObjectStore(Path.of(required("path")));
                } catch (IOException e) {
                    throw new ConnectorException(ErrorType.CONFIGURATION_ERROR, "filesystem destination: cannot"
                            + " create the directory " + required("path") + ": " + e.getMessage(), e);
                }
            }
            case "s3" -> {
                S3StoreConfig c = S3StoreConfig.of(required("bucket"), get("region").orElse("us-east-1"))
                        .withRootPrefix(get("root_prefix").orElse(""));
                if (get("endpoint").isPresent()) {
                    c = c.withEndpoint(URI.create(get("endpoint").get()));
                }
                if (get("access_key_id").isPresent()) {
                    c = c.withCredentials(required("access_key_id"), Optional.ofNullable(
                            reader().secret("secret_access_key").orElse(null)).orElseThrow(() -> error(
                            "access_key_id needs secret_access_key")));
                }
                return new S3ObjectStore(c);
            }
            default -> throw error("store must be local or s3, not '" + store + "'");
        }
    }

    /** @return the target format */
    public FormatWriterFactory format() {
        String format = reader().oneOf("format", "parquet", Set.of("parquet", "json", "csv"));
        String compression = get("compression").orElse(format.equals("parquet") ? "zstd" : "none")
                .toLowerCase(Locale.ROOT);
        return switch (format) {
            case "parquet" -> ParquetFormat.of(switch (compression) {
                case "zstd" -> CompressionCodecName.ZSTD;
                case "snappy" -> CompressionCodecName.SNAPPY;
                case "gzip" -> CompressionCodecName.GZIP;
                case "none" -> CompressionCodecName.UNCOMPRESSED;
                default -> throw error("Parquet compression must be zstd, snappy, gzip or none");
            });
            case "json" -> new JsonLinesFormat(textCompression(compression));
            case "csv" -> CsvFormat.of(textCompression(compression));
            default -> throw error("format must be parquet, json or csv, not '" + format + "'");
        };
    }

    private static Compression textCompression(String name) {
        return switch (name) {
            case "none" -> Compression.NONE;
            case "gzip" -> Compression.GZIP;
            default -> throw error("JSON Lines and CSV compression must be none or gzip");
        };
    }

    /** @return the path layout */
    public PathLayout layout() {
        return new PathLayout(get("prefix").orElse(""));
    }

    /** @return the roll-over size and threads */
    public FileWriteOptions writeOptions() {
        ConfigReader r = reader();
        long mb = r.positiveLong("target_file_size_mb", 128);
        int threads = r.positiveInt("threads", 2);
        try {
            return new FileWriteOptions(mb << 20, threads);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    @Override
    public String toString() {
        Map<String, String> shown = new java.util.TreeMap<>(settings);
        shown.computeIfPresent("secret_access_key", (k, v) -> "****");
        return "FileSystemConfig" + shown;
    }
}
