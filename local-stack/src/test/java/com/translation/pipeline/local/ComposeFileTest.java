package com.translation.pipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so the build checks it: it parses, names
 * every service with pinned images, health checks, and the same settings and ports as the local
 * run, and its Prometheus and Grafana files are where it mounts them.
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private final Map<String, Map<String, Object>> services =
            (Map<String, Map<String, Object>>) load("docker-compose.yml").get("services");

    @Test
    void namesEveryServiceWithAPinnedImageOrABuildOfThisRepository() {
        assertThat(services)
                .containsOnlyKeys(
                        "mysql",
                        "kafka",
                        "ingest-api",
                        "query-api",
                        "writer-worker",
                        "prometheus",
                        "grafana");
        services.forEach(
                (name, service) -> {
                    if (service.containsKey("image")) {
                        assertThat((String) service.get("image"))
                                .as(name)
                                .matches("[^:]+:[0-9v][^:]*")
                                .doesNotEndWith(":latest");
                    } else {
                        assertThat(build(service).get("dockerfile"))
                                .as(name)
                                .isEqualTo("ops/Dockerfile");
                        assertThat(build(service).get("args"))
                                .as(name)
                                .isEqualTo(Map.of("MODULE", name));
                        assertThat(ROOT.resolve(name).resolve("pom.xml")).as(name).exists();
                    }
                });
        assertThat(services.get("mysql").get("image")).asString().startsWith("mysql:8.4");
        assertThat(services.get("mysql")).containsKey("healthcheck");
        assertThat(services.get("kafka")).containsKey("healthcheck");
    }

    @Test
    void servicesReadTheLocalRunsSettingsAndTheSameAddressSettings() throws Exception {
        for (String name : List.of("ingest-api", "query-api", "writer-worker")) {
            Map<String, Object> service = services.get(name);
            Object envFiles = service.get("env_file");
            if (LocalStack.moduleSettings(ROOT, name).isEmpty()) {
                assertThat(envFiles).as(name).isEqualTo("ops/pipeline.env");
            } else {
                assertThat(envFiles)
                        .as(name)
                        .isEqualTo(List.of("ops/pipeline.env", "ops/" + name + ".env"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(environment)
                    .as(name)
                    .containsKeys(LocalStack.ADDRESS_SETTINGS.toArray(String[]::new));
        }
        Map<String, String> shared = LocalStack.sharedSettings(ROOT);
        assertThat(shared)
                .containsEntry("PIPELINE_SECURITY_KEYS_0_KEY", LocalStack.WRITE_KEY)
                .containsEntry("PIPELINE_SECURITY_KEYS_1_KEY", LocalStack.READ_KEY)
                .containsEntry("PIPELINE_SECURITY_KEYS_2_KEY", LocalStack.ADMIN_KEY)
                .containsEntry("INGEST_TOPIC_PARTITIONS", Integer.toString(LocalStack.PARTITIONS));
    }

    @Test
    void portsMatchTheLocalRunAndWorkersCanBeScaled() {
        assertThat(services.get("ingest-api").get("ports"))
                .isEqualTo(List.of(LocalStack.INGEST_PORT + ":" + LocalStack.INGEST_PORT));
        assertThat(services.get("query-api").get("ports"))
                .isEqualTo(List.of(LocalStack.QUERY_PORT + ":" + LocalStack.QUERY_PORT));
        assertThat(services.get("writer-worker")).doesNotContainKey("ports");
        assertThat(services.get("writer-worker").get("expose"))
                .isEqualTo(List.of(Integer.toString(LocalStack.WORKER_PORT)));
    }

    @Test
    void prometheusScrapesEveryServiceAndGrafanaHasTheDashboard() throws Exception {
        String prometheus = Files.readString(ROOT.resolve("ops/prometheus/prometheus.yml"));
        assertThat(prometheus)
                .contains(
                        "ingest-api:8080",
                        "query-api:8081",
                        "names: [\"writer-worker\"]",
                        "port: 8082");
        String dashboard = Files.readString(ROOT.resolve("ops/grafana/dashboards/pipeline.json"));
        assertThat(dashboard)
                .contains(
                        "pipeline_ingest_items_total",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "pipeline_worker_records_total",
                        "pipeline_worker_end_to_end_seconds",
                        "pipeline_worker_write_seconds");
        assertThat(ROOT.resolve("ops/grafana/provisioning/datasources/prometheus.yml")).exists();
        assertThat(ROOT.resolve("ops/Dockerfile"))
                .content()
                .contains("COPY ${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> build(Map<String, Object> service) {
        return (Map<String, Object>) service.get("build");
    }

    private static Map<String, Object> load(String file) {
        try {
            return new Yaml().load(Files.readString(ROOT.resolve(file)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
