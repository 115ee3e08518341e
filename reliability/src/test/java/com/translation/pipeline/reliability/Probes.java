package com.translation.pipeline.reliability;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;

import com.translation.pipeline.local.ServiceProcess;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.PipelineProcesses;
import com.translation.pipeline.testsupport.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** What the battery reads off the running pipeline besides rows: counters, offsets, processes. */
final class Probes {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern RECORDS =
            Pattern.compile(
                    "^pipeline_worker_records_total\\{[^}]*outcome=\"(\\w+)\"[^}]*} (\\S+)$");

    private Probes() {}

    /** The sum over every live worker of its record counters with one of {@code outcomes}. */
    static long workerRecords(PipelineProcesses pipeline, Set<String> outcomes) throws Exception {
        long sum = 0;
        for (ServiceProcess worker : pipeline.workers()) {
            HttpResponse<String> response =
                    HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create(worker.baseUrl() + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            for (String line : response.body().split("\n")) {
                Matcher matcher = RECORDS.matcher(line);
                if (matcher.matches() && outcomes.contains(matcher.group(1))) {
                    sum += (long) Double.parseDouble(matcher.group(2));
                }
            }
        }
        return sum;
    }

    /** Records on both event topics: the sum of their end offsets. */
    static long eventRecords(PipelineProcesses pipeline) {
        return TopicReader.endOffsets(pipeline.bootstrapServers(), Topics.SESSIONS)
                        .values()
                        .stream()
                        .mapToLong(Long::longValue)
                        .sum()
                + TopicReader.endOffsets(pipeline.bootstrapServers(), Topics.TASKS)
                        .values()
                        .stream()
                        .mapToLong(Long::longValue)
                        .sum();
    }

    /** The writers' group's committed offsets in Kafka. */
    static Map<TopicPartition, Long> committedInKafka(PipelineProcesses pipeline) throws Exception {
        try (Admin admin = admin(pipeline)) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(PipelineProcesses.WORKER_GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((partition, offset) -> committed.put(partition, offset.offset()));
            return committed;
        }
    }

    /** The writers' group's offsets as stored in the database, in the rows' transactions. */
    static Map<TopicPartition, Long> storedInDatabase(PipelineProcesses pipeline) {
        Map<TopicPartition, Long> stored = new HashMap<>();
        DSL.using(pipeline.dataSource(), SQLDialect.MYSQL)
                .selectFrom(CONSUMER_OFFSET)
                .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(PipelineProcesses.WORKER_GROUP))
                .forEach(
                        row ->
                                stored.put(
                                        new TopicPartition(row.getTopic(), row.getKafkaPartition()),
                                        row.getNextOffset()));
        return stored;
    }

    /** Partitions whose offset in the database is ahead of {@code committed} in Kafka. */
    static long partitionsAhead(PipelineProcesses pipeline, Map<TopicPartition, Long> committed) {
        return storedInDatabase(pipeline).entrySet().stream()
                .filter(e -> e.getValue() > committed.getOrDefault(e.getKey(), 0L))
                .count();
    }

    /** Waits until some transaction waits for a row lock: a worker is blocked behind a lock. */
    static void awaitLockWait(PipelineProcesses pipeline, Duration timeout) {
        Awaitility.await()
                .atMost(timeout)
                .until(
                        () ->
                                DSL.using(pipeline.dataSource(), SQLDialect.MYSQL)
                                                .fetchCount(
                                                        DSL.table(
                                                                DSL.name(
                                                                        "information_schema",
                                                                        "INNODB_TRX")),
                                                        DSL.field(DSL.name("trx_state"))
                                                                .eq("LOCK WAIT"))
                                        > 0);
    }

    /**
     * Locks a session row (SELECT ... FOR UPDATE in an open transaction) until closed: a worker
     * that writes the row meanwhile waits for the lock, as it would behind a slow database.
     */
    static AutoCloseable lockSession(PipelineProcesses pipeline, String sessionId)
            throws SQLException {
        Connection connection = pipeline.dataSource().getConnection();
        connection.setAutoCommit(false);
        DSL.using(connection, SQLDialect.MYSQL)
                .selectFrom(TRANSLATION_SESSION)
                .where(TRANSLATION_SESSION.SESSION_ID.eq(sessionId))
                .forUpdate()
                .fetch();
        return () -> {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        };
    }

    /** Waits until the session's row exists. */
    static void awaitSession(PipelineProcesses pipeline, String sessionId) {
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .until(
                        () ->
                                DSL.using(pipeline.dataSource(), SQLDialect.MYSQL)
                                        .fetchExists(
                                                TRANSLATION_SESSION,
                                                TRANSLATION_SESSION.SESSION_ID.eq(sessionId)));
    }

    /** The offset the database stores as next for a partition of the writers' group; 0 if none. */
    static long storedOffset(PipelineProcesses pipeline, String topic, int partition) {
        Long next =
                DSL.using(pipeline.dataSource(), SQLDialect.MYSQL)
                        .select(CONSUMER_OFFSET.NEXT_OFFSET)
                        .from(CONSUMER_OFFSET)
                        .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(PipelineProcesses.WORKER_GROUP))
                        .and(CONSUMER_OFFSET.TOPIC.eq(topic))
                        .and(CONSUMER_OFFSET.KAFKA_PARTITION.eq(partition))
                        .fetchOne(CONSUMER_OFFSET.NEXT_OFFSET);
        return next == null ? 0 : next;
    }

    /** Records on either event topic whose key starts with {@code prefix}. */
    static long recordsWithKeyPrefix(PipelineProcesses pipeline, String prefix) {
        return Stream.of(Topics.SESSIONS, Topics.TASKS)
                .flatMap(t -> TopicReader.readAll(pipeline.bootstrapServers(), t).stream())
                .filter(r -> r.key() != null && r.key().startsWith(prefix))
                .count();
    }

    static void deleteTopic(PipelineProcesses pipeline, String topic) throws Exception {
        try (Admin admin = admin(pipeline)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !admin.listTopics().names().get().contains(topic));
        }
    }

    static void createTopic(PipelineProcesses pipeline, String topic) throws Exception {
        try (Admin admin = admin(pipeline)) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static Admin admin(PipelineProcesses pipeline) {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()));
    }

    /** The status of one component of a service's {@code /health} (UP, DOWN, ...). */
    static String healthComponent(ServiceProcess service, String component) throws Exception {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
        return HttpSender.JSON
                .readTree(response.body())
                .path("components")
                .path(component)
                .path("status")
                .asString();
    }

    /** A process's resident memory and thread count, from {@code /proc}. */
    record ProcessSize(long rssKilobytes, int threads) {}

    static ProcessSize size(long pid) throws IOException {
        long rss = 0;
        int threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        return new ProcessSize(rss, threads);
    }

    static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
