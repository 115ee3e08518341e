package com.translation.pipeline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The benchmarks' HTTP client: blocking {@link HttpURLConnection}, which reuses kept-alive
 * connections. The JDK's {@code java.net.http.HttpClient} added about 0.7 ms to every request here
 * (1.4 ms against 0.65 ms for the same GET, as curl also measures it), more than query-api's own
 * time for a single row, so the figures would have been the client's.
 */
final class BenchHttp {

    private static final int TIMEOUT_MS = 60_000;

    static {
        // The JDK keeps 5 idle connections per server by default; an open-loop run has more in
        // flight, and each one over 5 would pay a new TCP connection, a cost of the client's.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
    }

    private BenchHttp() {}

    /** An answer: its status and body. */
    record Answer(int status, String body) {}

    static Answer get(String url, String apiKey) {
        return send("GET", url, apiKey, null);
    }

    /**
     * Sends a request and reads the whole answer. A POST that finds its kept-alive connection
     * closed by the server before any answer is sent again once by the JDK ({@code
     * sun.net.http.retryPost}); nothing was read.
     */
    static Answer send(String method, String url, String apiKey, byte[] json) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            if (apiKey != null) {
                connection.setRequestProperty("X-API-Key", apiKey);
            }
            if (json != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(json.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(json);
                }
            }
            int status = connection.getResponseCode();
            InputStream stream =
                    status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String body;
            try (InputStream in = stream) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        }
    }
}
