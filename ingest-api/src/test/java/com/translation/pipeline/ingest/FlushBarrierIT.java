package com.translation.pipeline.ingest;

import static com.translation.pipeline.ingest.IngestTestData.session;
import static com.translation.pipeline.ingest.IngestTestData.sessions;
import static com.translation.pipeline.ingest.IngestTestData.task;
import static com.translation.pipeline.ingest.IngestTestData.tasks;
import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.ServiceHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flush barrier against a real broker, with a stand-in consumer in the writer group until the
 * worker exists: it waits for the group's committed offsets, and counts events from direct
 * producers too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlushBarrierIT {

    static final String SESSIONS_TOPIC = KafkaTestBroker.uniqueTopic(Topics.SESSIONS);
    static final String TASKS_TOPIC = KafkaTestBroker.uniqueTopic(Topics.TASKS);
    static final String WRITER_GROUP = "writer-" + UUID.randomUUID();
    static final String FLUSH = "/api/v1/translation/flush";

    private static final KafkaTestBroker KAFKA = KafkaTestBroker.instance();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("ingest.sessions-topic", () -> SESSIONS_TOPIC);
        registry.add("ingest.tasks-topic", () -> TASKS_TOPIC);
        registry.add("ingest.writer-group", () -> WRITER_GROUP);
    }

    @Test
    @Order(1)
    void flushTimesOutCountingEveryUnappliedEventIncludingDirectlyProducedOnes() throws Exception {
        postBatches();
        produceDirectly(2);

        HttpResponse<String> response = ServiceHttp.postJson(port, FLUSH, "{\"timeout_ms\": 300}");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("pending").asLong()).isEqualTo(3 + 2 + 2);
        assertThat(problem.path("waited_ms").asLong()).isGreaterThanOrEqualTo(200);
    }

    @Test
    @Order(2)
    void flushAnswersOnlyAfterTheWriterGroupCommittedPastTheCapturedOffsets() throws Exception {
        postBatches();
        CompletableFuture<HttpResponse<String>> flush =
                CompletableFuture.supplyAsync(
                        () -> ServiceHttp.postJson(port, FLUSH, "{\"timeout_ms\": 20000}"));
        Thread.sleep(500);
        assertThat(flush).isNotDone();

        Instant committedAt = consumeEverythingAndCommit();
        HttpResponse<String> response = flush.get();
        Instant answeredAt = Instant.now();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("flushed");
        assertThat(answeredAt).isAfterOrEqualTo(committedAt);
    }

    @Test
    @Order(3)
    void flushWithNothingPendingAnswersAtOnceAndNegativeTimeoutIsBadRequest() {
        HttpResponse<String> response = ServiceHttp.postJson(port, FLUSH, "{}");
        HttpResponse<String> negative = ServiceHttp.postJson(port, FLUSH, "{\"timeout_ms\": -1}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(negative.body()).findValuesAsString("field"))
                .contains("timeout_ms");
    }

    private void postBatches() {
        String sessionId = "s-" + UUID.randomUUID();
        assertThat(
                        ServiceHttp.postJson(
                                        port,
                                        "/api/v1/translation/sessions/batch",
                                        sessions(
                                                session(sessionId),
                                                session("s-" + UUID.randomUUID()),
                                                session("s-" + UUID.randomUUID())))
                                .statusCode())
                .isEqualTo(202);
        assertThat(
                        ServiceHttp.postJson(
                                        port,
                                        "/api/v1/translation/tasks/batch",
                                        tasks(
                                                task("t-" + UUID.randomUUID(), sessionId),
                                                task("t-" + UUID.randomUUID(), sessionId)))
                                .statusCode())
                .isEqualTo(202);
    }

    private static void produceDirectly(int count) throws Exception {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(
                                new ProducerRecord<>(
                                        SESSIONS_TOPIC, "direct-" + i, new byte[] {'{', '}'}))
                        .get();
            }
        }
    }

    /**
     * A stand-in for writer-worker: reads both topics to their end and commits in the writer group.
     */
    private static Instant consumeEverythingAndCommit() {
        long expected = KAFKA.endOffsetSum(SESSIONS_TOPIC) + KAFKA.endOffsetSum(TASKS_TOPIC);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KAFKA.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                WRITER_GROUP,
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(SESSIONS_TOPIC, TASKS_TOPIC));
            long read = 0;
            Instant deadline = Instant.now().plusSeconds(30);
            while (read < expected && Instant.now().isBefore(deadline)) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(read).isEqualTo(expected);
            consumer.commitSync();
            return Instant.now();
        }
    }
}
