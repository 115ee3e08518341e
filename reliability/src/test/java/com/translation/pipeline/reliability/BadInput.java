package com.translation.pipeline.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests a careless or hostile client sends, each with the status and the field its problem must
 * name. Every session id in them starts with {@code <prefix>-bad-}, so that the battery can tell
 * whether any of it reached Kafka.
 */
final class BadInput {

    private static final String SESSIONS = "/api/v1/translation/sessions/batch";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * @param service "ingest" or "query"
     * @param body the request body; null for a GET
     * @param field a field the problem must name; null where there is none
     */
    record Case(String name, String service, String path, byte[] body, int status, String field) {}

    private BadInput() {}

    static List<Case> cases(String prefix) {
        String bad = prefix + "-bad-";
        List<Case> cases = new ArrayList<>();
        cases.add(
                ingest("malformed JSON", "{\"sessions\":[{\"session_id\":\"" + bad + "1\",", 400));
        cases.add(
                ingest(
                        "duplicate key",
                        "{\"sessions\":[{\"session_id\":\""
                                + bad
                                + "2\",\"session_id\":\""
                                + bad
                                + "2b\",\"status\":\"running\",\"created_at\":\"2026-01-01T00:00:00Z\","
                                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}]}",
                        400));
        cases.add(
                ingest(
                        "body over 16 MB",
                        "{\"sessions\":["
                                + session(bad + "3", ",\"title\":\"" + "x".repeat(17 << 20) + "\"")
                                + "]}",
                        413));
        StringBuilder many = new StringBuilder("{\"sessions\":[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append(session(bad + "4-" + i, ""));
        }
        cases.add(withField(ingest("1001 items", many.append("]}").toString(), 413), "sessions"));
        cases.add(
                ingest(
                        "nesting 100 deep",
                        "{\"sessions\":["
                                + session(
                                        bad + "5",
                                        ",\"metadata\":"
                                                + "{\"a\":".repeat(100)
                                                + "1"
                                                + "}".repeat(100))
                                + "]}",
                        400));
        cases.add(
                ingest(
                        "unknown top-level field",
                        "{\"sessions\":[" + session(bad + "6", "") + "],\"extra\":true}",
                        400));
        cases.add(
                withField(
                        ingest(
                                "bad session id",
                                "{\"sessions\":[" + session(bad + "7 with space!", "") + "]}",
                                422),
                        "session_id"));
        cases.add(
                withField(
                        ingest(
                                "unknown field in an item",
                                "{\"sessions\":["
                                        + session(bad + "8", ",\"colour\":\"red\"")
                                        + "]}",
                                422),
                        "colour"));
        cases.add(
                new Case(
                        "page_size 501",
                        "query",
                        "/api/v1/translation/sessions?page_size=501",
                        null,
                        400,
                        "page_size"));
        return cases;
    }

    /** A valid session's JSON with {@code extra} fields appended. */
    static String session(String id, String extra) {
        return "{\"session_id\":\""
                + id
                + "\",\"status\":\"running\",\"created_at\":\"2026-01-01T00:00:00Z\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\""
                + extra
                + "}";
    }

    static HttpResponse<String> send(String baseUrl, String key, String path, byte[] body)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("X-API-Key", key);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Case ingest(String name, String body, int status) {
        return new Case(
                name, "ingest", SESSIONS, body.getBytes(StandardCharsets.UTF_8), status, null);
    }

    private static Case withField(Case c, String field) {
        return new Case(c.name(), c.service(), c.path(), c.body(), c.status(), field);
    }
}
