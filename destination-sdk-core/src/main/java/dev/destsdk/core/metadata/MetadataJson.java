package dev.destsdk.core.metadata;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.util.Objects;

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
     * @throws ConnectorException VALIDATION_ERROR naming the line, the column (1-based character position), the
     *     property path and the problem when the JSON is invalid or a value breaks the model's rules
     */
    public static <T> T read(String json, Class<T> type) {
        Objects.requireNonNull(json, "json is null");
        Objects.requireNonNull(type, "type is null");
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw invalid(type, e);
        }
    }

    private static ConnectorException invalid(Class<?> type, JsonProcessingException e) {
        StringBuilder detail = new StringBuilder("invalid ").append(type.getSimpleName()).append(" JSON");
        String problem = e.getOriginalMessage();
        if (e instanceof JsonMappingException mapping) {
            String path = pathOf(mapping);
            if (!path.isEmpty()) {
                detail.append(" at ").append(path);
            }
            // A builder's own validation (e.g. a missing name) is the actionable part; Jackson's wrapper text
            // ("Cannot construct instance of ...") is not.
            if (mapping instanceof ValueInstantiationException && e.getCause() != null
                    && e.getCause().getMessage() != null) {
                problem = e.getCause().getMessage();
            }
        }
        detail.append(": ").append(problem);
        ConnectorException.Builder b = ConnectorException.builder(ErrorType.VALIDATION_ERROR, detail.toString()).cause(e);
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            b.line(location.getLineNr());
            if (location.getColumnNr() > 0) {
                b.column(String.valueOf(location.getColumnNr()));
            }
        }
        return b.build();
    }

    /** Renders Jackson's reference path as {@code fields[2].canonical_type}. */
    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
