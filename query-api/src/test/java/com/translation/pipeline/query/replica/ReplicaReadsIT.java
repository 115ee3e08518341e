package com.translation.pipeline.query.replica;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.translation.pipeline.schema.consistency.ConsistencyToken;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.KafkaTestBroker;
import com.translation.pipeline.testsupport.MariaDbServer;
import com.translation.pipeline.testsupport.ServiceHttp;
import com.translation.pipeline.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * query-api on a primary and a replica: two MariaDB 11.4 servers with MariaDB's own binlog
 * replication, the replica's applier stopped and started to make lag on demand, and the replica
 * killed at the end. The test plays the writer: it stores a session's new version and the writer
 * group's offset in one transaction on the primary, as writer-worker does. query-api's replica
 * sessions are read-only, so a write sent there would fail.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "query.writer-group=" + ReplicaReadsIT.GROUP,
            "query.consistency-timeout=3s",
            "query.replica.max-lag=5s",
            "query.replica.check-interval=100ms",
            "query.replica.connection-timeout=500ms"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaReadsIT {

    static final String GROUP = "writer-under-test";
    static final String SESSIONS = "/api/v1/translation/sessions/";
    static final String TOPIC = KafkaTestBroker.uniqueTopic(Topics.SESSIONS);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final LocalDateTime T0 = LocalDateTime.parse("2026-03-01T10:00:00");

    static final MariaDbServer PRIMARY = MariaDbServer.startPrimary();
    static final MariaDbServer REPLICA = MariaDbServer.startReplicaOf(PRIMARY);
    static final TestDatabase DATABASE = PRIMARY.createDatabase();

    @LocalServerPort int port;
    @Autowired MeterRegistry meters;

    /** The primary, as the writer sees it. */
    final DSLContext primary = DSL.using(DATABASE.dataSource(), SQLDialect.MARIADB);

    long offset;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        KafkaTestBroker kafka = KafkaTestBroker.instance();
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("query.sessions-topic", () -> TOPIC);
        DATABASE.register(registry);
        registry.add("query.replica.url", () -> REPLICA.jdbcUrl(DATABASE.name()));
    }

    @BeforeAll
    void topicWithRecords() throws Exception {
        KafkaTestBroker kafka = KafkaTestBroker.instance();
        kafka.createTopics(1, TOPIC);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            // Offsets up to 100 exist, so that tokens naming them are this pipeline's.
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", new byte[] {1})).get();
            }
        }
        store("s-1", "running");
        REPLICA.awaitCaughtUpWith(PRIMARY);
    }

    @AfterAll
    void stopServers() {
        REPLICA.close();
        PRIMARY.close();
    }

    @Test
    @Order(1)
    void aReadWithoutATokenDuringLagAnswersTheReplicasVersionAtOnce() {
        awaitReplica("available");
        double before = fallbacks();
        REPLICA.pauseReplication();
        store("s-1", "paused");

        HttpResponse<String> read = get("s-1", null);

        assertThat(read.statusCode()).isEqualTo(200);
        // The primary has "paused": this answer came from the replica.
        assertThat(field(read, "status")).isEqualTo("running");
        assertThat(read.headers().firstValue("X-Consistency")).isEmpty();
        assertThat(fallbacks()).isEqualTo(before);
        // Once the monitor has checked since the write (every 100 ms here).
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> {
                            JsonNode replica = stats().get("replica");
                            assertThat(replica.get("status").asString()).isEqualTo("available");
                            assertThat(replica.get("lag_events").asLong()).isEqualTo(1);
                            assertThat(replica.get("lag_seconds").asDouble()).isGreaterThan(0);
                            assertThat(replica.get("error").isNull()).isTrue();
                        });
    }

    @Test
    @Order(2)
    void aTokenReadDuringLagWaitsForTheReplicaThenAnswersTheNewVersion() throws Exception {
        double before = fallbacks();
        String token = store("s-1", "completed");
        CompletableFuture<HttpResponse<String>> read =
                CompletableFuture.supplyAsync(() -> get("s-1", token));
        Thread.sleep(500);
        assertThat(read).isNotDone();

        REPLICA.resumeReplication();

        HttpResponse<String> answer = read.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Consistency")).hasValue("consistent");
        assertThat(field(answer, "status")).isEqualTo("completed");
        // Answered by the replica once it caught up, not by the primary.
        assertThat(fallbacks()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () ->
                                assertThat(stats().get("replica").get("lag_events").asLong())
                                        .isZero());
    }

    @Test
    @Order(3)
    void aTokenTheReplicaDoesNotReachInTimeIsAnsweredByThePrimary() {
        REPLICA.pauseReplication();
        String token = store("s-1", "failed");
        double before = fallbacks("consistency");

        HttpResponse<String> read = get("s-1", token);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("X-Consistency")).hasValue("consistent");
        assertThat(field(read, "status")).isEqualTo("failed");
        assertThat(fallbacks("consistency")).isEqualTo(before + 1);
    }

    @Test
    @Order(4)
    void aReplicaPastTheLagBoundIsLeftForThePrimary() {
        // Still paused since the test before: the lag grows past query.replica.max-lag.
        store("s-2", "running");
        awaitReplica("lagging");
        double before = fallbacks("lagging");

        HttpResponse<String> read = get("s-2", null);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(field(read, "status")).isEqualTo("running");
        assertThat(fallbacks("lagging")).isEqualTo(before + 1);
        REPLICA.resumeReplication();
        awaitReplica("available");
        assertThat(field(get("s-1", null), "status")).isEqualTo("failed");
    }

    @Test
    @Order(5)
    void deletesGoToThePrimaryAndReachTheReplica() {
        HttpResponse<String> deleted =
                ServiceHttp.send(
                        HttpRequest.newBuilder(ServiceHttp.uri(port, SESSIONS + "s-2")).DELETE());

        assertThat(deleted.statusCode()).isEqualTo(200);
        REPLICA.awaitCaughtUpWith(PRIMARY);
        assertThat(get("s-2", null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void aDeleteTheReplicaHasNotAppliedCountsAsLagAndNoTokenReadShowsTheSession() {
        String token = store("s-3", "running");
        REPLICA.awaitCaughtUpWith(PRIMARY);
        REPLICA.pauseReplication();

        HttpResponse<String> deleted =
                ServiceHttp.send(
                        HttpRequest.newBuilder(ServiceHttp.uri(port, SESSIONS + "s-3")).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(200);

        // No offset moved, yet the replica is one transaction behind.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () ->
                                assertThat(stats().get("replica").get("lag_events").asLong())
                                        .isEqualTo(1));
        // Without a token: what the replica has, as documented.
        assertThat(get("s-3", null).statusCode()).isEqualTo(200);
        // With a token from before the delete: never the deleted session as consistent.
        HttpResponse<String> withToken = get("s-3", token);
        assertThat(withToken.statusCode()).isEqualTo(404);
        assertThat(withToken.headers().firstValue("X-Consistency")).hasValue("consistent");

        REPLICA.resumeReplication();
        REPLICA.awaitCaughtUpWith(PRIMARY);
        assertThat(get("s-3", null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void aReadBlockedByATableLockOnTheReplicaIsServedByThePrimary() throws Exception {
        REPLICA.pauseReplication();
        store("s-1", "paused");
        double before = fallbacks("unavailable");
        HttpResponse<String> read;
        try (Connection locker =
                        DriverManager.getConnection(
                                REPLICA.jdbcUrl(DATABASE.name()),
                                REPLICA.username(),
                                REPLICA.password());
                Statement lock = locker.createStatement()) {
            // As replication applying a schema change would hold it.
            lock.execute("LOCK TABLES translation_session WRITE");
            read = get("s-1", null);
        }

        // Past query.replica.lock-wait-timeout (2 s) the read went to the primary.
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(field(read, "status")).isEqualTo("paused");
        assertThat(fallbacks("unavailable")).isEqualTo(before + 1);
        REPLICA.resumeReplication();
        REPLICA.awaitCaughtUpWith(PRIMARY);
    }

    @Test
    @Order(8)
    void aReadInFlightOnTheReplicaWhenItDiesIsServedByThePrimary() throws Exception {
        REPLICA.pauseReplication();
        String token = store("s-1", "cancelled");
        Connection locker =
                DriverManager.getConnection(
                        REPLICA.jdbcUrl(DATABASE.name()), REPLICA.username(), REPLICA.password());
        Statement lock = locker.createStatement();
        // The read's SELECT waits for this lock: it is in flight when the replica dies.
        lock.execute("LOCK TABLES translation_session WRITE");
        CompletableFuture<HttpResponse<String>> read =
                CompletableFuture.supplyAsync(() -> get("s-1", null));
        await().atMost(Duration.ofSeconds(5)).until(() -> waitingForTheLock(lock));
        REPLICA.kill();
        // The locking connection died with the server; closing it only frees the client side.
        locker.close();

        HttpResponse<String> answer = read.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(field(answer, "status")).isEqualTo("cancelled");
        HttpResponse<String> withToken = get("s-1", token);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.headers().firstValue("X-Consistency")).hasValue("consistent");
        assertThat(field(withToken, "status")).isEqualTo("cancelled");
    }

    @Test
    @Order(9)
    void aKilledReplicaLeavesEveryReadToThePrimary() {
        double before = fallbacks("unavailable");

        awaitReplica("unavailable");
        assertThat(stats().get("replica").get("error").asString()).isNotBlank();
        HttpResponse<String> read = get("s-1", null);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(field(read, "status")).isEqualTo("cancelled");
        assertThat(fallbacks("unavailable")).isGreaterThan(before);
    }

    private static boolean waitingForTheLock(Statement statement) throws SQLException {
        try (ResultSet waiting =
                statement.executeQuery(
                        "SELECT COUNT(*) FROM information_schema.processlist"
                                + " WHERE state LIKE 'Waiting for table metadata lock%'")) {
            waiting.next();
            return waiting.getInt(1) > 0;
        }
    }

    /** Stores a new version of a session and the writer's next offset in one transaction. */
    private String store(String id, String status) {
        offset++;
        LocalDateTime updated = T0.plusMinutes(offset);
        primary.transaction(
                tx -> {
                    tx.dsl()
                            .insertInto(TRANSLATION_SESSION)
                            .set(TRANSLATION_SESSION.SESSION_ID, id)
                            .set(TRANSLATION_SESSION.STATUS, status)
                            .set(TRANSLATION_SESSION.CREATED_AT, T0)
                            .set(TRANSLATION_SESSION.UPDATED_AT, updated)
                            .set(TRANSLATION_SESSION.EVENT_ID, UUID.randomUUID().toString())
                            .set(TRANSLATION_SESSION.APPLIED_AT, updated)
                            .onDuplicateKeyUpdate()
                            .set(TRANSLATION_SESSION.STATUS, status)
                            .set(TRANSLATION_SESSION.UPDATED_AT, updated)
                            .execute();
                    tx.dsl()
                            .insertInto(CONSUMER_OFFSET)
                            .set(CONSUMER_OFFSET.CONSUMER_GROUP, GROUP)
                            .set(CONSUMER_OFFSET.TOPIC, TOPIC)
                            .set(CONSUMER_OFFSET.KAFKA_PARTITION, 0)
                            .set(CONSUMER_OFFSET.NEXT_OFFSET, offset)
                            .set(CONSUMER_OFFSET.UPDATED_AT, updated)
                            .onDuplicateKeyUpdate()
                            .set(CONSUMER_OFFSET.NEXT_OFFSET, offset)
                            .set(CONSUMER_OFFSET.UPDATED_AT, updated)
                            .execute();
                });
        return new ConsistencyToken(Map.of(TOPIC, Map.of(0, offset))).encode();
    }

    private HttpResponse<String> get(String id, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(ServiceHttp.uri(port, SESSIONS + id))
                        .header("X-API-Key", ServiceHttp.READ_KEY);
        if (token != null) {
            request.header("X-Consistency-Token", token);
        }
        return ServiceHttp.send(request.GET());
    }

    private JsonNode stats() {
        return JSON.readTree(ServiceHttp.get(port, "/api/v1/translation/stats").body());
    }

    private void awaitReplica(String status) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () ->
                                assertThat(stats().get("replica").get("status").asString())
                                        .isEqualTo(status));
    }

    private double fallbacks() {
        return meters.find("query.replica.fallbacks").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private double fallbacks(String reason) {
        return meters.get("query.replica.fallbacks").tag("reason", reason).counter().count();
    }

    private static String field(HttpResponse<String> response, String name) {
        return JSON.readTree(response.body()).get(name).asString();
    }
}
