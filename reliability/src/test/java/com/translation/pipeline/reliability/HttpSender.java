package com.translation.pipeline.reliability;

import com.translation.pipeline.reliability.RecordRef.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts versions to ingest-api in batches, one request per kind, and records each item's answer:
 * {@code accepted} in a 202, 207 or 503 is acknowledged, {@code rejected} or any other 4xx is
 * rejected, and {@code failed} (not acknowledged by Kafka in time), a 5xx without results, a
 * timeout or a broken connection leaves the items indeterminate. Each answer's timing goes to the
 * ledger too.
 */
final class HttpSender implements Sender {

    static final JsonMapper JSON =
            JsonMapper.builder().disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String ingestUrl;
    private final String writeKey;
    private final Ledger ledger;

    HttpSender(String ingestUrl, String writeKey, Ledger ledger) {
        this.ingestUrl = ingestUrl;
        this.writeKey = writeKey;
        this.ledger = ledger;
    }

    @Override
    public void send(List<Version> chunk) {
        for (Kind kind : Kind.values()) {
            List<Version> items = chunk.stream().filter(v -> v.ref().kind() == kind).toList();
            if (!items.isEmpty()) {
                post(kind, items);
            }
        }
    }

    /** The answer to one request: its status (-1 when there was none) and Retry-After. */
    record Answer(int status, String retryAfter) {}

    /** Posts one batch of a single kind and records the answer for each item. */
    Answer post(Kind kind, List<Version> items) {
        items.forEach(ledger::sending);
        String field = kind == Kind.SESSION ? "sessions" : "tasks";
        byte[] body =
                JSON.writeValueAsBytes(Map.of(field, items.stream().map(Version::data).toList()));
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(ingestUrl + "/api/v1/translation/" + field + "/batch"))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("X-API-Key", writeKey)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        HttpResponse<String> response;
        Instant sent = Instant.now();
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            items.forEach(ledger::indeterminate);
            ledger.answered(new Ledger.Answer(sent, Instant.now(), -1, false, 0));
            pause();
            return new Answer(-1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            items.forEach(ledger::indeterminate);
            return new Answer(-1, null);
        }
        int status = response.statusCode();
        String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        int accepted = 0;
        // A 503 for events Kafka did not acknowledge carries per-item results too: its accepted
        // items are durable (docs/ingest-api.md).
        JsonNode results =
                status == 202 || status == 207 || status >= 500 ? resultsOf(response.body()) : null;
        if (results != null) {
            for (JsonNode result : results) {
                Version version = items.get(result.get("index").asInt());
                switch (result.get("status").asString()) {
                    case "accepted" -> {
                        ledger.acknowledged(version);
                        accepted++;
                    }
                    // Kafka did not acknowledge it in time: it may still be on the topic.
                    case "failed" -> ledger.indeterminate(version);
                    default -> ledger.rejected(version);
                }
            }
        } else if (status >= 400 && status < 500) {
            items.forEach(ledger::rejected);
        } else {
            items.forEach(ledger::indeterminate);
        }
        ledger.answered(
                new Ledger.Answer(sent, Instant.now(), status, retryAfter != null, accepted));
        if (status >= 500) {
            pause();
        }
        return new Answer(status, retryAfter);
    }

    /** An answer's per-item results, when its body is JSON that has them. */
    private static JsonNode resultsOf(String body) {
        try {
            JsonNode results = JSON.readTree(body).get("results");
            return results != null && results.isArray() ? results : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** After a failure, so that a producer does not spin while the service is away. */
    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
