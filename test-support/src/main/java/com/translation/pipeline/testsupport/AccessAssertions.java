package com.translation.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks one endpoint's authentication and scope over real HTTP with the test keys. */
public final class AccessAssertions {

    /** The scope an endpoint needs; {@code admin} implies the others. */
    public enum Needs {
        READ,
        WRITE,
        ADMIN
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AccessAssertions() {}

    /**
     * No key and an unknown key get 401, keys without the scope 403, keys with it neither (the
     * request itself may still be 2xx, 400 or 404 on its merits).
     */
    public static void assertScope(int port, String method, String path, String body, Needs needs) {
        assertStatus(port, method, path, body, null, 401);
        assertStatus(port, method, path, body, "not-a-key", 401);
        Map<String, Boolean> allowed =
                Map.of(
                        ServiceHttp.READ_KEY, needs == Needs.READ,
                        ServiceHttp.WRITE_KEY, needs == Needs.WRITE,
                        ServiceHttp.ADMIN_KEY, true);
        allowed.forEach(
                (key, ok) -> {
                    HttpResponse<String> response = send(port, method, path, body, key);
                    if (ok) {
                        assertThat(response.statusCode())
                                .as(method + " " + path + " with " + key + ": " + response.body())
                                .isNotIn(401, 403, 500);
                    } else {
                        assertThat(response.statusCode())
                                .as(method + " " + path + " with " + key)
                                .isEqualTo(403);
                        assertThat(response.headers().firstValue("Content-Type"))
                                .hasValue("application/problem+json");
                    }
                });
    }

    /**
     * A request that no endpoint serves: 401 without a valid key, and {@code status} (404, or 405
     * with {@code Allow: allow}) with every valid key, whatever its scopes, as problem+json with
     * the same title and detail for every key.
     *
     * @param allow the methods the path takes, which the {@code Allow} header must list in any
     *     order; empty for 404
     * @return the answer to the read key, for further checks of its detail
     */
    public static HttpResponse<String> assertNotServed(
            int port, String method, String path, int status, Set<String> allow) {
        assertStatus(port, method, path, null, null, 401);
        assertStatus(port, method, path, null, "not-a-key", 401);
        HttpResponse<String> last = null;
        Set<String> answers = new HashSet<>();
        for (String key :
                List.of(ServiceHttp.WRITE_KEY, ServiceHttp.ADMIN_KEY, ServiceHttp.READ_KEY)) {
            HttpResponse<String> response = send(port, method, path, null, key);
            assertThat(response.statusCode())
                    .as(method + " " + path + " with " + key + ": " + response.body())
                    .isEqualTo(status);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(method + " " + path + " with " + key)
                    .hasValue("application/problem+json");
            assertThat(
                            Arrays.stream(
                                            response.headers()
                                                    .firstValue("Allow")
                                                    .orElse("")
                                                    .split(","))
                                    .map(String::trim)
                                    .filter(m -> !m.isEmpty()))
                    .as(method + " " + path + " with " + key + ": Allow")
                    .containsExactlyInAnyOrderElementsOf(allow);
            JsonNode problem = JSON.readTree(response.body());
            answers.add(
                    problem.path("title").asString() + ": " + problem.path("detail").asString());
            last = response;
        }
        assertThat(answers).as(method + " " + path + ": the same answer for every key").hasSize(1);
        return last;
    }

    private static void assertStatus(
            int port, String method, String path, String body, String key, int status) {
        HttpResponse<String> response = send(port, method, path, body, key);
        assertThat(response.statusCode())
                .as(method + " " + path + " with key " + key)
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    private static HttpResponse<String> send(
            int port, String method, String path, String body, String key) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(ServiceHttp.uri(port, path))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header(ServiceHttp.API_KEY_HEADER, key);
        }
        return ServiceHttp.sendAsIs(request);
    }
}
