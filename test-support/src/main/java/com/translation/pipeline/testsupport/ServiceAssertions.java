package com.translation.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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
}
