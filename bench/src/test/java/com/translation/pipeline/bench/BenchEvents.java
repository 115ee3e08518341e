package com.translation.pipeline.bench;

import com.translation.pipeline.schema.event.EventCodec;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.event.TaskStatus;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    static byte[] envelope(TaskData task) {
        return EventCodec.encode(EventEnvelope.wrap(task, Instant.now()));
    }

    /** A producer with ingest-api's settings: acks=all, idempotent, lz4, {@code lingerMs}. */
    static KafkaProducer<String, byte[]> producer(String bootstrapServers, int lingerMs) {
        return new KafkaProducer<>(
                Map.of(
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

    /**
     * Posts {@code tasks} to ingest-api, once more if the connection was closed before any answer:
     * Tomcat closes a keep-alive connection after 100 requests, and the JDK's client may have sent
     * the next request on it already. A client of ours would do the same; nothing was read.
     */
    static CompletableFuture<HttpResponse<String>> postAsync(
            HttpClient http, String ingestUrl, List<TaskData> tasks) {
        HttpRequest request = post(ingestUrl, tasks);
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .exceptionallyCompose(
                        failure ->
                                failure.getCause() instanceof IOException
                                        ? http.sendAsync(
                                                request, HttpResponse.BodyHandlers.ofString())
                                        : CompletableFuture.failedFuture(failure));
    }

    /** A POST of {@code tasks} to ingest-api's task batch endpoint. */
    private static HttpRequest post(String ingestUrl, List<TaskData> tasks) {
        return HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/translation/tasks/batch"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", PipelineProcesses.WRITE_KEY)
                .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                                JSON.writeValueAsBytes(Map.of("tasks", tasks))))
                .build();
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
