package dev.destsdk.testkit.fakeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeCrmServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FakeObjectType COMPANIES = FakeObjectType.of("companies", FakeProperty.uniqueId("domain"),
            FakeProperty.of("name", FakeProperty.Type.STRING));
    private static final FakeObjectType CONTACTS = FakeObjectType.of("contacts",
            FakeProperty.uniqueId("email"),
            FakeProperty.of("firstname", FakeProperty.Type.STRING).asRequired(),
            FakeProperty.of("age", FakeProperty.Type.NUMBER),
            FakeProperty.enumeration("stage", "lead", "customer"),
            FakeProperty.reference("company", "companies"),
            FakeProperty.readOnly("createdate"));

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeCrmServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private FakeCrmServer start(FakeApiSettings settings) {
        server = FakeCrmServer.start(settings, COMPANIES, CONTACTS);
        return server;
    }

    private HttpResponse<String> post(String op, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUri() + "/crm/v3/objects/contacts/batch/"
                        + op)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode inputs(ObjectNode... items) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("inputs");
        for (ObjectNode i : items) {
            array.add(i);
        }
        return body;
    }

    private static ObjectNode upsert(String trace, String email, Map<String, Object> props) {
        ObjectNode n = JSON.createObjectNode();
        n.put("objectWriteTraceId", trace);
        n.put("idProperty", "email");
        n.put("id", email);
        n.set("properties", JSON.valueToTree(props));
        return n;
    }

    @Test
    void describesPropertiesInHubSpotShape() throws Exception {
        start(FakeApiSettings.defaults());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUri()
                + "/crm/v3/properties/contacts")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(r.body()).path("results");
        assertThat(results).hasSize(7);
        JsonNode email = results.get(1);
        assertThat(email.path("name").asText()).isEqualTo("email");
        assertThat(email.path("hasUniqueValue").asBoolean()).isTrue();
        JsonNode stage = results.get(4);
        assertThat(stage.path("type").asText()).isEqualTo("enumeration");
        assertThat(stage.path("options").get(1).path("value").asText()).isEqualTo("customer");
        assertThat(results.get(6).path("modificationMetadata").path("readOnlyValue").asBoolean()).isTrue();
        assertThat(results.get(2).path("required").asBoolean()).isTrue();
    }

    @Test
    void upsertCreatesThenUpdatesByIdProperty() throws Exception {
        start(FakeApiSettings.defaults());
        HttpResponse<String> first = post("upsert", inputs(upsert("1", "a@x.io", Map.of("firstname", "Ann"))));
        assertThat(first.statusCode()).isEqualTo(200);
        HttpResponse<String> second = post("upsert", inputs(upsert("2", "a@x.io", Map.of("firstname", "Anne"))));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(server.records("contacts")).singleElement().satisfies(rec -> {
            assertThat(rec.get("firstname")).isEqualTo("Anne");
            assertThat(rec.version()).isEqualTo(2);
        });
        JsonNode result = JSON.readTree(second.body()).path("results").get(0);
        assertThat(result.path("objectWriteTraceId").asText()).isEqualTo("2");
        assertThat(result.path("id").asText()).isEqualTo(server.records("contacts").get(0).id());
    }

    @Test
    void updateOfMissingRecordIsRejectedAndNeverCreated() throws Exception {
        start(FakeApiSettings.defaults());
        HttpResponse<String> r = post("update", inputs(upsert("7", "nobody@x.io", Map.of("firstname", "N"))));
        assertThat(r.statusCode()).isEqualTo(207);
        JsonNode error = JSON.readTree(r.body()).path("errors").get(0);
        assertThat(error.path("category").asText()).isEqualTo("OBJECT_NOT_FOUND");
        assertThat(error.path("context").path("objectWriteTraceId").get(0).asText()).isEqualTo("7");
        assertThat(server.records("contacts")).isEmpty();
    }

    @Test
    void perRecordValidationErrorsWith207AndTheRestApplied() throws Exception {
        start(FakeApiSettings.defaults());
        server.seed("companies", Map.of("domain", "acme.com"));
        HttpResponse<String> r = post("upsert", inputs(
                upsert("ok", "a@x.io", Map.of("firstname", "A", "company", Map.of("idProperty", "domain", "id",
                        "acme.com"))),
                upsert("missing", "b@x.io", Map.of("age", "3")),
                upsert("type", "c@x.io", Map.of("firstname", "C", "age", "three")),
                upsert("pick", "d@x.io", Map.of("firstname", "D", "stage", "prospect")),
                upsert("unknown", "e@x.io", Map.of("firstname", "E", "shoe", "42")),
                upsert("ro", "f@x.io", Map.of("firstname", "F", "createdate", "x")),
                upsert("parent", "g@x.io", Map.of("firstname", "G", "company", Map.of("idProperty", "domain", "id",
                        "nope.com")))));
        assertThat(r.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("numErrors").asInt()).isEqualTo(6);
        List<String> messages = new ArrayList<>();
        body.path("errors").forEach(e -> messages.add(e.path("context").path("objectWriteTraceId").get(0).asText()
                + " " + e.path("message").asText()));
        assertThat(messages).anyMatch(m -> m.startsWith("missing") && m.contains("REQUIRED_PROPERTY"))
                .anyMatch(m -> m.startsWith("type") && m.contains("not a valid number"))
                .anyMatch(m -> m.startsWith("pick") && m.contains("allowed options"))
                .anyMatch(m -> m.startsWith("unknown") && m.contains("PROPERTY_DOESNT_EXIST"))
                .anyMatch(m -> m.startsWith("ro") && m.contains("READ_ONLY_VALUE"))
                .anyMatch(m -> m.startsWith("parent") && m.contains("PARENT_NOT_FOUND"));
        assertThat(server.records("contacts")).singleElement().satisfies(rec ->
                assertThat(rec.get("company")).isEqualTo(server.records("companies").get(0).id()));
    }

    @Test
    void allOrNothingRejectsWholeBatchWith400() throws Exception {
        start(FakeApiSettings.defaults().withResponseStyle(true, true));
        HttpResponse<String> r = post("upsert", inputs(upsert("1", "a@x.io", Map.of("firstname", "A")),
                upsert("2", "b@x.io", Map.of("age", "x"))));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).path("errors")).hasSize(1);
        assertThat(server.records("contacts")).isEmpty();
    }

    @Test
    void partialFailureAs200WhenMultiStatusIsOff() throws Exception {
        start(FakeApiSettings.defaults().withResponseStyle(false, false));
        HttpResponse<String> r = post("upsert", inputs(upsert("1", "a@x.io", Map.of("firstname", "A")),
                upsert("2", "b@x.io", Map.of("age", "x"))));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("errors")).hasSize(1);
        assertThat(server.records("contacts")).hasSize(1);
    }

    @Test
    void duplicateIdsAndOversizedBatchesAreRejectedWhole() throws Exception {
        start(FakeApiSettings.defaults().withMaxBatchSize(2));
        assertThat(post("upsert", inputs(upsert("1", "a@x.io", Map.of("firstname", "A")),
                upsert("2", "a@x.io", Map.of("firstname", "B")))).statusCode()).isEqualTo(400);
        HttpResponse<String> big = post("upsert", inputs(upsert("1", "a@x.io", Map.of("firstname", "A")),
                upsert("2", "b@x.io", Map.of("firstname", "B")), upsert("3", "c@x.io", Map.of("firstname", "C"))));
        assertThat(big.statusCode()).isEqualTo(400);
        assertThat(big.body()).contains("Too many inputs");
        assertThat(server.records("contacts")).isEmpty();
        assertThat(server.batchRequests()).extracting(RequestLogEntry::outcome).containsExactly("rejected",
                "rejected");
    }

    @Test
    void rateLimitPerWindowAnswers429WithRetryAfter() throws Exception {
        start(FakeApiSettings.defaults().withRateLimit(2, Duration.ofSeconds(30),
                FakeApiSettings.RateLimitSignal.HTTP_429).withTimings(Duration.ofSeconds(2), 1, Duration.ofSeconds(1),
                Duration.ZERO));
        for (int i = 0; i < 2; i++) {
            assertThat(post("upsert", inputs(upsert("" + i, i + "@x.io", Map.of("firstname", "A")))).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> third = post("upsert", inputs(upsert("3", "3@x.io", Map.of("firstname", "A"))));
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).contains("2");
        assertThat(server.records("contacts")).hasSize(2);
    }

    @Test
    void rateLimitVariants403And200WithErrorCode() throws Exception {
        start(FakeApiSettings.defaults().withRateLimit(1, Duration.ofSeconds(30),
                FakeApiSettings.RateLimitSignal.HTTP_403));
        post("upsert", inputs(upsert("1", "a@x.io", Map.of("firstname", "A"))));
        HttpResponse<String> r403 = post("upsert", inputs(upsert("2", "b@x.io", Map.of("firstname", "B"))));
        assertThat(r403.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r403.body()).path("category").asText()).isEqualTo("RATE_LIMITS");
        server.settings(server.settings().withRateLimit(0, Duration.ofSeconds(30),
                FakeApiSettings.RateLimitSignal.HTTP_200_ERROR).withRateLimit(1, Duration.ofSeconds(30),
                FakeApiSettings.RateLimitSignal.HTTP_200_ERROR));
        HttpResponse<String> r200 = post("upsert", inputs(upsert("3", "c@x.io", Map.of("firstname", "C"))));
        assertThat(r200.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r200.body()).path("category").asText()).isEqualTo("RATE_LIMITS");
        assertThat(server.records("contacts")).hasSize(1);
    }

    @Test
    void injectedServerErrorsApplyNothing() throws Exception {
        start(FakeApiSettings.defaults().withFaults(3, 0, 1, 0, 0, 0, false));
        HttpResponse<String> r = post("upsert", inputs(upsert("1", "a@x.io", Map.of("firstname", "A"))));
        assertThat(r.statusCode()).isBetween(500, 503);
        assertThat(server.records("contacts")).isEmpty();
        assertThat(server.batchRequests()).extracting(RequestLogEntry::outcome).containsExactly("injected-5xx");
    }

    @Test
    void droppedConnectionGivesTheClientAnIoError() {
        start(FakeApiSettings.defaults().withFaults(3, 0, 0, 0, 1, 0, false));
        assertThatThrownBy(() -> post("upsert", inputs(upsert("1", "a@x.io", Map.of("firstname", "A")))))
                .isInstanceOf(IOException.class);
        assertThat(server.records("contacts")).isEmpty();
        assertThat(server.batchRequests()).extracting(RequestLogEntry::status).containsExactly(-1);
    }

    @Test
    void hungRequestBlocksUntilItsHangTimeThen504() throws Exception {
        start(FakeApiSettings.defaults().withFaults(3, 0, 0, 1, 0, 0, false)
                .withTimings(Duration.ofMillis(50), 1, Duration.ofMillis(700), Duration.ZERO));
        long t0 = System.nanoTime();
        HttpResponse<String> r = post("upsert", inputs(upsert("1", "a@x.io", Map.of("firstname", "A"))));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(server.records("contacts")).isEmpty();
    }

    @Test
    void outOfOrderResultsStillCarryTheirTraceIds() throws Exception {
        start(FakeApiSettings.defaults().withFaults(11, 0, 0, 0, 0, 0, true));
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(upsert("t" + i, i + "@x.io", Map.of("firstname", "F" + i)));
        }
        JsonNode results = JSON.readTree(post("upsert", inputs(items.toArray(ObjectNode[]::new))).body())
                .path("results");
        List<String> traces = new ArrayList<>();
        results.forEach(n -> {
            traces.add(n.path("objectWriteTraceId").asText());
            String i = n.path("objectWriteTraceId").asText().substring(1);
            assertThat(n.path("properties").path("email").asText()).isEqualTo(i + "@x.io");
        });
        assertThat(traces).hasSize(20).doesNotContainSequence("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8",
                "t9", "t10", "t11", "t12", "t13", "t14", "t15", "t16", "t17", "t18", "t19");
    }

    @Test
    void concurrencyCapAnswers429AboveTheCap() throws Exception {
        start(FakeApiSettings.defaults().withMaxConcurrent(1).withFaults(5, 0, 0, 0, 0, 1, false)
                .withTimings(Duration.ofMillis(50), 1, Duration.ofSeconds(1), Duration.ofMillis(400)));
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode body = inputs(upsert("" + i, i + "@x.io", Map.of("firstname", "A")));
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUri()
                    + "/crm/v3/objects/contacts/batch/upsert")).POST(HttpRequest.BodyPublishers.ofString(
                            body.toString())).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = calls.stream().map(c -> c.join().statusCode()).sorted().toList();
        assertThat(statuses).contains(200).contains(429);
        assertThat(server.requestLog()).anyMatch(e -> e.outcome().equals("over-concurrency"));
        assertThat(server.records("contacts")).hasSize((int) statuses.stream().filter(s -> s == 200).count());
    }

    @Test
    void tokenIsRequiredWhenConfigured() throws Exception {
        start(FakeApiSettings.defaults().withToken("s3cret"));
        assertThat(post("upsert", inputs(upsert("1", "a@x.io", Map.of("firstname", "A")))).statusCode())
                .isEqualTo(401);
        assertThat(server.requestLog()).singleElement().satisfies(e -> assertThat(e.authorized()).isFalse());
    }
}
