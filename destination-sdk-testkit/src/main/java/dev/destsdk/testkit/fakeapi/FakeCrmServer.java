package dev.destsdk.testkit.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process fake of a CRM's batch API, shaped on HubSpot's CRM v3 API, for testing activation connectors
 * against the failures real SaaS APIs show. It listens on {@code 127.0.0.1} on an ephemeral port and keeps its
 * objects in memory.
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code GET /crm/v3/properties/{type}}: the type's properties as {@code {"results": [...]}} (see
 *       {@link FakeProperty} for the fields); 404 for an unknown type.</li>
 *   <li>{@code POST /crm/v3/objects/{type}/batch/create}: {@code {"inputs": [{"properties": {...},
 *       "objectWriteTraceId": "..."}]}}.</li>
 *   <li>{@code POST /crm/v3/objects/{type}/batch/update}: inputs with {@code id}, optional {@code idProperty}
 *       (default {@code hs_object_id}) and {@code properties}; a record that does not exist is an error
 *       ({@code OBJECT_NOT_FOUND}), never created.</li>
 *   <li>{@code POST /crm/v3/objects/{type}/batch/upsert}: inputs with {@code id}, {@code idProperty} (a unique
 *       property) and {@code properties}: updates the record with that value or creates it.</li>
 * </ul>
 * A batch answer is {@code {"status": "COMPLETE", "results": [...], "errors": [...], "numErrors": n}}: each result
 * carries {@code id}, {@code properties} and the input's {@code objectWriteTraceId}; each error a {@code category},
 * a {@code message} and {@code context.objectWriteTraceId}. With failed inputs the status is 207 (or 200 when
 * {@link FakeApiSettings#multiStatus()} is off). Whole-batch rejections (too many inputs, duplicate ids in one
 * batch, any invalid input in all-or-nothing mode) are 400 and apply nothing.
 *
 * <h2>Validation</h2>
 * Unknown property, read-only or not createable (create) / not updateable (update) property, missing required
 * property on create, a value that is not of the property's type, a picklist value not among the options, a parent
 * that does not exist, a unique value already taken, duplicate ids in one batch.
 *
 * <h2>Faults</h2>
 * See {@link FakeApiSettings}: a rate limit per fixed window (429 with {@code Retry-After}, 403, or 200 with an
 * error), a concurrency cap, injected throttles, 5xx, hung and slow calls, dropped connections and shuffled results.
 * A faulted call (other than slow) applies nothing.
 *
 * <p>Thread-safe. Tests read {@link #records}, {@link #requestLog()} and {@link #maxConcurrentSeen()}; close the
 * server when done (hung calls are released).
 */
public final class FakeCrmServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX_OBJECTS = "/crm/v3/objects/";
    private static final String PREFIX_PROPERTIES = "/crm/v3/properties/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, FakeObjectType> types = new LinkedHashMap<>();
    private final Map<String, Map<String, StoredRecord>> records = new HashMap<>();
    /** type → unique property → value → id: keeps lookups by id property constant-time for large storms. */
    private final Map<String, Map<String, Map<String, String>>> uniqueIndex = new HashMap<>();
    private final List<RequestLogEntry> log = new ArrayList<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrentSeen = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong(1001);
    private final long startNanos = System.nanoTime();
    private volatile FakeApiSettings settings;
    private Random faults;
    private long windowIndex = -1;
    private int windowCount;
    private long logBase;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK add about 40 ms to every answer. Read once, when the first HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private FakeCrmServer(FakeApiSettings settings, List<FakeObjectType> objectTypes) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.faults = new Random(settings.seed());
        for (FakeObjectType t : objectTypes) {
            types.put(t.name(), t);
            records.put(t.name(), new LinkedHashMap<>());
            Map<String, Map<String, String>> indexes = new HashMap<>();
            t.properties().values().stream().filter(FakeProperty::unique).forEach(p -> indexes.put(p.name(),
                    new HashMap<>()));
            uniqueIndex.put(t.name(), indexes);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-crm-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a server.
     *
     * @param settings its behaviour; not null
     * @param objectTypes the object types it serves; not null
     * @return the running server
     * @throws UncheckedIOException when it cannot listen
     */
    public static FakeCrmServer start(FakeApiSettings settings, FakeObjectType... objectTypes) {
        try {
            return new FakeCrmServer(settings, List.of(objectTypes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake CRM API", e);
        }
    }

    /** @return {@code http://127.0.0.1:PORT} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @return the current settings */
    public FakeApiSettings settings() {
        return settings;
    }

    /**
     * Replaces the settings; the fault generator restarts from the new seed.
     *
     * @param value the new settings; not null
     */
    public synchronized void settings(FakeApiSettings value) {
        settings = Objects.requireNonNull(value, "value is null");
        faults = new Random(value.seed());
    }

    /**
     * @param type an object type
     * @return a snapshot of its records in creation order
     */
    public synchronized List<StoredRecord> records(String type) {
        return List.copyOf(typeRecords(type).values());
    }

    /**
     * @param type an object type
     * @param property a property
     * @param value a value
     * @return the first record whose property has the value
     */
    public synchronized Optional<StoredRecord> find(String type, String property, String value) {
        return typeRecords(type).values().stream().filter(r -> value.equals(r.get(property))).findFirst();
    }

    /**
     * Adds a record directly (test set-up), bypassing validation and the log.
     *
     * @param type an object type
     * @param properties its properties
     * @return the stored record
     */
    public synchronized StoredRecord seed(String type, Map<String, String> properties) {
        String id = String.valueOf(nextId.getAndIncrement());
        Map<String, String> props = new LinkedHashMap<>(properties);
        props.put(FakeObjectType.ID_PROPERTY, id);
        StoredRecord r = new StoredRecord(id, props, 1);
        store(type, null, r);
        return r;
    }

    /** @return a snapshot of every request received, in arrival order */
    public synchronized List<RequestLogEntry> requestLog() {
        return List.copyOf(log);
    }

    /** @return a snapshot of the batch calls received, in arrival order */
    public synchronized List<RequestLogEntry> batchRequests() {
        return log.stream().filter(RequestLogEntry::isBatch).toList();
    }

    /** Forgets the request log (records are kept). */
    public synchronized void clearLog() {
        logBase += log.size();
        log.clear();
    }

    /** @return the most requests handled at once so far */
    public int maxConcurrentSeen() {
        return maxConcurrentSeen.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private Map<String, StoredRecord> typeRecords(String type) {
        Map<String, StoredRecord> map = records.get(type);
        if (map == null) {
            throw new IllegalArgumentException("unknown object type " + type);
        }
        return map;
    }

    // ---------------------------------------------------------------- request handling

    private void handle(HttpExchange exchange) throws IOException {
        int now = concurrent.incrementAndGet();
        maxConcurrentSeen.accumulateAndGet(now, Math::max);
        try {
            handleCounted(exchange, now);
        } catch (RuntimeException e) {
            respond(exchange, 500, error("INTERNAL", "fake server failure: " + e));
        } finally {
            concurrent.decrementAndGet();
            exchange.close();
        }
    }

    private void handleCounted(HttpExchange exchange, int concurrentNow) throws IOException {
        FakeApiSettings s = settings;
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String type = "";
        String operation = "";
        if (path.startsWith(PREFIX_PROPERTIES)) {
            type = path.substring(PREFIX_PROPERTIES.length());
            operation = "properties";
        } else if (path.startsWith(PREFIX_OBJECTS)) {
            String[] parts = path.substring(PREFIX_OBJECTS.length()).split("/");
            if (parts.length == 3 && parts[1].equals("batch")) {
                type = parts[0];
                operation = parts[2];
            }
        }
        byte[] body = readAll(exchange.getRequestBody());
        boolean authorized = s.token().map(t -> ("Bearer " + t).equals(
                exchange.getRequestHeaders().getFirst("Authorization"))).orElse(true);
        LogSlot slot = logArrival(method, path, type, operation, concurrentNow, authorized);
        if (!authorized) {
            finish(slot, 0, 401, "unauthorized");
            respond(exchange, 401, error("INVALID_AUTHENTICATION", "missing or wrong bearer token"));
            return;
        }
        if (operation.isEmpty() || !types.containsKey(type)) {
            finish(slot, 0, 404, "rejected");
            respond(exchange, 404, error("OBJECT_NOT_FOUND", "no such endpoint or object type: " + path));
            return;
        }
        if (s.maxConcurrent() > 0 && concurrentNow > s.maxConcurrent()) {
            finish(slot, 0, 429, "over-concurrency");
            exchange.getResponseHeaders().add("Retry-After", retryAfterText(s.retryAfter()));
            respond(exchange, 429, error("RATE_LIMITS", "too many concurrent requests (cap " + s.maxConcurrent()
                    + ")"));
            return;
        }
        if (!withinRateLimit(s)) {
            finish(slot, 0, throttledStatus(s), "rate-limited");
            throttle(exchange, s, true);
            return;
        }
        if (operation.equals("properties")) {
            finish(slot, 0, 200, "ok");
            respond(exchange, 200, describe(types.get(type)));
            return;
        }
        if (!method.equals("POST") || !Set.of("create", "update", "upsert").contains(operation)) {
            finish(slot, 0, 404, "rejected");
            respond(exchange, 404, error("OBJECT_NOT_FOUND", "unknown batch operation " + operation));
            return;
        }
        JsonNode inputs;
        try {
            inputs = JSON.readTree(body).path("inputs");
        } catch (IOException e) {
            finish(slot, 0, 400, "rejected");
            respond(exchange, 400, error("VALIDATION_ERROR", "body is not JSON"));
            return;
        }
        int count = inputs.size();
        List<String> traces = new ArrayList<>(count);
        inputs.forEach(i -> traces.add(i.path("objectWriteTraceId").asText("")));
        Fault fault = drawFault(s);
        switch (fault) {
            case DROP -> {
                finish(slot, count, -1, "dropped", traces);
                return; // closing the exchange before any header drops the connection
            }
            case HANG -> {
                finish(slot, count, 504, "hung", traces);
                awaitClosing(s.hang());
                respond(exchange, 504, error("GATEWAY_TIMEOUT", "upstream timed out"));
                return;
            }
            case SERVER_ERROR -> {
                int status = new int[] {500, 502, 503}[(int) (slot.sequence % 3)];
                finish(slot, count, status, "injected-5xx", traces);
                respond(exchange, status, error("INTERNAL_ERROR", "injected server error"));
                return;
            }
            case THROTTLE -> {
                finish(slot, count, throttledStatus(s), "throttled", traces);
                throttle(exchange, s, faultDraw() < s.throttleRetryAfterShare());
                return;
            }
            case SLOW -> awaitClosing(s.slow());
            case NONE -> { }
        }
        Answer answer = applyBatch(s, type, operation, inputs);
        finish(slot, count, answer.status, answer.status == 400 ? "rejected" : "ok", traces);
        respond(exchange, answer.status, answer.body);
    }

    private void throttle(HttpExchange exchange, FakeApiSettings s, boolean withRetryAfter) throws IOException {
        ObjectNode body = error("RATE_LIMITS", "You have reached your secondly limit.");
        body.put("errorType", "RATE_LIMIT");
        if (withRetryAfter) {
            exchange.getResponseHeaders().add("Retry-After", retryAfterText(s.retryAfter()));
        }
        respond(exchange, throttledStatus(s), body);
    }

    private static int throttledStatus(FakeApiSettings s) {
        return switch (s.rateLimitSignal()) {
            case HTTP_429 -> 429;
            case HTTP_403 -> 403;
            case HTTP_200_ERROR -> 200;
        };
    }

    static String retryAfterText(Duration d) {
        if (d.toMillis() % 1000 == 0) {
            return String.valueOf(d.toSeconds());
        }
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private synchronized boolean withinRateLimit(FakeApiSettings s) {
        if (s.requestsPerWindow() == 0) {
            return true;
        }
        long index = (System.nanoTime() - startNanos) / s.window().toNanos();
        if (index != windowIndex) {
            windowIndex = index;
            windowCount = 0;
        }
        if (windowCount >= s.requestsPerWindow()) {
            return false;
        }
        windowCount++;
        return true;
    }

    private enum Fault { NONE, DROP, HANG, SERVER_ERROR, THROTTLE, SLOW }

    private synchronized Fault drawFault(FakeApiSettings s) {
        double r = faults.nextDouble();
        double edge = s.dropRate();
        if (r < edge) {
            return Fault.DROP;
        }
        edge += s.hangRate();
        if (r < edge) {
            return Fault.HANG;
        }
        edge += s.serverErrorRate();
        if (r < edge) {
            return Fault.SERVER_ERROR;
        }
        edge += s.throttleRate();
        if (r < edge) {
            return Fault.THROTTLE;
        }
        edge += s.slowRate();
        return r < edge ? Fault.SLOW : Fault.NONE;
    }

    private synchronized double faultDraw() {
        return faults.nextDouble();
    }

    private void awaitClosing(Duration d) {
        try {
            closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- log

    private static final class LogSlot {
        final long sequence;
        final RequestLogEntry pending;

        LogSlot(long sequence, RequestLogEntry pending) {
            this.sequence = sequence;
            this.pending = pending;
        }
    }

    private synchronized LogSlot logArrival(String method, String path, String type, String operation,
                                            int concurrentNow, boolean authorized) {
        long seq = logBase + log.size();
        RequestLogEntry e = new RequestLogEntry(seq, method, path, type, operation, 0, 0, "open", System.nanoTime(),
                concurrentNow, authorized, List.of());
        log.add(e);
        return new LogSlot(seq, e);
    }

    private void finish(LogSlot slot, int inputs, int status, String outcome) {
        finish(slot, inputs, status, outcome, List.of());
    }

    private synchronized void finish(LogSlot slot, int inputs, int status, String outcome, List<String> traceIds) {
        RequestLogEntry p = slot.pending;
        RequestLogEntry done = new RequestLogEntry(p.sequence(), p.method(), p.path(), p.objectType(), p.operation(),
                inputs, status, outcome, p.arrivalNanos(), p.concurrent(), p.authorized(), traceIds);
        long index = p.sequence() - logBase;
        if (index >= 0 && index < log.size() && log.get((int) index).sequence() == p.sequence()) {
            log.set((int) index, done);
        }
    }

    // ---------------------------------------------------------------- batches

    private record Answer(int status, ObjectNode body) { }

    /** What one input does, decided before anything is applied. */
    private record Planned(String trace, Optional<String> existingId, Map<String, String> values,
                           Optional<String> error, String category) { }

    private synchronized Answer applyBatch(FakeApiSettings s, String type, String operation, JsonNode inputs) {
        if (inputs.size() > s.maxBatchSize()) {
            return new Answer(400, error("VALIDATION_ERROR", "Too many inputs: " + inputs.size() + " > "
                    + s.maxBatchSize()));
        }
        FakeObjectType objectType = types.get(type);
        Set<String> seenIds = new HashSet<>();
        for (JsonNode input : inputs) {
            if (!operation.equals("create")) {
                String key = input.path("idProperty").asText(FakeObjectType.ID_PROPERTY) + "=" + input.path("id")
                        .asText("");
                if (!seenIds.add(key)) {
                    return new Answer(400, error("VALIDATION_ERROR", "Duplicate IDs found in batch input: "
                            + key));
                }
            }
        }
        List<Planned> plans = new ArrayList<>();
        Map<String, String> claimedUnique = new HashMap<>();
        for (JsonNode input : inputs) {
            plans.add(plan(objectType, operation, input, claimedUnique));
        }
        List<Planned> failed = plans.stream().filter(p -> p.error.isPresent()).toList();
        if (s.allOrNothing() && !failed.isEmpty()) {
            ObjectNode body = error("VALIDATION_ERROR", failed.size() + " of " + plans.size()
                    + " inputs are invalid; nothing was written. First: " + failed.get(0).error.orElseThrow());
            ArrayNode errors = body.putArray("errors");
            failed.forEach(p -> errors.add(inputError(p)));
            return new Answer(400, body);
        }
        List<ObjectNode> results = new ArrayList<>();
        for (Planned p : plans) {
            if (p.error.isEmpty()) {
                results.add(apply(type, p));
            }
        }
        if (s.outOfOrder()) {
            Collections.shuffle(results, faults);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "COMPLETE");
        ArrayNode resultArray = body.putArray("results");
        results.forEach(resultArray::add);
        if (!failed.isEmpty()) {
            body.put("numErrors", failed.size());
            ArrayNode errors = body.putArray("errors");
            failed.forEach(p -> errors.add(inputError(p)));
        }
        int status = failed.isEmpty() ? 200 : s.multiStatus() ? 207 : 200;
        return new Answer(status, body);
    }

    private Planned plan(FakeObjectType type, String operation, JsonNode input, Map<String, String> claimedUnique) {
        String trace = input.path("objectWriteTraceId").asText("");
        JsonNode props = input.path("properties");
        Optional<String> existing = Optional.empty();
        boolean creating = operation.equals("create");
        Map<String, String> values = new LinkedHashMap<>();
        if (!creating) {
            String idProperty = input.path("idProperty").asText(FakeObjectType.ID_PROPERTY);
            String id = input.path("id").asText("");
            Optional<FakeProperty> idProp = type.property(idProperty);
            if (idProp.isEmpty() || !idProp.get().unique()) {
                return fail(trace, "VALIDATION_ERROR", "idProperty " + idProperty + " is not a unique property of "
                        + type.name());
            }
            if (id.isEmpty()) {
                return fail(trace, "VALIDATION_ERROR", "input has no id");
            }
            existing = findId(type.name(), idProperty, id);
            if (existing.isEmpty() && operation.equals("update")) {
                return fail(trace, "OBJECT_NOT_FOUND", "Object not found. objectId are usually numeric. ("
                        + idProperty + "=" + id + ")");
            }
            creating = existing.isEmpty();
            if (creating) {
                values.put(idProperty, id);
            }
        }
        var it = props.fields();
        while (it.hasNext()) {
            var e = it.next();
            String name = e.getKey();
            Optional<FakeProperty> prop = type.property(name);
            if (prop.isEmpty()) {
                return fail(trace, "VALIDATION_ERROR", "Property \"" + name + "\" does not exist",
                        "PROPERTY_DOESNT_EXIST");
            }
            FakeProperty p = prop.get();
            if (p.readOnly() || (creating && !p.createable()) || (!creating && !p.updateable())) {
                return fail(trace, "VALIDATION_ERROR", "Property \"" + name + "\" is read-only for "
                        + (creating ? "create" : "update"), "READ_ONLY_VALUE");
            }
            JsonNode v = e.getValue();
            if (v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
                values.put(name, null);
                continue;
            }
            Optional<String> problem = checkValue(p, v);
            if (problem.isPresent()) {
                return fail(trace, "VALIDATION_ERROR", problem.get(), "INVALID_OPTION");
            }
            String text = p.type() == FakeProperty.Type.REFERENCE
                    ? findId(p.referenceTo().orElseThrow(), v.path("idProperty").asText(), v.path("id").asText())
                            .orElse(null)
                    : v.asText();
            if (text == null) {
                return fail(trace, "VALIDATION_ERROR", "Parent " + p.referenceTo().orElseThrow() + " with "
                        + v.path("idProperty").asText() + "=" + v.path("id").asText() + " does not exist",
                        "PARENT_NOT_FOUND");
            }
            values.put(name, text);
        }
        if (creating) {
            for (FakeProperty p : type.properties().values()) {
                if (p.required() && values.get(p.name()) == null) {
                    return fail(trace, "VALIDATION_ERROR", "Property \"" + p.name() + "\" is required",
                            "REQUIRED_PROPERTY");
                }
            }
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            FakeProperty p = type.properties().get(e.getKey());
            if (p.unique() && e.getValue() != null) {
                String owner = existing.orElse(trace);
                Optional<String> holder = findId(type.name(), p.name(), e.getValue());
                String claimKey = p.name() + "=" + e.getValue();
                if ((holder.isPresent() && !holder.equals(existing)) || claimedUnique.containsKey(claimKey)) {
                    return fail(trace, "VALIDATION_ERROR", "A record with " + p.name() + "=" + e.getValue()
                            + " already exists", "OBJECT_ALREADY_EXISTS");
                }
                claimedUnique.put(claimKey, owner);
            }
        }
        return new Planned(trace, existing, values, Optional.empty(), "");
    }

    private static Planned fail(String trace, String category, String message) {
        return new Planned(trace, Optional.empty(), Map.of(), Optional.of(message), category);
    }

    private static Planned fail(String trace, String category, String message, String subCategory) {
        return new Planned(trace, Optional.empty(), Map.of(), Optional.of(subCategory + ": " + message), category);
    }

    private static Optional<String> checkValue(FakeProperty p, JsonNode v) {
        String text = v.asText();
        try {
            switch (p.type()) {
                case NUMBER -> new BigDecimal(text);
                case BOOL -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        return Optional.of("Property \"" + p.name() + "\": " + excerpt(text) + " is not a boolean");
                    }
                }
                case DATE -> LocalDate.parse(text);
                case DATETIME -> Instant.parse(text);
                case ENUMERATION -> {
                    if (!p.options().contains(text)) {
                        return Optional.of("Property \"" + p.name() + "\": " + excerpt(text)
                                + " was not one of the allowed options " + p.options());
                    }
                }
                case REFERENCE -> {
                    if (!v.isObject() || !v.has("idProperty") || !v.has("id")) {
                        return Optional.of("Property \"" + p.name() + "\" needs {\"idProperty\", \"id\"}");
                    }
                }
                case STRING -> {
                    if (!v.isValueNode()) {
                        return Optional.of("Property \"" + p.name() + "\" must be a string");
                    }
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.of("Property \"" + p.name() + "\": " + excerpt(text) + " is not a valid "
                    + p.type().name().toLowerCase());
        }
        return Optional.empty();
    }

    private static String excerpt(String s) {
        return "\"" + (s.length() > 20 ? s.substring(0, 20) + "…" : s) + "\"";
    }

    private Optional<String> findId(String type, String property, String value) {
        Map<String, String> index = uniqueIndex.get(type).get(property);
        if (index != null) {
            return Optional.ofNullable(index.get(value));
        }
        for (StoredRecord r : typeRecords(type).values()) {
            if (value.equals(r.get(property))) {
                return Optional.of(r.id());
            }
        }
        return Optional.empty();
    }

    private ObjectNode apply(String type, Planned p) {
        Map<String, StoredRecord> map = typeRecords(type);
        StoredRecord stored;
        if (p.existingId.isPresent()) {
            StoredRecord old = map.get(p.existingId.get());
            Map<String, String> props = new LinkedHashMap<>(old.properties());
            p.values.forEach((k, v) -> {
                if (v == null) {
                    props.remove(k);
                } else {
                    props.put(k, v);
                }
            });
            stored = new StoredRecord(old.id(), props, old.version() + 1);
        } else {
            String id = String.valueOf(nextId.getAndIncrement());
            Map<String, String> props = new LinkedHashMap<>();
            props.put(FakeObjectType.ID_PROPERTY, id);
            p.values.forEach((k, v) -> {
                if (v != null) {
                    props.put(k, v);
                }
            });
            stored = new StoredRecord(id, props, 1);
        }
        store(type, p.existingId.map(map::get).orElse(null), stored);
        ObjectNode result = JSON.createObjectNode();
        result.put("id", stored.id());
        ObjectNode props = result.putObject("properties");
        stored.properties().forEach(props::put);
        if (!p.trace.isEmpty()) {
            result.put("objectWriteTraceId", p.trace);
        }
        return result;
    }

    private void store(String type, StoredRecord old, StoredRecord stored) {
        typeRecords(type).put(stored.id(), stored);
        uniqueIndex.get(type).forEach((property, index) -> {
            if (old != null && old.get(property) != null) {
                index.remove(old.get(property));
            }
            if (stored.get(property) != null) {
                index.put(stored.get(property), stored.id());
            }
        });
    }

    private static ObjectNode inputError(Planned p) {
        ObjectNode e = JSON.createObjectNode();
        e.put("status", "error");
        e.put("category", p.category);
        e.put("message", p.error.orElseThrow());
        ObjectNode context = e.putObject("context");
        context.putArray("objectWriteTraceId").add(p.trace);
        return e;
    }

    private static ObjectNode describe(FakeObjectType type) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        for (FakeProperty p : type.properties().values()) {
            ObjectNode n = results.addObject();
            n.put("name", p.name());
            n.put("label", p.name());
            n.put("type", p.type() == FakeProperty.Type.REFERENCE ? "reference" : p.type().name().toLowerCase());
            n.put("hasUniqueValue", p.unique());
            n.putObject("modificationMetadata").put("readOnlyValue", p.readOnly());
            n.put("required", p.required());
            n.put("createable", p.createable() && !p.readOnly());
            n.put("updateable", p.updateable() && !p.readOnly());
            ArrayNode options = n.putArray("options");
            p.options().forEach(o -> options.addObject().put("value", o).put("label", o));
            p.referenceTo().ifPresent(r -> n.put("referenceTo", r));
        }
        return body;
    }

    private static ObjectNode error(String category, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("status", "error");
        n.put("category", category);
        n.put("message", message);
        return n;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
