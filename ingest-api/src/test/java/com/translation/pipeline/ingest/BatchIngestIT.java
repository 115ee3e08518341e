package com.translation.pipeline.ingest;

import static com.translation.pipeline.ingest.IngestTestData.session;
import static com.translation.pipeline.ingest.IngestTestData.sessions;
import static com.translation.pipeline.ingest.IngestTestData.task;
import static com.translation.pipeline.ingest.IngestTestData.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.consistency.ConsistencyToken;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.EventValidator;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.ServiceAssertions;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The batch endpoints against a real broker: what gets 2xx is on the topic, nothing else is. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.web.max-body-size=1MB", "ingest.max-items=20"})
class BatchIngestIT {

    static final String SESSIONS_TOPIC = KafkaTestBroker.uniqueTopic(Topics.SESSIONS);
    static final String TASKS_TOPIC = KafkaTestBroker.uniqueTopic(Topics.TASKS);
    static final String SESSIONS_BATCH = "/api/v1/translation/sessions/batch";
    static final String TASKS_BATCH = "/api/v1/translation/tasks/batch";

    private static final KafkaTestBroker KAFKA = KafkaTestBroker.instance();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventValidator VALIDATOR = EventValidator.create();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("ingest.sessions-topic", () -> SESSIONS_TOPIC);
        registry.add("ingest.tasks-topic", () -> TASKS_TOPIC);
        registry.add("ingest.topic-partitions", () -> 3);
    }

    @Test
    void validSessionBatchIsAcceptedAndEveryItemIsOnTheTopicAsAnEnvelopeKeyedBySession() {
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> "s-" + UUID.randomUUID()).toList();

        HttpResponse<String> response =
                post(
                        SESSIONS_BATCH,
                        sessions(ids.stream().map(IngestTestData::session).toArray(String[]::new)));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("accepted").asInt()).isEqualTo(5);
        assertThat(body.path("rejected").asInt()).isZero();
        assertThat(body.path("results").findValuesAsString("status")).containsOnly("accepted");
        assertThat(body.path("results").findValuesAsString("id")).containsExactlyElementsOf(ids);
        List<EventEnvelope> onTopic = envelopesFor(SESSIONS_TOPIC, ids);
        assertThat(onTopic).hasSize(5);
        assertThat(onTopic)
                .allSatisfy(
                        envelope -> {
                            assertThat(envelope.data()).isInstanceOf(SessionData.class);
                            assertThat(((SessionData) envelope.data()).title()).isEqualTo("Report");
                        });
    }

    @Test
    void taskBatchIsKeyedByTheTaskSessionId() {
        String sessionId = "s-" + UUID.randomUUID();
        List<String> taskIds = List.of("t-" + UUID.randomUUID(), "t-" + UUID.randomUUID());

        HttpResponse<String> response =
                post(
                        TASKS_BATCH,
                        tasks(task(taskIds.get(0), sessionId), task(taskIds.get(1), sessionId)));

        assertThat(response.statusCode()).isEqualTo(202);
        List<ConsumerRecord<String, byte[]>> records =
                KAFKA.readAll(TASKS_TOPIC).stream().filter(r -> sessionId.equals(r.key())).toList();
        assertThat(records).hasSize(2);
        assertThat(records.stream().map(r -> r.partition()).distinct()).hasSize(1);
        assertThat(records)
                .extracting(
                        r ->
                                ((TaskData) VALIDATOR.validateEnvelope(r.value()).value().data())
                                        .taskId())
                .containsExactlyElementsOf(taskIds);
    }

    @Test
    void consistencyTokenNamesTheOffsetsJustPastTheWrittenEvents() {
        String id = "s-" + UUID.randomUUID();

        JsonNode body = JSON.readTree(post(SESSIONS_BATCH, sessions(session(id))).body());

        ConsistencyToken token = ConsistencyToken.decode(body.path("consistency_token").asString());
        ConsumerRecord<String, byte[]> written =
                KAFKA.readAll(SESSIONS_TOPIC).stream()
                        .filter(r -> id.equals(r.key()))
                        .findFirst()
                        .orElseThrow();
        assertThat(token.offsets())
                .containsEntry(SESSIONS_TOPIC, Map.of(written.partition(), written.offset() + 1));
    }

    @Test
    void mixedBatchIsMultiStatusWithOnlyTheValidItemsOnTheTopic() {
        String good = "s-" + UUID.randomUUID();
        String bad = "s-" + UUID.randomUUID();
        String invalid = session(bad).replace("\"running\"", "\"done\"");

        HttpResponse<String> response = post(SESSIONS_BATCH, sessions(session(good), invalid));

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("accepted").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        assertThat(body.path("failed").asInt()).isZero();
        JsonNode rejected = body.path("results").get(1);
        assertThat(rejected.path("status").asString()).isEqualTo("rejected");
        assertThat(rejected.path("id").asString()).isEqualTo(bad);
        assertThat(rejected.path("errors").get(0).path("field").asString()).isEqualTo("status");
        assertThat(keysOn(SESSIONS_TOPIC)).contains(good).doesNotContain(bad);
    }

    @Test
    void atomicMixedBatchIsUnprocessableAndPublishesNothing() {
        String good = "s-" + UUID.randomUUID();
        String invalid = session("s-" + UUID.randomUUID()).replace("\"running\"", "\"done\"");
        long before = KAFKA.endOffsetSum(SESSIONS_TOPIC);

        HttpResponse<String> response =
                post(SESSIONS_BATCH + "?atomic=true", sessions(session(good), invalid));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("accepted").asInt()).isZero();
        assertThat(body.path("results").get(0).path("status").asString()).isEqualTo("rejected");
        assertThat(body.path("results").get(1).path("errors").get(0).path("field").asString())
                .isEqualTo("status");
        assertThat(KAFKA.endOffsetSum(SESSIONS_TOPIC)).isEqualTo(before);
    }

    @Test
    void batchOfOnlyInvalidItemsIsUnprocessable() {
        String missingStatus =
                session("s-" + UUID.randomUUID()).replace("\"status\": \"running\",", "");

        assertRejectedWithoutPublishing(sessions(missingStatus), 422, "status");
    }

    @Test
    void malformedJsonIsBadRequest() {
        assertRejectedWithoutPublishing("{\"sessions\": [", 400, null);
    }

    @Test
    void bodyOverTheLimitIsTooLargeWhetherDeclaredOrChunked() {
        String huge =
                sessions(session("s-x").replace("\"Report\"", "\"" + "x".repeat(1_100_000) + "\""));
        long before = KAFKA.endOffsetSum(SESSIONS_TOPIC);

        HttpResponse<String> declared = post(SESSIONS_BATCH, huge);
        HttpResponse<String> chunked =
                ServiceHttp.send(
                        HttpRequest.newBuilder(ServiceHttp.uri(port, SESSIONS_BATCH))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofInputStream(
                                                () ->
                                                        new ByteArrayInputStream(
                                                                huge.getBytes(
                                                                        StandardCharsets.UTF_8)))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(KAFKA.endOffsetSum(SESSIONS_TOPIC)).isEqualTo(before);
    }

    @Test
    void moreItemsThanAllowedIsTooLargeNamingTheField() {
        String[] items =
                IntStream.range(0, 21)
                        .mapToObj(i -> session("s-" + UUID.randomUUID()))
                        .toArray(String[]::new);

        assertRejectedWithoutPublishing(sessions(items), 413, "sessions");
    }

    @Test
    void itemOverAFieldLimitIsRejectedNamingTheField() {
        String longTitle =
                session("s-" + UUID.randomUUID())
                        .replace("\"Report\"", "\"" + "t".repeat(513) + "\"");

        assertRejectedWithoutPublishing(sessions(longTitle), 422, "title");
    }

    @Test
    void unknownRecordStatusIsRejectedNamingTheField() {
        String sessionStatusOnTask =
                task("t-" + UUID.randomUUID(), "s-1").replace("\"completed\"", "\"paused\"");
        long before = KAFKA.endOffsetSum(TASKS_TOPIC);

        HttpResponse<String> response = post(TASKS_BATCH, tasks(sessionStatusOnTask));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(
                        JSON.readTree(response.body())
                                .path("results")
                                .get(0)
                                .path("errors")
                                .get(0)
                                .path("field")
                                .asString())
                .isEqualTo("status");
        assertThat(KAFKA.endOffsetSum(TASKS_TOPIC)).isEqualTo(before);
    }

    @Test
    void metadataNestedBeyondItsLimitIsRejectedAndBeyondTheParserLimitIsBadRequest() {
        String seventeenDeep = "{\"a\":".repeat(17) + "1" + "}".repeat(17);
        String item =
                session("s-" + UUID.randomUUID())
                        .replace("{\"origin\": \"upload\"}", seventeenDeep);
        String beyondParser = "{\"a\":".repeat(70) + "1" + "}".repeat(70);
        String item2 =
                session("s-" + UUID.randomUUID()).replace("{\"origin\": \"upload\"}", beyondParser);

        assertRejectedWithoutPublishing(sessions(item), 422, "metadata");
        assertRejectedWithoutPublishing(sessions(item2), 400, null);
    }

    @Test
    void hugeMetadataIsRejectedNamingTheField() {
        String big = "{\"k\": \"" + "x".repeat(70_000) + "\"}";
        String item = session("s-" + UUID.randomUUID()).replace("{\"origin\": \"upload\"}", big);

        assertRejectedWithoutPublishing(sessions(item), 422, "metadata");
    }

    @Test
    void unknownTopLevelFieldDuplicateKeysMissingOrEmptyItemsAreBadRequests() {
        assertRejectedWithoutPublishing("{\"sessions\": [], \"mode\": \"fast\"}", 400, "mode");
        assertRejectedWithoutPublishing(
                "{\"sessions\": [" + session("s-a") + "], \"sessions\": []}", 400, null);
        assertRejectedWithoutPublishing("{}", 400, "sessions");
        assertRejectedWithoutPublishing("{\"sessions\": []}", 400, "sessions");
    }

    @Test
    void metricsCountAcceptedAndRejectedItemsByReason() {
        post(SESSIONS_BATCH, sessions(session("s-" + UUID.randomUUID()), session("bad id!")));

        JsonNode summary = JSON.readTree(ServiceHttp.get(port, "/api/v1/system/metrics").body());
        List<String> names = summary.path("meters").findValuesAsString("name");
        assertThat(names)
                .contains(
                        "pipeline.ingest.items",
                        "pipeline.ingest.requests",
                        "pipeline.ingest.publish");
        assertThat(ServiceHttp.get(port, "/actuator/prometheus").body())
                .contains(
                        "pipeline_ingest_items_total{kind=\"sessions\",outcome=\"rejected\",reason=\"INVALID_VALUE\"}")
                .contains("pipeline_ingest_requests_total{kind=\"sessions\",status=\"207\"}");
    }

    @Test
    void aBatchWhoseAcceptTakesNoJsonIsRefusedBeforeAnythingIsPublished() {
        long before = KAFKA.endOffsetSum(SESSIONS_TOPIC);
        String body = sessions(IngestTestData.session("s-" + UUID.randomUUID()));

        for (String accept :
                List.of(
                        "application/xml",
                        "application/yaml",
                        "text/html",
                        "application/json;q=0")) {
            HttpResponse<String> response =
                    ServiceHttp.send(
                            HttpRequest.newBuilder(ServiceHttp.uri(port, SESSIONS_BATCH))
                                    .header("Content-Type", "application/json")
                                    .header("Accept", accept)
                                    .POST(HttpRequest.BodyPublishers.ofString(body)));

            assertThat(response.statusCode()).as(accept).isEqualTo(406);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("detail").asString())
                    .contains("nothing was done");
        }
        assertThat(KAFKA.endOffsetSum(SESSIONS_TOPIC)).isEqualTo(before);

        for (String accept :
                List.of(
                        "application/json",
                        "*/*",
                        "application/*",
                        "text/html, */*;q=0.1",
                        "application/yaml, application/json;q=0.5")) {
            HttpResponse<String> response =
                    ServiceHttp.send(
                            HttpRequest.newBuilder(ServiceHttp.uri(port, SESSIONS_BATCH))
                                    .header("Content-Type", "application/json")
                                    .header("Accept", accept)
                                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).as(accept).isEqualTo(202);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        }
    }

    @Test
    void healthHasAKafkaComponentAndOpenApiDescribesTheBatchEndpoints() {
        JsonNode health = JSON.readTree(ServiceHttp.get(port, "/health").body());
        HttpResponse<String> apiDocs = ServiceHttp.get(port, "/v3/api-docs");

        assertThat(health.path("components").path("kafka").path("status").asString())
                .isEqualTo("UP");
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(apiDocs.body())
                .contains(SESSIONS_BATCH, TASKS_BATCH, "/api/v1/translation/flush");
        assertThat(ServiceHttp.get(port, "/docs").statusCode()).isIn(200, 302);
        ServiceAssertions.assertHealthy(port, "kafka");
        ServiceAssertions.assertOnlyHealthAndPrometheusExposed(port);
    }

    private void assertRejectedWithoutPublishing(String body, int status, String field) {
        long sessionsBefore = KAFKA.endOffsetSum(SESSIONS_TOPIC);

        HttpResponse<String> response = post(SESSIONS_BATCH, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception", "at com.", "at org.");
        if (field != null) {
            assertThat(JSON.readTree(response.body()).findValuesAsString("field")).contains(field);
        }
        assertThat(KAFKA.endOffsetSum(SESSIONS_TOPIC)).isEqualTo(sessionsBefore);
    }

    private HttpResponse<String> post(String path, String body) {
        return ServiceHttp.postJson(port, path, body);
    }

    private static List<String> keysOn(String topic) {
        return KAFKA.readAll(topic).stream().map(ConsumerRecord::key).toList();
    }

    private static List<EventEnvelope> envelopesFor(String topic, List<String> keys) {
        return KAFKA.readAll(topic).stream()
                .filter(r -> keys.contains(r.key()))
                .map(r -> VALIDATOR.validateEnvelope(r.value()))
                .peek(v -> assertThat(v.errors()).isEmpty())
                .map(v -> v.value())
                .peek(e -> assertThat(e.key()).isIn(keys))
                .toList();
    }
}
