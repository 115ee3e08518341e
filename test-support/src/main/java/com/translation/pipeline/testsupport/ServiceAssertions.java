package com.translation.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every service of the pipeline must answer, checked over real HTTP. */
public final class ServiceAssertions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServiceAssertions() {}

    /** {@code GET /health} answers 200 UP, and each named component is UP too. */
    public static void assertHealthy(int port, String... components) {
        HttpResponse<String> response = ServiceHttp.get(port, "/health");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        for (String component : components) {
            assertThat(health.path("components").path(component).path("status").asString())
                    .as("component %s in %s", component, response.body())
                    .isEqualTo("UP");
        }
    }

    /**
     * Prometheus metrics are open at {@code /actuator/prometheus}; other actuator endpoints such as
     * env, which would leak settings, are not exposed.
     */
    public static void assertOnlyHealthAndPrometheusExposed(int port) {
        assertThat(ServiceHttp.get(port, "/actuator/prometheus").body())
                .contains("jvm_memory_used_bytes");
        for (String path : new String[] {"/env", "/actuator/env", "/beans", "/heapdump"}) {
            assertThat(ServiceHttp.get(port, path).statusCode()).as(path).isEqualTo(404);
        }
    }

    /**
     * Requests that Tomcat refuses before the application sees them (an encoded slash, an encoded
     * NUL, a path above the root, a character not allowed in a request target) are answered 400
     * with a problem+json document, like every other error, never Tomcat's HTML page.
     */
    public static void assertTomcatRefusalsAreProblems(int port) {
        for (String target :
                new String[] {
                    "/api/v1/translation/sessions%2Fx",
                    "/api/v1/translation/sessions%00x",
                    "/api/../../etc/passwd",
                    "/api/v1/{x}"
                }) {
            String answer = ServiceHttp.rawGet(port, target);
            String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
            String body = answer.substring(head.length()).strip();

            assertThat(head).as(target).startsWith("HTTP/1.1 400 ");
            assertThat(head.toLowerCase(Locale.ROOT))
                    .as(target)
                    .contains("content-type: application/problem+json");
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.path("status").asInt()).as(body).isEqualTo(400);
            assertThat(problem.path("title").asString()).as(body).isEqualTo("Bad Request");
            assertThat(problem.path("detail").asString()).as(body).isNotBlank();
            assertThat(body).as(target).doesNotContain("<html", "Exception", "Tomcat");
        }
    }
}
