package com.translation.pipeline.bench;

import com.translation.pipeline.schema.event.EventCodec;
import com.translation.pipeline.schema.event.EventData;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.SessionStatus;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.event.TaskStatus;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Realistic events: tasks of ten per session, with a 250-character source text and a little
 * metadata, about 400 bytes serialized.
 */
final class BenchEvents {

    static final int TASKS_PER_SESSION = 10;
    private static final JsonMapper JSON =
            JsonMapper.builder().disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TEXT =
            "The quick brown fox jumps over the lazy dog while the translation engine keeps"
                    + " count of every sentence it has seen, every glossary term it has applied"
                    + " and every segment it still has to send back to the reviewer before the"
                    + " deadline. ";

    private BenchEvents() {}

    /** Task {@code n} of run {@code run} in version {@code version}. */
    static TaskData task(String run, long n, int version) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("model", "nmt-v3");
        metadata.put("chars", TEXT.length());
        return new TaskData(
                run + "-t" + n,
                run + "-s" + (n / TASKS_PER_SESSION),
                (int) (n % TASKS_PER_SESSION),
                TaskStatus.RUNNING,
                TEXT,
                null,
                null,
                0,
                metadata,
                BASE,
                BASE.plusMillis(version),
                null);
    }

    /**
     * Session {@code n} of run {@code run} in version {@code version}: a user, a title, counts and
     * a little metadata, about 500 bytes serialized.
     */
    static SessionData session(String run, long n, int version) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("origin", "upload");
        metadata.put("priority", (int) (n % 5));
        return new SessionData(
                run + "-s" + n,
                "user-" + (n % 997),
                version % 3 == 0 ? SessionStatus.COMPLETED : SessionStatus.RUNNING,
                "en",
                "zh-Hans",
                "Quarterly report " + n + ": revenue, outlook and the glossary of product names",
                TASKS_PER_SESSION,
                version % TASKS_PER_SESSION,
                0,
                metadata,
                BASE,
                BASE.plusMillis(version),
                null);
    }

    static byte[] envelope(EventData data) {
        return EventCodec.encode(EventEnvelope.wrap(data, Instant.now()));
    }

    /** A producer with ingest-api's settings: acks=all, idempotent, lz4, {@code lingerMs}. */
    static KafkaProducer<String, byte[]> producer(String bootstrapServers, int lingerMs) {
        return producer(bootstrapServers, lingerMs, 5);
    }

    /**
     * A producer that fills a topic created a moment ago: one request in flight per partition. With
     * more, a first request refused because the broker has not yet applied the new partition can be
     * overtaken by the next, and its records are then refused as out of order until they expire
     * (KAFKA-15591, fixed in the broker after 4.1; seen here as 524 of 100,000 events missing from
     * a fresh 12-partition topic).
     */
    static KafkaProducer<String, byte[]> prefillProducer(String bootstrapServers) {
        return producer(bootstrapServers, 20, 1);
    }

    private static KafkaProducer<String, byte[]> producer(
            String bootstrapServers, int lingerMs, int inFlight) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        inFlight,
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4",
                        ProducerConfig.LINGER_MS_CONFIG,
                        lingerMs),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Posts {@code tasks} to ingest-api's task batch endpoint and waits for the answer. */
    static BenchHttp.Answer post(String ingestUrl, List<TaskData> tasks) {
        return BenchHttp.send(
                "POST",
                ingestUrl + "/api/v1/translation/tasks/batch",
                PipelineProcesses.WRITE_KEY,
                JSON.writeValueAsBytes(Map.of("tasks", tasks)));
    }

    /** The same on one of {@code senders}' threads, for an open-loop schedule. */
    static CompletableFuture<BenchHttp.Answer> postAsync(
            Executor senders, String ingestUrl, List<TaskData> tasks) {
        return CompletableFuture.supplyAsync(() -> post(ingestUrl, tasks), senders);
    }

    /** A batch of {@code size} new tasks, numbered from {@code first}. */
    static List<TaskData> batch(String run, long first, int size) {
        List<TaskData> tasks = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            tasks.add(task(run, first + i, 1));
        }
        return tasks;
    }
}
