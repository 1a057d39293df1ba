package dev.destsdk.core.files;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * JSON Lines data files: one JSON object per line, keys are field names.
 *
 * @param encoding the text encoding; not null
 * @param gzip whether files are gzip-compressed ({@code .jsonl.gz})
 */
public record JsonLinesFileFormat(Charset encoding, boolean gzip) implements FileFormat {

    /** UTF-8, uncompressed. */
    public static final JsonLinesFileFormat DEFAULT = new JsonLinesFileFormat(StandardCharsets.UTF_8, false);

    /** Validates the components. */
    public JsonLinesFileFormat {
        Objects.requireNonNull(encoding, "encoding is null");
    }

    @Override
    public String fileSuffix() {
        return gzip ? ".jsonl.gz" : ".jsonl";
    }
}
