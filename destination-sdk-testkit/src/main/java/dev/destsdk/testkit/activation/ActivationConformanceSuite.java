package dev.destsdk.testkit.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.destsdk.activation.ActivationLimits;
import dev.destsdk.core.capability.Feature;
import dev.destsdk.core.control.CancellationToken;
import dev.destsdk.core.control.ProgressEvent;
import dev.destsdk.core.csv.CsvFileFormat;
import dev.destsdk.core.csv.CsvRecordWriter;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.MetadataMapping;
import dev.destsdk.core.metadata.ObjectMetadata;
import dev.destsdk.core.naming.NamespaceRules;
import dev.destsdk.core.spi.Destination;
import dev.destsdk.core.spi.LoadRequest;
import dev.destsdk.core.spi.LoadResponse;
import dev.destsdk.core.spi.StageRequest;
import dev.destsdk.core.sync.SyncContext;
import dev.destsdk.testkit.fakeapi.FakeApiSettings;
import dev.destsdk.testkit.fakeapi.FakeCrmServer;
import dev.destsdk.testkit.fakeapi.FakeObjectType;
import dev.destsdk.testkit.fakeapi.FakeProperty;
import dev.destsdk.testkit.fakeapi.RequestLogEntry;
import dev.destsdk.testkit.fakeapi.StoredRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The conformance suite of activation destinations that speak the fake CRM API's protocol (HubSpot's CRM v3 batch
 * API, {@link FakeCrmServer}). A connector's test extends it and supplies {@link #newDestination}; every case starts
 * its own fake API, runs loads through the destination exactly as an executor would (CSV data files in a local
 * directory, an {@code error_part_*} file beside them that must be ignored, success and error processors), and
 * asserts what the fake API holds afterwards, what its request log shows, and what reached the processors.
 *
 * <p>Cases are public so that a connector can document a deviation by overriding one; nothing is skipped. The storm
 * size comes from the system property {@value #STORM_RECORDS_PROPERTY} (default {@value #DEFAULT_STORM_RECORDS}).
 */
public abstract class ActivationConformanceSuite {
    /** The system property that sets the storm's record count. */
    public static final String STORM_RECORDS_PROPERTY = "destsdk.activation.stormRecords";
    /**
     * The storm's default record count, sized for CI on a shared 2-core machine; the 100,000 pass too
     * ({@code -Ddestsdk.activation.stormRecords=100000}) but take minutes there.
     */
    public static final int DEFAULT_STORM_RECORDS = 20_000;
    /** The token the fake API requires. */
    protected static final String TOKEN = "pat-na1-test-token-7f3a";

    /** The fake API's companies: a unique {@code domain}. */
    protected static final FakeObjectType COMPANIES = FakeObjectType.of("companies",
            FakeProperty.uniqueId("domain"), FakeProperty.of("name", FakeProperty.Type.STRING));
    /** The fake API's contacts. */
    protected static final FakeObjectType CONTACTS = FakeObjectType.of("contacts",
            FakeProperty.uniqueId("email"),
            FakeProperty.of("firstname", FakeProperty.Type.STRING).asRequired(),
            FakeProperty.of("phone", FakeProperty.Type.STRING),
            FakeProperty.of("score", FakeProperty.Type.NUMBER),
            FakeProperty.enumeration("lifecyclestage", "lead", "customer"),
            FakeProperty.of("signup", FakeProperty.Type.DATE).createOnly(),
            FakeProperty.reference("company", "companies"),
            FakeProperty.readOnly("createdate"));

    private static final List<String> COLUMNS = List.of("mail", "first", "phone", "score", "stage", "domain");

    @TempDir
    private Path workDir;
    private FakeCrmServer api;
    private final List<Destination> opened = new ArrayList<>();
    private int loads;

    /**
     * Creates the destination under test for one case.
     *
     * @param settings where the fake API is and how to configure the destination; not null
     * @return a new destination; the suite closes it
     */
    protected abstract Destination newDestination(ActivationTestSettings settings);

    /** @return the storm's record count */
    protected int stormRecords() {
        return Integer.getInteger(STORM_RECORDS_PROPERTY, DEFAULT_STORM_RECORDS);
    }

    @BeforeEach
    void startApi() {
        api = FakeCrmServer.start(FakeApiSettings.defaults().withToken(TOKEN), COMPANIES, CONTACTS);
    }

    @AfterEach
    void stopApi() {
        opened.forEach(Destination::close);
        if (api != null) {
            api.close();
        }
    }

    // ---------------------------------------------------------------- helpers for cases

    /** @return the fake API of the current case */
    protected final FakeCrmServer api() {
        return api;
    }

    /** @return fast limits for functional cases: 100 per batch, 4 in flight, short back-off */
    protected static ActivationLimits fastLimits() {
        return ActivationLimits.defaults().withBatch(100, 1 << 20).withMaxInFlight(4)
                .withRetries(5, Duration.ofMillis(5), Duration.ofMillis(100)).withRequestTimeout(Duration.ofSeconds(20));
    }

    private Destination destination(ActivationLimits limits, Duration requestTimeout, boolean state) {
        Destination d = newDestination(new ActivationTestSettings(api.baseUri(), TOKEN, limits, requestTimeout,
                state ? Optional.of(workDir.resolve("state")) : Optional.empty()));
        opened.add(d);
        return d;
    }

    private Destination destination() {
        return destination(fastLimits(), Duration.ofSeconds(10), true);
    }

    /** A source row: mail, first, phone, score, stage, domain (null for NULL). */
    private static List<String> row(String mail, String first, String phone, String score, String stage,
                                    String domain) {
        return Arrays.asList(mail, first, phone, score, stage, domain);
    }

    private static FieldMetadata field(String name, String target) {
        FieldMetadata.Builder b = FieldMetadata.builder(name, name.equals("score") ? CanonicalType.DECIMAL
                : CanonicalType.STRING);
        if (target != null) {
            b.activationTargetField(target);
        }
        return b.build();
    }

    private static ObjectMetadata customers(String operation, Map<String, Object> options, String... mergeKeys) {
        FieldMetadata domain = FieldMetadata.builder("domain", CanonicalType.STRING).activationTargetField("company")
                .activationLookup(Map.of("reference_to", List.of("companies"), "relationship_api_name", "company",
                        "parent_match_field", "domain", "parent_object_api_name", "companies")).build();
        Map<String, Object> behaviour = new LinkedHashMap<>(options);
        behaviour.put("operation", operation);
        return ObjectMetadata.builder("customers")
                .fields(List.of(field("mail", "email"), field("first", "firstname"), field("phone", "phone"),
                        field("score", "score"), field("stage", "lifecyclestage"), domain))
                .activationTarget(Map.of("object_api_name", "contacts", "name", "contacts",
                        "fully_qualified_name", "contacts"))
                .selectedMergeKeys(List.of(mergeKeys))
                .activationBehaviour(behaviour)
                .build();
    }

    /** What one load produced. */
    private record Outcome(LoadResponse response, List<Map<String, Object>> successes,
                           List<Map<String, Object>> errors, List<ProgressEvent> progress) {
        Map<String, String> errorsByMail() {
            Map<String, String> m = new LinkedHashMap<>();
            errors.forEach(e -> m.put(String.valueOf(e.get("mail")), String.valueOf(e.get("_ERROR"))));
            return m;
        }
    }

    private Path writeFiles(List<List<String>> rows, CsvFileFormat format) {
        Path dir = workDir.resolve("load-" + (++loads));
        try {
            Files.createDirectories(dir);
            int perFile = Math.max(1, (rows.size() + 1) / 2);
            for (int part = 0; part * perFile < rows.size() || part == 0; part++) {
                Path file = dir.resolve(String.format("success_part_%05d.csv", part));
                try (CsvRecordWriter w = CsvRecordWriter.create(file, format, COLUMNS)) {
                    for (List<String> r : rows.subList(part * perFile, Math.min(rows.size(), (part + 1) * perFile))) {
                        w.write(r);
                    }
                }
                if (rows.isEmpty()) {
                    break;
                }
            }
            // An error part from the executor: never to be sent.
            try (CsvRecordWriter w = CsvRecordWriter.create(dir.resolve("error_part_00000.csv"), format, COLUMNS)) {
                w.write(row("never-sent@error.part", "X", null, null, null, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private LoadRequest.Builder request(Destination d, ObjectMetadata target, List<List<String>> rows, CsvFileFormat format,
                                        List<Map<String, Object>> successes, List<Map<String, Object>> errors,
                                        List<ProgressEvent> progress) {
        return LoadRequest.builder(new SyncContext(Instant.parse("2026-01-01T00:00:00Z"), "sync-" + loads),
                        MetadataMapping.firstRun(target), writeFiles(rows, format))
                .fileFormat(format)
                .loadMode(d.getCapabilitiesConfig().getDefaultLoadMode())
                .destinationTableHandling(d.getCapabilitiesConfig().getDefaultDestinationTableHandling())
                .schemaEvolutionMode(d.getCapabilitiesConfig().getDefaultSchemaEvolutionMode())
                .successRecordProcessor(r -> successes.add(new LinkedHashMap<>(r)))
                .errorRecordProcessor(r -> errors.add(new LinkedHashMap<>(r)))
                .progress(progress::add);
    }

    private Outcome load(Destination d, ObjectMetadata target, List<List<String>> rows) {
        return load(d, target, rows, CsvFileFormat.DEFAULT);
    }

    private Outcome load(Destination d, ObjectMetadata target, List<List<String>> rows, CsvFileFormat format) {
        List<Map<String, Object>> successes = Collections.synchronizedList(new ArrayList<>());
        List<Map<String, Object>> errors = Collections.synchronizedList(new ArrayList<>());
        List<ProgressEvent> progress = Collections.synchronizedList(new ArrayList<>());
        LoadResponse response = d.load(request(d, d.mapToTargetObject(target, NamespaceRules.defaults(),
                Optional.empty()), rows, format, successes, errors, progress).build());
        return new Outcome(response, successes, errors, progress);
    }

    private static List<List<String>> contacts(int from, int count, Function<Integer, String> first) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            rows.add(row("c" + i + "@example.com", first.apply(i), null, String.valueOf(i), "lead", null));
        }
        return rows;
    }

    private Map<String, StoredRecord> contactsByMail() {
        Map<String, StoredRecord> m = new HashMap<>();
        for (StoredRecord r : api.records("contacts")) {
            assertThat(m.put(r.get("email"), r)).as("two records with email %s", r.get("email")).isNull();
        }
        return m;
    }

    private void assertProcessorsMatchApi(Outcome o) {
        Map<String, StoredRecord> stored = contactsByMail();
        for (Map<String, Object> s : o.successes) {
            StoredRecord r = stored.get(String.valueOf(s.get("mail")));
            assertThat(r).as("record %s reported as a success", s.get("mail")).isNotNull();
            assertThat(s.get("_ID")).isEqualTo(r.id());
        }
        assertThat(o.response.rowsLoaded()).isEqualTo(o.successes.size());
        assertThat(o.response.rowsFailed()).isEqualTo(o.errors.size());
    }

    private int inputsSent() {
        return api.batchRequests().stream().mapToInt(RequestLogEntry::inputs).sum();
    }

    // ---------------------------------------------------------------- cases

    /** mapToTargetObject keeps every activation attribute. */
    @Test
    public void mapToTargetObjectKeepsActivationAttributes() {
        ObjectMetadata source = customers("UPSERT", Map.of("insert_nulls", false), "email").toBuilder()
                .fields(List.of(FieldMetadata.builder("mail", CanonicalType.STRING).activationTargetField("email")
                        .createable(true).updateable(false).readOnly(false).build()))
                .build();
        ObjectMetadata mapped = destination().mapToTargetObject(source, NamespaceRules.defaults(), Optional.empty());
        assertThat(mapped).isEqualTo(source);
        assertThat(mapped.getActivationTarget()).isEqualTo(source.getActivationTarget());
        assertThat(mapped.getSelectedMergeKeys()).containsExactly("email");
        assertThat(mapped.getActivationBehaviour()).containsEntry("insert_nulls", false);
        assertThat(mapped.getFields().get(0).getActivationTargetField()).contains("email");
        assertThat(mapped.getFields().get(0).isUpdateable()).isFalse();
        assertThat(api.requestLog()).isEmpty();
    }

    /** stage is refused, and so is a load with a stage location, with the canonical unsupported error. */
    @Test
    public void stagingIsRefusedWithTheCanonicalError() {
        Destination d = destination();
        String expected = ConnectorException.unsupported(d.name(), Feature.STAGING).getMessage();
        ObjectMetadata target = customers("UPSERT", Map.of(), "email");
        Throwable stage = catchThrowable(() -> d.stage(new StageRequest(new SyncContext(Instant.now(), "s"),
                MetadataMapping.firstRun(target), writeFiles(contacts(0, 1, i -> "A"), CsvFileFormat.DEFAULT),
                CsvFileFormat.DEFAULT, new CancellationToken(), e -> { })));
        assertThat(stage).isInstanceOf(ConnectorException.class).hasMessage(expected);
        Throwable load = catchThrowable(() -> d.load(request(d, target, contacts(0, 1, i -> "A"), CsvFileFormat.DEFAULT,
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>()).stageLocation("s3://bucket/x").build()));
        assertThat(load).isInstanceOf(ConnectorException.class).hasMessage(expected);
        assertThat(api.requestLog()).isEmpty();
        assertThat(api.records("contacts")).isEmpty();
    }

    /** UPSERT twice (with a non-default CSV format) updates the same records and creates no duplicates. */
    @Test
    public void upsertTwiceCreatesNoDuplicates() {
        Destination d = destination();
        CsvFileFormat semicolons = CsvFileFormat.builder().fieldDelimiter(';').build();
        Outcome first = load(d, customers("UPSERT", Map.of(), "email"), contacts(0, 250, i -> "First" + i),
                semicolons);
        Outcome second = load(d, customers("UPSERT", Map.of(), "email"), contacts(0, 250, i -> "Second" + i),
                semicolons);
        Map<String, StoredRecord> stored = contactsByMail();
        assertThat(stored).hasSize(250).doesNotContainKey("never-sent@error.part");
        assertThat(stored.get("c7@example.com").get("firstname")).isEqualTo("Second7");
        assertThat(stored.get("c7@example.com").version()).isEqualTo(2);
        assertThat(first.successes).hasSize(250);
        assertThat(second.successes).hasSize(250);
        assertThat(second.response.rowsLoaded()).isEqualTo(250);
        assertThat(second.successes.get(0).keySet()).containsExactly("_ID", "mail", "first", "phone", "score",
                "stage", "domain");
        assertProcessorsMatchApi(second);
        assertThat(api.batchRequests()).allSatisfy(e -> assertThat(e.inputs()).isLessThanOrEqualTo(100));
        ProgressEvent last = second.progress.get(second.progress.size() - 1);
        assertThat(last.status()).isEqualTo(ProgressEvent.Status.ENDED);
        assertThat(last.rowsLoaded()).isEqualTo(250);
        assertThat(last.message()).hasValueSatisfying(m -> assertThat(m).contains("sent 250 record(s)")
                .contains("250 succeeded").contains("retried").contains("waiting for the rate limit"));
        assertThat(api.requestLog()).allSatisfy(e -> assertThat(e.authorized()).isTrue());
    }

    /**
     * Records with the same merge key are written in input order and never in one batch (the fake API rejects a
     * batch with duplicate ids as a whole, so a single such batch would show as errors).
     */
    @Test
    public void recordsOfOneMergeKeyAreWrittenInInputOrder() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(row("k" + (i % 50) + "@x.io", "V" + i, null, null, null, null));
        }
        Outcome o = load(destination(), customers("UPSERT", Map.of(), "email"), rows);
        assertThat(o.errors).isEmpty();
        assertThat(o.successes).hasSize(300);
        Map<String, StoredRecord> stored = contactsByMail();
        assertThat(stored).hasSize(50);
        for (int k = 0; k < 50; k++) {
            StoredRecord r = stored.get("k" + k + "@x.io");
            assertThat(r.get("firstname")).isEqualTo("V" + (250 + k));
            assertThat(r.version()).isEqualTo(6);
        }
        assertThat(api.batchRequests()).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("ok"));
    }

    /** INSERT creates one record per row. */
    @Test
    public void insertCreatesRecords() {
        Outcome o = load(destination(), customers("INSERT", Map.of()), contacts(0, 30, i -> "N" + i));
        assertThat(api.records("contacts")).hasSize(30);
        assertThat(api.batchRequests()).allSatisfy(e -> assertThat(e.operation()).isEqualTo("create"));
        assertThat(o.successes).hasSize(30);
        assertThat(o.response.rowsInserted()).isEqualTo(30);
        assertProcessorsMatchApi(o);
    }

    /** UPDATE changes existing records and rejects missing ones, which are never created. */
    @Test
    public void updateOfMissingRecordIsRejected() {
        api.seed("contacts", Map.of("email", "c0@example.com", "firstname", "Old"));
        api.seed("contacts", Map.of("email", "c1@example.com", "firstname", "Old"));
        Outcome o = load(destination(), customers("UPDATE", Map.of(), "email"), contacts(0, 4, i -> "New" + i));
        Map<String, StoredRecord> stored = contactsByMail();
        assertThat(stored).hasSize(2);
        assertThat(stored.get("c1@example.com").get("firstname")).isEqualTo("New1");
        assertThat(o.successes).extracting(s -> s.get("mail")).containsExactlyInAnyOrder("c0@example.com",
                "c1@example.com");
        assertThat(o.errorsByMail()).containsOnlyKeys("c2@example.com", "c3@example.com")
                .allSatisfy((k, v) -> assertThat(v).startsWith("OBJECT_NOT_FOUND"));
        assertThat(o.response.rowsUpdated()).isEqualTo(2);
        assertProcessorsMatchApi(o);
    }

    /** Lookups become parent references by the parent's match field; a missing parent fails that record only. */
    @Test
    public void lookupsReferenceTheParentByItsMatchField() {
        StoredRecord acme = api.seed("companies", Map.of("domain", "acme.com", "name", "Acme"));
        Outcome o = load(destination(), customers("UPSERT", Map.of(), "email"), List.of(
                row("a@x.io", "A", null, null, null, "acme.com"),
                row("b@x.io", "B", null, null, null, "nowhere.org"),
                row("c@x.io", "C", null, null, null, null)));
        Map<String, StoredRecord> stored = contactsByMail();
        assertThat(stored.get("a@x.io").get("company")).isEqualTo(acme.id());
        assertThat(stored.get("c@x.io").get("company")).isNull();
        assertThat(stored).doesNotContainKey("b@x.io");
        assertThat(o.errorsByMail()).containsOnlyKeys("b@x.io");
        assertThat(o.errorsByMail().get("b@x.io")).contains("PARENT_NOT_FOUND").contains("nowhere.org");
        assertProcessorsMatchApi(o);
    }

    /** insert_nulls true clears fields for NULL and empty values; false leaves them as they are. */
    @Test
    public void insertNullsTrueClearsAndFalseKeeps() {
        api.seed("contacts", Map.of("email", "a@x.io", "firstname", "A", "phone", "111", "score", "5"));
        api.seed("contacts", Map.of("email", "b@x.io", "firstname", "B", "phone", "222", "score", "6"));
        load(destination(), customers("UPSERT", Map.of("insert_nulls", true), "email"),
                List.of(row("a@x.io", "A2", "", null, null, null)));
        load(destination(), customers("UPSERT", Map.of("insert_nulls", false), "email"),
                List.of(row("b@x.io", "B2", "", null, null, null)));
        Map<String, StoredRecord> stored = contactsByMail();
        assertThat(stored.get("a@x.io").get("firstname")).isEqualTo("A2");
        assertThat(stored.get("a@x.io").properties()).doesNotContainKeys("phone", "score");
        assertThat(stored.get("b@x.io").get("firstname")).isEqualTo("B2");
        assertThat(stored.get("b@x.io").get("phone")).isEqualTo("222");
        assertThat(stored.get("b@x.io").get("score")).isEqualTo("6");
    }

    /** trim_whitespace trims values before they are sent; without it they are sent as they are. */
    @Test
    public void trimWhitespace() {
        load(destination(), customers("UPSERT", Map.of("trim_whitespace", true), "email"),
                List.of(row("a@x.io", "  Ann  ", " 12 ", null, " lead", null)));
        load(destination(), customers("UPSERT", Map.of("trim_whitespace", false), "email"),
                List.of(row("b@x.io", "  Bob  ", null, null, null, null)));
        Map<String, StoredRecord> stored = contactsByMail();
        assertThat(stored.get("a@x.io").get("firstname")).isEqualTo("Ann");
        assertThat(stored.get("a@x.io").get("phone")).isEqualTo("12");
        assertThat(stored.get("a@x.io").get("lifecyclestage")).isEqualTo("lead");
        assertThat(stored.get("b@x.io").get("firstname")).isEqualTo("  Bob  ");
    }

    /** Every configuration error is caught before the first batch request, and all are reported together. */
    @Test
    public void configurationErrorsAreCaughtBeforeTheFirstRequest() {
        ObjectMetadata bad = customers("UPSERT", Map.of("trim_whitespace", "sometimes")).toBuilder()
                .fields(List.of(field("mail", "email"), field("x", "shoe_size"), field("created", "createdate")))
                .selectedMergeKeys(List.of("phone"))
                .build();
        Throwable t = catchThrowable(() -> load(destination(), bad, contacts(0, 5, i -> "A")));
        assertThat(t).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR);
            assertThat(e.getMessage()).contains("'shoe_size'").contains("'createdate', which is read-only")
                    .contains("merge key 'phone' is not an id or external-id field")
                    .contains("required field 'firstname'").contains("trim_whitespace 'sometimes'");
        });
        Throwable unknownOp = catchThrowable(() -> load(destination(), customers("DELETE", Map.of(), "email"),
                contacts(0, 5, i -> "A")));
        assertThat(unknownOp).hasMessageContaining("'DELETE' is not an operation");
        Throwable unknownObject = catchThrowable(() -> load(destination(), customers("UPSERT", Map.of(), "email")
                .toBuilder().activationTarget(Map.of("object_api_name", "tickets")).build(), contacts(0, 5, i -> "A")));
        assertThat(unknownObject).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CONFIGURATION_ERROR));
        assertThat(api.batchRequests()).isEmpty();
        assertThat(api.records("contacts")).isEmpty();
    }

    /** Partial failures (client-side conversion and server-side validation) go to the right processor. */
    @Test
    public void partialBatchFailuresRouteEachRecord() {
        checkPartialFailures(false);
    }

    /** The same with all-or-nothing batches: the engine splits rejected batches until each record has its answer. */
    @Test
    public void allOrNothingBatchesAreSplitUntilEachRecordHasItsAnswer() {
        api.settings(api.settings().withResponseStyle(true, true));
        checkPartialFailures(true);
        assertThat(api.batchRequests()).anyMatch(e -> e.outcome().equals("rejected"));
    }

    private void checkPartialFailures(boolean allOrNothing) {
        api.seed("companies", Map.of("domain", "acme.com"));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String score = i % 50 == 7 ? "12,5" : String.valueOf(i);
            String stage = i % 60 == 11 ? "prospect" : "lead";
            String domain = i % 40 == 3 ? "missing-" + i + ".org" : "acme.com";
            rows.add(row("p" + i + "@x.io", "P" + i, null, score, stage, domain));
        }
        Outcome o = load(destination(), customers("UPSERT", Map.of(), "email"), rows);
        Map<String, String> errors = o.errorsByMail();
        for (int i = 0; i < 300; i++) {
            String mail = "p" + i + "@x.io";
            if (i % 50 == 7) {
                assertThat(errors.get(mail)).contains("'12,5' is not a valid number for score");
            } else if (i % 60 == 11) {
                assertThat(errors.get(mail)).contains("'prospect' is not an allowed value of picklist");
            } else if (i % 40 == 3) {
                assertThat(errors.get(mail)).contains("PARENT_NOT_FOUND");
            } else {
                assertThat(errors).doesNotContainKey(mail);
            }
        }
        assertThat(o.successes.size() + o.errors.size()).isEqualTo(300);
        assertThat(contactsByMail()).hasSize(o.successes.size());
        assertThat(o.errors).allSatisfy(e -> assertThat(e.keySet()).containsExactly("mail", "first", "phone",
                "score", "stage", "domain", "_ERROR"));
        assertProcessorsMatchApi(o);
        assertThat(allOrNothing || api.batchRequests().stream().allMatch(RequestLogEntry::applied)).isTrue();
    }

    /** A change-only second sync of 10,000 rows with 100 changed sends exactly those 100. */
    @Test
    public void changeOnlySyncSendsOnlyChangedRecords() {
        Destination d = destination();
        ObjectMetadata target = customers("UPSERT", Map.of("change_only", true), "email");
        Outcome first = load(d, target, contacts(0, 10_000, i -> "F" + i));
        assertThat(first.successes).hasSize(10_000);
        api.clearLog();
        Set<Integer> changed = new HashSet<>();
        new Random(8).ints(0, 10_000).distinct().limit(100).forEach(changed::add);
        Outcome second = load(d, target, contacts(0, 10_000, i -> changed.contains(i) ? "G" + i : "F" + i));
        assertThat(inputsSent()).isEqualTo(100);
        assertThat(second.successes).extracting(s -> s.get("mail")).containsExactlyInAnyOrderElementsOf(
                changed.stream().map(i -> "c" + i + "@example.com").toList());
        assertThat(second.errors).isEmpty();
        Map<String, StoredRecord> stored = contactsByMail();
        changed.forEach(i -> assertThat(stored.get("c" + i + "@example.com").get("firstname")).isEqualTo("G" + i));
        // full_resync ignores the state
        api.clearLog();
        load(d, customers("UPSERT", Map.of("change_only", true, "full_resync", true), "email"),
                contacts(0, 10_000, i -> changed.contains(i) ? "G" + i : "F" + i));
        assertThat(inputsSent()).isEqualTo(10_000);
    }

    /** After a sync where 7 records failed, the next sync sends exactly those 7 plus the changes. */
    @Test
    public void changeOnlySyncRetriesLastFailures() {
        Destination d = destination();
        ObjectMetadata target = customers("UPSERT", Map.of("change_only", true), "email");
        Set<Integer> failing = Set.of(5, 17, 230, 999, 1500, 2001, 2999);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(row("c" + i + "@example.com", "F" + i, null, null, "lead",
                    failing.contains(i) ? "late.com" : null));
        }
        Outcome first = load(d, target, rows);
        assertThat(first.errorsByMail().keySet()).containsExactlyInAnyOrderElementsOf(
                failing.stream().map(i -> "c" + i + "@example.com").toList());
        api.seed("companies", Map.of("domain", "late.com"));
        api.clearLog();
        List<List<String>> next = new ArrayList<>(rows);
        for (int i = 100; i < 150; i++) {
            next.set(i, row("c" + i + "@example.com", "Changed" + i, null, null, "lead", null));
        }
        Outcome second = load(d, target, next);
        assertThat(inputsSent()).isEqualTo(57);
        assertThat(second.successes).hasSize(57);
        assertThat(second.errors).isEmpty();
        assertThat(contactsByMail()).hasSize(3000);
    }

    /**
     * Storm: throttling (with and without Retry-After), 5xx, hung calls past the timeout, dropped connections,
     * all-or-nothing batches and shuffled results over {@link #stormRecords()} records. Every record ends exactly once
     * in a processor, the API holds exactly the successes, no call exceeds the batch limit or (beyond timing jitter)
     * the rate limit, retries stay within their bound, and the counts match.
     */
    @Test
    public void stormEndsEveryRecordExactlyOnce() {
        int n = stormRecords();
        int perWindow = 40;
        Duration window = Duration.ofMillis(100);
        api.seed("companies", Map.of("domain", "acme.com"));
        api.settings(api.settings().withResponseStyle(true, true)
                .withRateLimit(perWindow, window, FakeApiSettings.RateLimitSignal.HTTP_429)
                .withFaults(20260101L, 0.10, 0.05, 0.02, 0.01, 0.0, true)
                .withTimings(Duration.ofMillis(20), 0.5, Duration.ofSeconds(3), Duration.ZERO));
        ActivationLimits limits = fastLimits().withMaxInFlight(6)
                .withRateLimit(perWindow, window.plusMillis(10))
                .withRetries(6, Duration.ofMillis(5), Duration.ofMillis(200))
                .withRequestTimeout(Duration.ofMillis(1200));
        Destination d = destination(limits, Duration.ofMillis(1000), false);
        List<List<String>> rows = new ArrayList<>(n);
        Set<String> invalid = new HashSet<>();
        for (int i = 0; i < n; i++) {
            boolean bad = i % 500 == 250;
            String mail = "s" + i + "@storm.io";
            if (bad) {
                invalid.add(mail);
            }
            rows.add(row(mail, "S" + i, null, String.valueOf(i), "customer", bad ? "gone.org" : "acme.com"));
        }
        long t0 = System.nanoTime();
        Outcome o = load(d, customers("UPSERT", Map.of(), "email"), rows);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);

        List<String> routed = new ArrayList<>();
        o.successes.forEach(s -> routed.add(String.valueOf(s.get("mail"))));
        o.errors.forEach(e -> routed.add(String.valueOf(e.get("mail"))));
        assertThat(routed).as("every record routed exactly once (%d s)", seconds).hasSize(n)
                .doesNotHaveDuplicates();
        assertThat(o.errorsByMail().keySet()).containsAll(invalid);
        Map<String, StoredRecord> stored = contactsByMail();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(o.successes.stream()
                .map(s -> String.valueOf(s.get("mail"))).toList());
        assertProcessorsMatchApi(o);
        List<RequestLogEntry> calls = api.batchRequests();
        assertThat(calls).allSatisfy(e -> assertThat(e.inputs()).isLessThanOrEqualTo(100));
        assertThat(calls).anyMatch(e -> e.outcome().equals("hung")).anyMatch(e -> e.outcome().equals("dropped"))
                .anyMatch(e -> e.outcome().equals("throttled")).anyMatch(e -> e.outcome().equals("injected-5xx"))
                .anyMatch(e -> e.outcome().equals("rejected"));
        long overBudget = calls.stream().filter(e -> e.outcome().equals("rate-limited")).count();
        assertThat(overBudget).as("calls over the window budget (timing jitter only)")
                .isLessThanOrEqualTo(Math.max(5, calls.size() / 100));
        // retries stay within the bound: a record is in at most maxRetries + 1 calls that failed retryably
        Map<String, Integer> retryableFailures = new HashMap<>();
        for (RequestLogEntry e : calls) {
            if (Set.of("hung", "dropped", "injected-5xx").contains(e.outcome())) {
                e.traceIds().forEach(id -> retryableFailures.merge(id, 1, Integer::sum));
            }
        }
        assertThat(retryableFailures.values()).allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(
                limits.maxRetries() + 1));
        assertThat(o.errors).allSatisfy(e -> assertThat(String.valueOf(e.get("_ERROR")))
                .doesNotContain("gave up after " + (limits.maxRetries() + 1)));
    }

    /**
     * Each way an API signals throttling (429 with {@code Retry-After}, 403 or 200 with a rate-limit error) makes the
     * destination wait as long as the API asks and send the batch again, without losing or failing a record.
     *
     * @param signal how the fake API signals throttling
     */
    @ParameterizedTest
    @EnumSource(FakeApiSettings.RateLimitSignal.class)
    public void throttlingIsHonouredWhateverItsSignal(FakeApiSettings.RateLimitSignal signal) {
        Duration retryAfter = Duration.ofMillis(200);
        api.settings(api.settings().withRateLimit(4, Duration.ofMillis(600), signal)
                .withTimings(retryAfter, 1, Duration.ofSeconds(30), Duration.ZERO));
        ActivationLimits limits = fastLimits().withMaxInFlight(1).withRetries(0, Duration.ofMillis(5),
                Duration.ofMillis(5));
        Outcome o = load(destination(limits, Duration.ofSeconds(10), false), customers("UPSERT", Map.of(), "email"),
                contacts(0, 1000, i -> "T" + i));
        assertThat(o.successes).hasSize(1000);
        assertThat(o.errors).isEmpty();
        assertThat(contactsByMail()).hasSize(1000);
        List<RequestLogEntry> calls = api.batchRequests();
        assertThat(calls).anyMatch(e -> e.outcome().equals("rate-limited"));
        for (int i = 0; i + 1 < calls.size(); i++) {
            if (calls.get(i).outcome().equals("rate-limited")) {
                long gapMillis = TimeUnit.NANOSECONDS.toMillis(calls.get(i + 1).arrivalNanos()
                        - calls.get(i).arrivalNanos());
                assertThat(gapMillis).as("wait after throttle %d", i).isGreaterThanOrEqualTo(
                        retryAfter.toMillis() - 5);
            }
        }
    }

    /** Cancellation during a rate-limit wait returns within one second with CANCELLED; nothing unsent is marked sent. */
    @Test
    public void cancellationDuringARateLimitWait() throws Exception {
        api.settings(api.settings().withRateLimit(2, Duration.ofSeconds(60), FakeApiSettings.RateLimitSignal.HTTP_429)
                .withTimings(Duration.ofSeconds(60), 1, Duration.ofSeconds(30), Duration.ZERO));
        Destination d = destination(fastLimits().withBatch(10, 1 << 20).withRateLimit(1, Duration.ofSeconds(60)),
                Duration.ofSeconds(10), true);
        checkCancellation(d, () -> !api.batchRequests().isEmpty() && api.batchRequests().get(0).status() != 0);
    }

    /** Cancellation during a hung call returns within one second with CANCELLED. */
    @Test
    public void cancellationDuringAHungCall() throws Exception {
        api.settings(api.settings().withFaults(1, 0, 0, 1, 0, 0, false)
                .withTimings(Duration.ofMillis(50), 1, Duration.ofSeconds(60), Duration.ZERO));
        Destination d = destination(fastLimits().withRequestTimeout(Duration.ofSeconds(120)), Duration.ofSeconds(90),
                true);
        checkCancellation(d, () -> api.batchRequests().stream().anyMatch(e -> e.outcome().equals("hung")));
    }

    private void checkCancellation(Destination d, java.util.function.BooleanSupplier ready) throws Exception {
        ObjectMetadata target = customers("UPSERT", Map.of("change_only", true), "email");
        List<Map<String, Object>> successes = Collections.synchronizedList(new ArrayList<>());
        List<Map<String, Object>> errors = Collections.synchronizedList(new ArrayList<>());
        CancellationToken token = new CancellationToken();
        LoadRequest request = request(d, target, contacts(0, 200, i -> "A" + i), CsvFileFormat.DEFAULT, successes,
                errors, new ArrayList<>()).cancellation(token).build();
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> catchThrowable(() -> d.load(request)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ready.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the load reached the wait").isLessThan(deadline);
            assertThat(run).isNotDone();
            Thread.sleep(10);
        }
        Thread.sleep(200);
        long cancelledAt = System.nanoTime();
        token.cancel();
        Throwable t = run.get(5, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);
        assertThat(tookMillis).as("returned after cancel").isLessThan(1000);
        assertThat(t).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.CANCELLED));
        assertThat(contactsByMail().keySet()).containsExactlyInAnyOrderElementsOf(successes.stream()
                .map(s -> String.valueOf(s.get("mail"))).collect(Collectors.toSet()));
        // Nothing unsent was marked sent: a fault-free second sync sends every record the first did not write.
        api.settings(FakeApiSettings.defaults().withToken(TOKEN));
        api.clearLog();
        Destination again = destination(fastLimits(), Duration.ofSeconds(10), true);
        Outcome second = load(again, target, contacts(0, 200, i -> "A" + i));
        assertThat(inputsSent()).isEqualTo(200 - successes.size());
        assertThat(contactsByMail()).hasSize(200);
        assertThat(second.errors).isEmpty();
    }
}
