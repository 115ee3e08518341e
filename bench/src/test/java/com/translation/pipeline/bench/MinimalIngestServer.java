package com.translation.pipeline.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.translation.pipeline.schema.consistency.ConsistencyToken;
import com.translation.pipeline.schema.event.ContractJson;
import com.translation.pipeline.schema.event.EventCodec;
import com.translation.pipeline.schema.event.EventEnvelope;
import com.translation.pipeline.schema.event.EventValidator;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.schema.event.Validation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ingest-api's task batches without the framework, the ingest baseline of issue 19: the JDK's HTTP
 * server, the API key compared, the body parsed with the contract's JSON settings, each item
 * validated by the contract's {@link EventValidator} and wrapped and encoded as ingest-api does
 * ({@link EventEnvelope#wrap}, {@link EventCodec#encodeWithinLimit}), sent with a plain producer of
 * ingest-api's settings, every acknowledgement awaited, and the answer written as the same JSON
 * (counts, one result per item, a consistency token). What it leaves out is what a framework adds:
 * filters, the body's size and time limits, streaming item by item, metrics, problem answers, the
 * publish deadline; an invalid item fails the whole batch here (the benchmark sends none).
 */
final class MinimalIngestServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // TCP_NODELAY, as Tomcat sets it (see MinimalQueryServer).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;

    /** More threads than clients ever post at once: a batch's thread waits for its acks. */
    private final ExecutorService threads = Executors.newFixedThreadPool(64);

    private final EventValidator validator = EventValidator.create();
    private final KafkaProducer<String, byte[]> producer;
    private final String apiKey;

    /**
     * Starts the server on a free port of 127.0.0.1.
     *
     * @param producer a producer with ingest-api's settings, which this server does not close
     * @param apiKey the one key it takes
     * @throws IOException when no port can be bound
     */
    MinimalIngestServer(KafkaProducer<String, byte[]> producer, String apiKey) throws IOException {
        this.producer = producer;
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/api/v1/translation/tasks/batch", this::tasks);
        server.setExecutor(threads);
        server.start();
    }

    /** Where it listens: {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void tasks(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())
                    || !apiKey.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            byte[] answer;
            try {
                answer = ingest(exchange.getRequestBody());
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /**
     * Validates, encodes and sends every item, waits for every acknowledgement, writes the answer.
     */
    private byte[] ingest(InputStream body) {
        JsonNode items;
        try (JsonParser parser = ContractJson.parser(body)) {
            parser.nextToken();
            items = ContractJson.readValue(parser).get("tasks");
        }
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>(items.size());
        List<Future<RecordMetadata>> sends = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            Validation<TaskData> task = validator.validateTask(item);
            if (!task.isValid()) {
                throw new IllegalArgumentException(task.errors().toString());
            }
            EventEnvelope envelope = EventEnvelope.wrap(task.value(), now);
            Validation<byte[]> encoded = EventCodec.encodeWithinLimit(envelope);
            if (!encoded.isValid()) {
                throw new IllegalArgumentException(encoded.errors().toString());
            }
            ids.add(task.value().taskId());
            sends.add(
                    producer.send(
                            new ProducerRecord<>(Topics.TASKS, envelope.key(), encoded.value())));
        }
        Map<Integer, Long> next = new HashMap<>();
        for (Future<RecordMetadata> send : sends) {
            RecordMetadata acknowledged;
            try {
                acknowledged = send.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("not acknowledged", e);
            }
            next.merge(acknowledged.partition(), acknowledged.offset() + 1, Math::max);
        }
        String token = new ConsistencyToken(Map.of(Topics.TASKS, next)).encode();
        return answer(ids, token);
    }

    private static byte[] answer(List<String> ids, String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * ids.size() + 256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberProperty("accepted", ids.size());
            json.writeNumberProperty("rejected", 0);
            json.writeNumberProperty("failed", 0);
            json.writeArrayPropertyStart("results");
            for (int i = 0; i < ids.size(); i++) {
                json.writeStartObject();
                json.writeNumberProperty("index", i);
                json.writeStringProperty("id", ids.get(i));
                json.writeStringProperty("status", "accepted");
                json.writeArrayPropertyStart("errors");
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringProperty("consistency_token", token);
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
