package com.translation.pipeline.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain HTTP calls to a service started by a test, as a real client would make them. They carry the
 * admin test key (see each module's {@code src/test/resources/config/application.yml}) unless they
 * name another or none.
 */
public final class ServiceHttp {

    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String ADMIN_KEY = "test-admin-key";
    public static final String WRITE_KEY = "test-write-key";
    public static final String READ_KEY = "test-read-key";

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceHttp() {}

    public static HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(uri(port, path)).GET());
    }

    public static HttpResponse<String> postJson(int port, String path, String json) {
        return send(
                HttpRequest.newBuilder(uri(port, path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends with the admin test key, unless the request already names a key. */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        if (built.headers().firstValue(API_KEY_HEADER).isEmpty()) {
            request.header(API_KEY_HEADER, ADMIN_KEY);
        }
        return sendAsIs(request);
    }

    /** Sends exactly as built, with whatever key the request carries or none. */
    public static HttpResponse<String> sendAsIs(HttpRequest.Builder request) {
        try {
            return CLIENT.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * Sends {@code GET target} as is, bytes on a socket, with the admin key, and reads the answer
     * to its end: for request lines an HTTP client library refuses to send.
     *
     * @return the whole answer, status line and headers included
     */
    public static String rawGet(int port, String target) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(
                            ("GET "
                                            + target
                                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            + "X-API-Key: "
                                            + ServiceHttp.ADMIN_KEY
                                            + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
