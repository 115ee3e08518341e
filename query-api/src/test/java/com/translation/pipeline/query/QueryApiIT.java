package com.translation.pipeline.query;

import static com.translation.pipeline.query.SeedData.T0;
import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.query.SeedData.Session;
import com.translation.pipeline.schema.consistency.ConsistencyToken;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.ServiceAssertions;
import com.translation.pipeline.testsupport.ServiceHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read endpoints over a seeded data set, compared with its in-memory model: every filter, sort
 * and paging mode, single records, recovery, stats and consistency tokens. One subclass per
 * database server.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"query.consistency-timeout=300ms", "query.writer-group=writer-under-test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryApiIT {

    static final String SESSIONS = "/api/v1/translation/sessions";
    static final String TASKS = "/api/v1/translation/tasks";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final SeedData data = SeedData.create();
    String sessionsTopic;

    @Autowired DSLContext db;
    @Autowired QueryProperties properties;
    @LocalServerPort int port;

    static void kafka(DynamicPropertyRegistry registry) {
        KafkaTestBroker kafka = KafkaTestBroker.instance();
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        // Fresh names for each subclass's context: the subclasses share this JVM's broker.
        String sessions = KafkaTestBroker.uniqueTopic(Topics.SESSIONS);
        String tasks = KafkaTestBroker.uniqueTopic(Topics.TASKS);
        String deadLetters = KafkaTestBroker.uniqueTopic(Topics.DEAD_LETTERS);
        registry.add("query.sessions-topic", () -> sessions);
        registry.add("query.tasks-topic", () -> tasks);
        registry.add("query.dead-letter-topic", () -> deadLetters);
    }

    @BeforeAll
    void seed() throws Exception {
        sessionsTopic = properties.sessionsTopic();
        data.insert(db);
        KafkaTestBroker kafka = KafkaTestBroker.instance();
        kafka.createTopics(2, sessionsTopic, properties.tasksTopic(), properties.deadLetterTopic());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(sessionsTopic, 0, "k", new byte[] {1})).get();
            }
            for (int i = 0; i < 2; i++) {
                producer.send(
                                new ProducerRecord<>(
                                        properties.deadLetterTopic(), 1, "k", new byte[] {1}))
                        .get();
            }
        }
        db.insertInto(CONSUMER_OFFSET)
                .set(CONSUMER_OFFSET.CONSUMER_GROUP, "writer-under-test")
                .set(CONSUMER_OFFSET.TOPIC, sessionsTopic)
                .set(CONSUMER_OFFSET.KAFKA_PARTITION, 0)
                .set(CONSUMER_OFFSET.NEXT_OFFSET, 3L)
                .set(CONSUMER_OFFSET.UPDATED_AT, T0)
                .execute();
    }

    static Stream<Arguments> sessionFilters() {
        return Stream.of(
                filter("status=running", s -> s.status().equals("running")),
                filter("user_id=u-1", s -> s.userId().equals("u-1")),
                filter(
                        "created_from=2026-03-01T10:10:00Z&created_to=2026-03-01T10:20:00Z",
                        s ->
                                !s.createdAt().isBefore(T0.plusMinutes(10))
                                        && s.createdAt().isBefore(T0.plusMinutes(20))),
                filter(
                        "updated_from=2026-03-01T14:00:00%2B02:00&updated_to=2026-03-01T15:00:00Z",
                        s ->
                                !s.updatedAt().isBefore(T0.plusHours(2))
                                        && s.updatedAt().isBefore(T0.plusHours(5))),
                filter(
                        "status=completed&user_id=u-0",
                        s -> s.status().equals("completed") && s.userId().equals("u-0")),
                filter(
                        "status=paused&updated_from=2026-03-01T13:00:00Z",
                        s ->
                                s.status().equals("paused")
                                        && !s.updatedAt().isBefore(T0.plusHours(3))),
                filter("user_id=nobody", s -> false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessionFilters")
    void everySessionFilterReturnsExactlyTheMatchingRows(String query, Predicate<Session> matches) {
        List<String> expected = data.sessionIds(matches, SeedData.order("created_at", true));

        assertThat(offsetPages(SESSIONS, query, 500, "session_id"))
                .containsExactlyElementsOf(expected);
        assertThat(keysetPages(SESSIONS, query, 4, "session_id"))
                .containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> sorts() {
        return Stream.of("created_at", "updated_at", "session_id")
                .flatMap(sort -> Stream.of(Arguments.of(sort, "asc"), Arguments.of(sort, "desc")));
    }

    @ParameterizedTest(name = "sort_by={0}&sort_order={1}")
    @MethodSource("sorts")
    void everySortPagesThroughTiesWithoutSkippingOrRepeatingARow(String sortBy, String order) {
        List<String> expected =
                data.sessionIds(s -> true, SeedData.order(sortBy, order.equals("desc")));
        String query = "sort_by=" + sortBy + "&sort_order=" + order;

        assertThat(offsetPages(SESSIONS, query, 7, "session_id"))
                .containsExactlyElementsOf(expected);
        assertThat(keysetPages(SESSIONS, query, 7, "session_id"))
                .containsExactlyElementsOf(expected);
        assertThat(keysetPages(SESSIONS, query + "&status=running", 2, "session_id"))
                .containsExactlyElementsOf(
                        data.sessionIds(
                                s -> s.status().equals("running"),
                                SeedData.order(sortBy, order.equals("desc"))));
    }

    @Test
    void offsetPagesCarryPageAndTotalWhileKeysetPagesSkipTheCount() {
        JsonNode second = get(SESSIONS + "?page=2&page_size=10");
        JsonNode next =
                get(SESSIONS + "?page_size=10&cursor=" + second.path("next_cursor").asString());

        assertThat(second.path("page").asInt()).isEqualTo(2);
        assertThat(second.path("page_size").asInt()).isEqualTo(10);
        assertThat(second.path("total").asLong()).isEqualTo(data.sessions.size());
        assertThat(second.path("items")).hasSize(10);
        assertThat(next.path("page").isNull()).isTrue();
        assertThat(next.path("total").isNull()).isTrue();
        assertThat(next.path("items").get(0).path("session_id").asString())
                .isEqualTo(data.sessionIds(s -> true, SeedData.order("created_at", true)).get(20));
        JsonNode last = get(SESSIONS + "?page=7&page_size=10");
        assertThat(last.path("items")).hasSize(1);
        assertThat(last.path("next_cursor").isNull()).isTrue();
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                Arguments.of(SESSIONS + "?page_size=501", "page_size"),
                Arguments.of(SESSIONS + "?page_size=0", "page_size"),
                Arguments.of(SESSIONS + "?page=0", "page"),
                Arguments.of(SESSIONS + "?page=two", "page"),
                Arguments.of(SESSIONS + "?sort_by=title", "sort_by"),
                Arguments.of(SESSIONS + "?sort_order=up", "sort_order"),
                Arguments.of(SESSIONS + "?cursor=not-a-cursor", "cursor"),
                Arguments.of(SESSIONS + "?status=done", "status"),
                Arguments.of(SESSIONS + "?created_from=yesterday", "created_from"),
                Arguments.of(SESSIONS + "?updated_to=2026-03-01T10:00:00", "updated_to"),
                Arguments.of(
                        SESSIONS
                                + "?created_from=2026-03-02T00:00:00Z&created_to=2026-03-01T00:00:00Z",
                        "created_from"),
                Arguments.of(TASKS + "?sort_by=sequence", "sort_by"),
                Arguments.of(TASKS + "?status=paused", "status"),
                Arguments.of(
                        "/api/v1/translation/recovery/incomplete-sessions?updated_from=x",
                        "updated_from"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidParameters")
    void invalidParameterIsBadRequestNamingIt(String path, String parameter) {
        HttpResponse<String> response = ServiceHttp.get(port, path);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).findValuesAsString("field"))
                .containsExactly(parameter);
    }

    @Test
    void cursorIsRejectedWithOtherFiltersOrSortOrCombinedWithPage() {
        String cursor =
                get(SESSIONS + "?page_size=5&status=running").path("next_cursor").asString();

        assertBadRequest(SESSIONS + "?page_size=5&status=paused&cursor=" + cursor, "cursor");
        assertBadRequest(
                SESSIONS + "?page_size=5&status=running&sort_by=updated_at&cursor=" + cursor,
                "cursor");
        assertBadRequest(SESSIONS + "?page=2&status=running&cursor=" + cursor, "cursor");
    }

    @Test
    void singleSessionAndTaskAreReturnedAndAbsentOnesAreNotFound() {
        JsonNode session = get(SESSIONS + "/s-07");
        JsonNode task = get(TASKS + "/t-03-2");

        assertThat(session.path("session_id").asString()).isEqualTo("s-07");
        assertThat(session.path("status").asString()).isEqualTo("running");
        assertThat(session.path("metadata").path("origin").asString()).isEqualTo("seed");
        assertThat(Instant.parse(session.path("created_at").asString()))
                .isEqualTo(T0.plusMinutes(3).toInstant(ZoneOffset.UTC));
        assertThat(task.path("session_id").asString()).isEqualTo("s-03");
        assertThat(task.path("sequence").asInt()).isEqualTo(1);
        for (String path :
                List.of(SESSIONS + "/s-none", TASKS + "/t-none", SESSIONS + "/s-none/tasks")) {
            HttpResponse<String> response = ServiceHttp.get(port, path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("application/problem+json");
        }
    }

    @Test
    void sessionTasksComeBySequenceThroughEveryPage() {
        assertThat(offsetPages(SESSIONS + "/s-03/tasks", "", 500, "task_id"))
                .containsExactly("t-03-0", "t-03-2", "t-03-4", "t-03-1", "t-03-3");
        List<String> big = keysetPages(SESSIONS + "/s-big/tasks", "", 100, "task_id");
        assertThat(big).hasSize(1000);
        assertThat(big).isSorted();
    }

    @Test
    void taskFiltersAndSequenceOrderWithinASession() {
        assertThat(
                        offsetPages(
                                TASKS,
                                "session_id=s-04&sort_by=sequence&sort_order=asc",
                                2,
                                "task_id"))
                .containsExactly("t-04-0", "t-04-2", "t-04-4", "t-04-1", "t-04-3");
        List<String> failed = offsetPages(TASKS, "status=failed&session_id=s-02", 500, "task_id");
        assertThat(failed)
                .containsExactlyInAnyOrderElementsOf(
                        data.tasks.stream()
                                .filter(
                                        t ->
                                                t.getSessionId().equals("s-02")
                                                        && t.getStatus().equals("failed"))
                                .map(t -> t.getTaskId())
                                .toList());
        assertThat(offsetPages(TASKS, "session_id=s-ghost", 500, "task_id"))
                .containsExactly("t-ghost");
    }

    @Test
    void incompleteSessionsAreExactlyThePendingRunningAndPausedOnes() {
        Predicate<Session> incomplete =
                s -> List.of("pending", "running", "paused").contains(s.status());
        String path = "/api/v1/translation/recovery/incomplete-sessions";

        assertThat(offsetPages(path, "", 500, "session_id"))
                .containsExactlyElementsOf(
                        data.sessionIds(incomplete, SeedData.order("created_at", true)));
        assertThat(offsetPages(path, "user_id=u-2", 500, "session_id"))
                .containsExactlyElementsOf(
                        data.sessionIds(
                                incomplete.and(s -> s.userId().equals("u-2")),
                                SeedData.order("created_at", true)));
    }

    @Test
    void restoreReturnsTheWholeSessionWithTasksInOrderAndCounts() {
        HttpResponse<String> response =
                ServiceHttp.send(
                        HttpRequest.newBuilder(
                                        ServiceHttp.uri(
                                                port, "/api/v1/translation/recovery/restore/s-big"))
                                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> missing =
                ServiceHttp.send(
                        HttpRequest.newBuilder(
                                        ServiceHttp.uri(
                                                port,
                                                "/api/v1/translation/recovery/restore/s-none"))
                                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode restored = JSON.readTree(response.body());
        assertThat(restored.path("session").path("session_id").asString()).isEqualTo("s-big");
        List<Integer> sequences = new ArrayList<>();
        restored.path("tasks").forEach(task -> sequences.add(task.path("sequence").asInt()));
        assertThat(sequences).hasSize(1000).isSorted().startsWith(0, 1, 2);
        Map<String, Long> counts =
                data.tasks.stream()
                        .filter(t -> t.getSessionId().equals("s-big"))
                        .collect(Collectors.groupingBy(t -> t.getStatus(), Collectors.counting()));
        counts.forEach(
                (status, count) ->
                        assertThat(restored.path("task_counts").path(status).asLong())
                                .isEqualTo(count));
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void statsCountByStatusAndShowTheWritersLagAndDeadLetters() {
        JsonNode stats = get("/api/v1/translation/stats");

        Map<String, Long> byStatus =
                data.sessions.stream()
                        .collect(Collectors.groupingBy(Session::status, Collectors.counting()));
        byStatus.forEach(
                (status, count) ->
                        assertThat(stats.path("sessions").path("by_status").path(status).asLong())
                                .isEqualTo(count));
        assertThat(stats.path("sessions").path("total").asLong()).isEqualTo(data.sessions.size());
        assertThat(stats.path("tasks").path("total").asLong()).isEqualTo(data.tasks.size());
        JsonNode pipeline = stats.path("pipeline");
        assertThat(pipeline.path("kafka").asString()).isEqualTo("available");
        assertThat(pipeline.path("dead_letters").asLong()).isEqualTo(2);
        assertThat(pipeline.path("total_lag").asLong()).isEqualTo(1);
        assertThat(pipeline.path("partitions"))
                .anySatisfy(
                        p -> {
                            assertThat(p.path("topic").asString()).isEqualTo(sessionsTopic);
                            assertThat(p.path("partition").asInt()).isZero();
                            assertThat(p.path("end_offset").asLong()).isEqualTo(4);
                            assertThat(p.path("applied_offset").asLong()).isEqualTo(3);
                            assertThat(p.path("lag").asLong()).isEqualTo(1);
                        });
        assertThat(Instant.parse(pipeline.path("last_applied_at").asString()))
                .isEqualTo(T0.toInstant(ZoneOffset.UTC));
        assertThat(stats.path("storage").path("tables").findValuesAsString("name"))
                .containsExactly(
                        "consumer_offset",
                        "session_tombstone",
                        "translation_session",
                        "translation_task");
    }

    @Test
    void withoutAReplicaNothingOfOneShows(@Autowired MeterRegistry meters) {
        JsonNode stats = get("/api/v1/translation/stats");

        assertThat(stats.has("replica")).isTrue();
        assertThat(stats.path("replica").isNull()).isTrue();
        assertThat(meters.find("query.replica.fallbacks").meters()).isEmpty();
        assertThat(meters.find("query.replica.lag.events").meters()).isEmpty();
    }

    @Test
    void readWithAConsistencyTokenWaitsForTheWriterAndSaysWhetherItCaughtUp() {
        String reached = new ConsistencyToken(Map.of(sessionsTopic, Map.of(0, 3L))).encode();
        String ahead = new ConsistencyToken(Map.of(sessionsTopic, Map.of(0, 4L))).encode();

        HttpResponse<String> consistent = getWithToken(SESSIONS + "/s-01", reached);
        HttpResponse<String> stale = getWithToken(SESSIONS + "/s-01", ahead);
        HttpResponse<String> malformed = getWithToken(SESSIONS + "/s-01", "garbage");

        assertThat(consistent.statusCode()).isEqualTo(200);
        assertThat(consistent.headers().firstValue("X-Consistency")).hasValue("consistent");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Consistency")).hasValue("stale");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).findValuesAsString("field"))
                .containsExactly("X-Consistency-Token");
    }

    /**
     * A token no ingest answer could have given is 400, not a wait and a "stale": another topic at
     * once; a partition the topic does not have, or an offset past its end, once the wait is over.
     */
    @Test
    void aConsistencyTokenFromElsewhereIsRefused() {
        Map<ConsistencyToken, String> why =
                Map.of(
                        new ConsistencyToken(Map.of("some.other.topic", Map.of(0, 1L))),
                        "names the topic 'some.other.topic', which is not an event topic",
                        new ConsistencyToken(Map.of(sessionsTopic, Map.of(999, 1L))),
                        "names partition 999 of",
                        new ConsistencyToken(Map.of(sessionsTopic, Map.of(0, 99L))),
                        "past its end");
        for (Map.Entry<ConsistencyToken, String> foreign : why.entrySet()) {
            HttpResponse<String> refused =
                    getWithToken(SESSIONS + "/s-01", foreign.getKey().encode());

            assertThat(refused.statusCode()).as(foreign.toString()).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).findValuesAsString("field"))
                    .containsExactly("X-Consistency-Token");
            assertThat(refused.body())
                    .contains("not a consistency token from this pipeline")
                    .contains(foreign.getValue());
        }
    }

    @Test
    void healthHasDatabaseAndKafkaAndTheApiIsDescribed() {
        ServiceAssertions.assertHealthy(port, "db", "kafka");
        ServiceAssertions.assertOnlyHealthAndPrometheusExposed(port);
        get(SESSIONS + "/s-01");
        assertThat(ServiceHttp.get(port, "/actuator/prometheus").body())
                .contains("http_server_requests_seconds_count{")
                .contains("uri=\"/api/v1/translation/sessions/{id}\"");
        assertThat(ServiceHttp.get(port, "/v3/api-docs").body())
                .contains(
                        SESSIONS,
                        TASKS,
                        "/api/v1/translation/recovery/restore/{id}",
                        "/api/v1/translation/stats");
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = ServiceHttp.get(port, path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> getWithToken(String path, String token) {
        return ServiceHttp.send(
                HttpRequest.newBuilder(ServiceHttp.uri(port, path))
                        .header("X-Consistency-Token", token)
                        .GET());
    }

    private void assertBadRequest(String path, String parameter) {
        HttpResponse<String> response = ServiceHttp.get(port, path);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).findValuesAsString("field"))
                .containsExactly(parameter);
    }

    /** Every id, page after page in offset mode. */
    private List<String> offsetPages(String path, String query, int pageSize, String idField) {
        List<String> ids = new ArrayList<>();
        for (int page = 1; page < 1000; page++) {
            JsonNode body =
                    get(path + "?" + join(query, "page=" + page + "&page_size=" + pageSize));
            body.path("items").forEach(item -> ids.add(item.path(idField).asString()));
            if (body.path("items").size() < pageSize) {
                return ids;
            }
        }
        throw new AssertionError("paging did not end");
    }

    /** Every id, following next_cursor from the first page. */
    private List<String> keysetPages(String path, String query, int pageSize, String idField) {
        List<String> ids = new ArrayList<>();
        JsonNode body = get(path + "?" + join(query, "page_size=" + pageSize));
        for (int pages = 0; pages < 1000; pages++) {
            body.path("items").forEach(item -> ids.add(item.path(idField).asString()));
            String cursor = body.path("next_cursor").asString(null);
            if (cursor == null) {
                return ids;
            }
            body =
                    get(
                            path
                                    + "?"
                                    + join(
                                            query,
                                            "page_size="
                                                    + pageSize
                                                    + "&cursor="
                                                    + URLEncoder.encode(
                                                            cursor, StandardCharsets.UTF_8)));
        }
        throw new AssertionError("paging did not end");
    }

    private static String join(String query, String paging) {
        return query.isEmpty() ? paging : query + "&" + paging;
    }

    private static Arguments filter(String query, Predicate<Session> matches) {
        return Arguments.of(query, matches);
    }
}
