package com.translation.pipeline.reliability;

import com.translation.pipeline.reliability.RecordRef.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts versions to ingest-api in batches, one request per kind, and records each item's answer:
 * {@code accepted} in a 202 or 207 is acknowledged, {@code rejected} or any other 4xx is rejected,
 * and a 5xx, a timeout or a broken connection leaves the items indeterminate.
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
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            items.forEach(ledger::indeterminate);
            pause();
            return new Answer(-1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            items.forEach(ledger::indeterminate);
            return new Answer(-1, null);
        }
        int status = response.statusCode();
        if (status == 202 || status == 207) {
            for (JsonNode result : JSON.readTree(response.body()).get("results")) {
                Version version = items.get(result.get("index").asInt());
                if ("accepted".equals(result.get("status").asString())) {
                    ledger.acknowledged(version);
                } else {
                    ledger.rejected(version);
                }
            }
        } else if (status >= 400 && status < 500) {
            items.forEach(ledger::rejected);
        } else {
            items.forEach(ledger::indeterminate);
            pause();
        }
        return new Answer(status, response.headers().firstValue("Retry-After").orElse(null));
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
