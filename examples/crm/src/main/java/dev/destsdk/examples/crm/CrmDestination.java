package dev.destsdk.examples.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.destsdk.activation.ActivationLimits;
import dev.destsdk.activation.ApiFieldType;
import dev.destsdk.activation.BaseActivationDestination;
import dev.destsdk.activation.BatchEntry;
import dev.destsdk.activation.BatchResult;
import dev.destsdk.activation.FieldDescription;
import dev.destsdk.activation.LookupReference;
import dev.destsdk.activation.ObjectDescription;
import dev.destsdk.activation.Operation;
import dev.destsdk.activation.RecordOutcome;
import dev.destsdk.activation.WriteBatch;
import dev.destsdk.activation.engine.EngineRuntime;
import dev.destsdk.activation.state.MvStoreStateStore;
import dev.destsdk.activation.state.StateStore;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An activation destination for a CRM with HubSpot's CRM v3 batch API: {@code POST
 * /crm/v3/objects/{type}/batch/create|update|upsert} (with {@code idProperty}; 100 inputs per call; {@code results}
 * and {@code errors} in the answer, matched to inputs by {@code objectWriteTraceId}) and the object description from
 * {@code GET /crm/v3/properties/{type}}. It is the two hooks and configuration; batching, limits, retries, outcomes
 * and change-only state are {@link BaseActivationDestination}'s.
 *
 * <p>Answers: 429, or 403 / 200 with error category {@code RATE_LIMITS}, are throttling (honouring
 * {@code Retry-After}); 5xx and I/O failures (timeouts, resets) are retryable; 400 is a whole-batch rejection
 * (split by the engine); 401 ends the load as AUTHENTICATION_ERROR. The token goes only into the
 * {@code Authorization} header. Thread-safe: {@link #writeBatch} runs concurrently.
 */
public final class CrmDestination extends BaseActivationDestination {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CrmConfig config;
    private final HttpClient http;
    private final StateStore stateStore;

    /** @param config the configuration; not null */
    public CrmDestination(CrmConfig config) {
        this(config, EngineRuntime.system());
    }

    /**
     * @param config the configuration; not null
     * @param runtime the write engine's clock, executor and jitter; not null
     */
    public CrmDestination(CrmConfig config, EngineRuntime runtime) {
        super(runtime);
        this.config = Objects.requireNonNull(config, "config is null");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.stateStore = config.stateDirectory().map(MvStoreStateStore::open).orElse(null);
    }

    @Override
    public String name() {
        return "crm";
    }

    @Override
    protected ActivationLimits limits() {
        return config.limits();
    }

    @Override
    protected Optional<StateStore> stateStore() {
        return Optional.ofNullable(stateStore);
    }

    /** @return {@code hs_object_id}: UPDATE and UPSERT match on the record id unless merge keys are selected */
    @Override
    protected List<String> defaultMergeKeys(ObjectDescription description) {
        return description.field("hs_object_id").isPresent() ? List.of("hs_object_id") : List.of();
    }

    @Override
    protected ObjectDescription describeObject(String objectName) {
        HttpResponse<String> response;
        try {
            response = http.send(request("/crm/v3/properties/" + encode(objectName)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ConnectorException.builder(ErrorType.API_ERROR, "cannot read the properties of " + objectName
                    + ": " + e.getMessage()).object(objectName).retryable(true).cause(e).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.cancelled("describe " + objectName);
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new ConnectorException(ErrorType.AUTHENTICATION_ERROR, "the CRM refused the token (HTTP 401); "
                    + "check the configured token");
        }
        if (status == 404) {
            throw ConnectorException.builder(ErrorType.CONFIGURATION_ERROR, "the CRM has no object type '"
                    + objectName + "'; set activation_target to an existing object").object(objectName).build();
        }
        if (status != 200) {
            throw ConnectorException.builder(ErrorType.API_ERROR, "reading the properties of " + objectName
                    + " failed with HTTP " + status).object(objectName).retryable(status >= 500).build();
        }
        List<FieldDescription> fields = new ArrayList<>();
        for (JsonNode p : readJson(response.body()).path("results")) {
            boolean readOnly = p.path("modificationMetadata").path("readOnlyValue").asBoolean(false);
            List<String> options = new ArrayList<>();
            p.path("options").forEach(o -> options.add(o.path("value").asText()));
            fields.add(new FieldDescription(p.path("name").asText(), type(p.path("type").asText()),
                    p.path("required").asBoolean(false), p.path("createable").asBoolean(!readOnly),
                    p.path("updateable").asBoolean(!readOnly), readOnly, p.path("hasUniqueValue").asBoolean(false),
                    options, p.hasNonNull("referenceTo") ? Optional.of(p.path("referenceTo").asText())
                            : Optional.empty()));
        }
        return ObjectDescription.of(objectName, fields);
    }

    @Override
    protected BatchResult writeBatch(WriteBatch batch) {
        String op = switch (batch.operation()) {
            case INSERT -> "create";
            case UPDATE -> "update";
            case UPSERT -> "upsert";
        };
        ObjectNode body = JSON.createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        for (BatchEntry e : batch.entries()) {
            ObjectNode input = inputs.addObject();
            input.put("objectWriteTraceId", Long.toString(e.correlationId()));
            if (batch.operation() != Operation.INSERT) {
                input.put("idProperty", batch.mergeKeys().get(0));
                input.put("id", e.mergeKeyValues().get(0));
            }
            ObjectNode props = input.putObject("properties");
            e.values().forEach((k, v) -> put(props, k, v));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request("/crm/v3/objects/" + encode(batch.objectName()) + "/batch/" + op)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new BatchResult.Retryable(e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.cancelled("batch " + op + " to " + batch.objectName());
        }
        return read(batch, response);
    }

    private BatchResult read(WriteBatch batch, HttpResponse<String> response) {
        int status = response.statusCode();
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(CrmDestination::retryAfter);
        JsonNode json = readJson(response.body());
        String category = json.path("category").asText("");
        String message = json.path("message").asText("");
        if (status == 429 || ((status == 403 || status == 200) && category.equals("RATE_LIMITS"))) {
            return new BatchResult.Throttled(retryAfter, "HTTP " + status + " " + message);
        }
        if (status == 401) {
            throw new ConnectorException(ErrorType.AUTHENTICATION_ERROR, "the CRM refused the token (HTTP 401); "
                    + "check the configured token");
        }
        if (status >= 500) {
            return new BatchResult.Retryable("HTTP " + status + " " + message, retryAfter);
        }
        if (status == 400) {
            return new BatchResult.RejectedWhole(category + ": " + message);
        }
        if (status != 200 && status != 207) {
            throw ConnectorException.builder(ErrorType.API_ERROR, "batch call to " + batch.objectName()
                    + " answered HTTP " + status + ": " + message).object(batch.objectName()).build();
        }
        Map<Long, RecordOutcome> outcomes = new HashMap<>();
        for (JsonNode r : json.path("results")) {
            traceId(r.path("objectWriteTraceId")).ifPresent(id -> outcomes.put(id,
                    new RecordOutcome.Succeeded(r.path("id").asText())));
        }
        for (JsonNode e : json.path("errors")) {
            String reason = e.path("category").asText("ERROR") + ": " + e.path("message").asText();
            for (JsonNode t : e.path("context").path("objectWriteTraceId")) {
                traceId(t).ifPresent(id -> outcomes.put(id, new RecordOutcome.Failed(reason)));
            }
        }
        return new BatchResult.PerRecord(outcomes);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + path)).timeout(config.requestTimeout())
                .header("Authorization", config.token().bearerHeader())
                .header("Content-Type", "application/json");
    }

    private static void put(ObjectNode props, String name, Object v) {
        if (v == null) {
            props.put(name, ""); // HubSpot clears a property set to the empty string
        } else if (v instanceof LookupReference ref) {
            props.putObject(name).put("idProperty", ref.matchField()).put("id", ref.value());
        } else if (v instanceof BigDecimal d) {
            props.put(name, d.toPlainString());
        } else {
            props.put(name, v.toString());
        }
    }

    private static Optional<Long> traceId(JsonNode n) {
        try {
            return n.isMissingNode() || n.isNull() ? Optional.empty() : Optional.of(Long.parseLong(n.asText()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Duration> retryAfter(String header) {
        try {
            BigDecimal seconds = new BigDecimal(header.trim());
            return Optional.of(Duration.ofMillis(seconds.movePointRight(3).longValue()));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static ApiFieldType type(String hubspotType) {
        return switch (hubspotType) {
            case "number" -> ApiFieldType.NUMBER;
            case "bool" -> ApiFieldType.BOOLEAN;
            case "date" -> ApiFieldType.DATE;
            case "datetime" -> ApiFieldType.DATETIME;
            case "enumeration" -> ApiFieldType.PICKLIST;
            case "reference" -> ApiFieldType.REFERENCE;
            default -> ApiFieldType.STRING;
        };
    }

    private static JsonNode readJson(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (stateStore != null) {
            stateStore.close();
        }
    }

    @Override
    public String toString() {
        return "CrmDestination[" + config + "]";
    }
}
