package dev.destsdk.core.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;

/**
 * Reads and writes the metadata model in the seed documents' snake_case JSON shape. Unknown properties are kept
 * (see {@link ObjectMetadata#getUnknownProperties()}), never fatal. Thread-safe.
 */
public final class MetadataJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private MetadataJson() {
    }

    /**
     * @return a copy of the configured mapper, for callers that embed metadata in their own documents
     */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    /**
     * Writes any model value (object, field, mapping) as JSON.
     *
     * @param value the value; not null
     * @return compact JSON text
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ConnectorException(ErrorType.INTERNAL_ERROR, "cannot write metadata as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model value from JSON.
     *
     * @param json the JSON text; not null
     * @param type the model class, e.g. {@code ObjectMetadata.class}
     * @param <T> the model type
     * @return the value
     * @throws ConnectorException VALIDATION_ERROR naming the line, column and problem when the JSON is invalid
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            ConnectorException.Builder b = ConnectorException.builder(ErrorType.VALIDATION_ERROR,
                    "invalid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage()).cause(e);
            if (e.getLocation() != null) {
                b.line(e.getLocation().getLineNr()).column("char " + e.getLocation().getColumnNr());
            }
            throw b.build();
        }
    }
}
