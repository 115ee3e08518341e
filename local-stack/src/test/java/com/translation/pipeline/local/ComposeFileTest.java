package com.translation.pipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so the build checks it: it parses, names
 * every service with pinned images, health checks, and the same settings and ports as the local
 * run, and its Prometheus and Grafana files are where it mounts them; its three-broker override
 * (docker-compose.cluster.yml) has the local cluster's durability settings.
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private final Map<String, Map<String, Object>> services =
            (Map<String, Map<String, Object>>) load("docker-compose.yml").get("services");

    /** docker-compose.cluster.yml's services, as written (not merged). */
    @SuppressWarnings("unchecked")
    private final Map<String, Map<String, Object>> cluster =
            (Map<String, Map<String, Object>>) load("docker-compose.cluster.yml").get("services");

    /** docker-compose.replica.yml's services, as written (not merged). */
    @SuppressWarnings("unchecked")
    private final Map<String, Map<String, Object>> replicated =
            (Map<String, Map<String, Object>>) load("docker-compose.replica.yml").get("services");

    private static final List<String> BROKERS = List.of("kafka", "kafka-2", "kafka-3");

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
    @SuppressWarnings("unchecked")
    void everyBrokerAndTheDatabaseKeepTheirDataInTheirVolume() {
        // docker-compose.yml alone: one broker; with the override: three.
        assertLogsInVolume("kafka", services.get("kafka"));
        for (String broker : BROKERS) {
            assertLogsInVolume(broker, merged(broker));
        }
        assertThat((List<String>) services.get("mysql").get("volumes"))
                .anyMatch(volume -> volume.endsWith(":/var/lib/mysql"));
    }

    @SuppressWarnings("unchecked")
    private static void assertLogsInVolume(String broker, Map<String, Object> service) {
        Object logDirs = environment(service).get("KAFKA_LOG_DIRS");
        assertThat(logDirs)
                .as(broker + ": KAFKA_LOG_DIRS (the image's default is under /tmp)")
                .isNotNull();
        assertThat((List<String>) service.get("volumes"))
                .as(broker + ": a volume mounted at its log directory")
                .anyMatch(volume -> volume.endsWith(":" + logDirs));
    }

    /**
     * Service {@code name} as docker compose merges docker-compose.yml and the override: the
     * override's keys replace the base's, except the environment, whose variables are merged.
     */
    private Map<String, Object> merged(String name) {
        Map<String, Object> service = new HashMap<>(services.getOrDefault(name, Map.of()));
        Map<String, Object> environment = new HashMap<>(environment(service));
        service.putAll(cluster.get(name));
        environment.putAll(environment(cluster.get(name)));
        service.put("environment", environment);
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReplicaOverrideAddsAMySqlReplicaOfThePrimaryThatQueryApiReadsFrom() throws Exception {
        Map<String, Object> primary = replicated.get("mysql");
        Map<String, Object> follower = replicated.get("mysql-replica");
        assertThat(follower.get("image")).isEqualTo(services.get("mysql").get("image"));
        List<String> primaryFlags = (List<String>) primary.get("command");
        List<String> followerFlags = (List<String>) follower.get("command");
        assertThat(primaryFlags).contains("--gtid-mode=ON", "--enforce-gtid-consistency=ON");
        assertThat(followerFlags)
                .contains("--gtid-mode=ON", "--enforce-gtid-consistency=ON", "--read-only=ON");
        assertThat(serverId(followerFlags)).isNotEqualTo(serverId(primaryFlags));
        // Both keep their data, and each runs its script when its volume is new.
        assertThat((List<String>) primary.get("volumes")).contains("mysql-data:/var/lib/mysql");
        assertThat((List<String>) follower.get("volumes"))
                .contains("mysql-replica-data:/var/lib/mysql");
        String primaryScript = initScript(primary);
        String followerScript = initScript(follower);
        // The replica connects to the primary's service with the account the primary creates.
        assertThat(primaryScript)
                .contains("CREATE USER 'replicator'@'%' IDENTIFIED BY 'replicator-dev'")
                .contains("GRANT REPLICATION SLAVE");
        assertThat(followerScript)
                .contains("SOURCE_HOST = 'mysql'")
                .contains("SOURCE_USER = 'replicator'")
                .contains("SOURCE_PASSWORD = 'replicator-dev'")
                .contains("SOURCE_AUTO_POSITION = 1")
                .contains("START REPLICA");
        // query-api reads the same database on the replica.
        Map<String, Object> query = replicated.get("query-api");
        String primaryUrl =
                (String) environment(services.get("query-api")).get("SPRING_DATASOURCE_URL");
        String replicaUrl = (String) environment(query).get("QUERY_REPLICA_URL");
        assertThat(replicaUrl).isEqualTo(primaryUrl.replace("//mysql:", "//mysql-replica:"));
        assertThat((Map<String, Object>) query.get("depends_on"))
                .containsKeys("mysql", "kafka", "mysql-replica");
    }

    private static String serverId(List<String> flags) {
        return flags.stream().filter(f -> f.startsWith("--server-id=")).findFirst().orElseThrow();
    }

    /** The script a MySQL service mounts into the image's init folder, read from the repository. */
    @SuppressWarnings("unchecked")
    private static String initScript(Map<String, Object> service) throws Exception {
        String mount =
                ((List<String>) service.get("volumes"))
                        .stream()
                                .filter(v -> v.contains(":/docker-entrypoint-initdb.d/"))
                                .findFirst()
                                .orElseThrow();
        return Files.readString(ROOT.resolve(mount.substring(0, mount.indexOf(':'))));
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

    /**
     * The settings of KafkaCluster's nodes that are not about one node's identity or addresses:
     * each compose broker must carry every one as its {@code KAFKA_*} variable, with the same
     * value.
     */
    private static Map<String, String> clusterWideSettings() {
        Set<String> perNode =
                Set.of(
                        "node.id",
                        "controller.quorum.voters",
                        "listeners",
                        "advertised.listeners",
                        "log.dirs");
        Map<String, String> settings = new HashMap<>();
        for (String line :
                KafkaCluster.serverProperties(
                        new KafkaCluster.Node(1, 9092, 9093),
                        "1@localhost:9093",
                        Path.of("node"),
                        KafkaCluster.CLUSTER_REPLICATION_FACTOR,
                        KafkaCluster.CLUSTER_MIN_IN_SYNC_REPLICAS)) {
            String key = line.substring(0, line.indexOf('='));
            if (!perNode.contains(key)) {
                settings.put(
                        "KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'),
                        line.substring(line.indexOf('=') + 1));
            }
        }
        return settings;
    }

    @Test
    @SuppressWarnings("unchecked")
    void clusterOverrideRunsThreeBrokersWithTheLocalClustersSettings() {
        assertThat(cluster).containsKeys(BROKERS.toArray(String[]::new));
        Map<String, String> clusterWide = clusterWideSettings();
        assertThat(clusterWide)
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                .containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false")
                .containsEntry(
                        "KAFKA_BROKER_SESSION_TIMEOUT_MS",
                        Integer.toString(KafkaCluster.BROKER_SESSION_TIMEOUT_MS));
        for (int i = 0; i < BROKERS.size(); i++) {
            String name = BROKERS.get(i);
            Map<String, Object> broker = merged(name);
            Map<String, Object> environment = environment(broker);
            clusterWide.forEach(
                    (key, value) ->
                            assertThat(String.valueOf(environment.get(key)))
                                    .as(name + " " + key)
                                    .isEqualTo(value));
            assertThat(environment)
                    .as(name)
                    .containsEntry("KAFKA_NODE_ID", i + 1)
                    .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + name + ":9092")
                    .containsEntry(
                            "KAFKA_CONTROLLER_QUORUM_VOTERS",
                            "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsKey("CLUSTER_ID");
            assertThat(broker.get("image")).as(name).isEqualTo(services.get("kafka").get("image"));
            assertThat(broker).as(name).containsKey("healthcheck");
        }
        Map<String, String> topicSettings =
                KafkaCluster.serviceSettings(
                        KafkaCluster.CLUSTER_REPLICATION_FACTOR,
                        KafkaCluster.CLUSTER_MIN_IN_SYNC_REPLICAS);
        for (String name : List.of("ingest-api", "query-api", "writer-worker")) {
            Map<String, Object> environment = environment(merged(name));
            assertThat(environment)
                    .as(name)
                    .containsEntry(
                            "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                            "kafka:9092,kafka-2:9092,kafka-3:9092")
                    .containsKeys(LocalStack.ADDRESS_SETTINGS.toArray(String[]::new));
            topicSettings.forEach(
                    (key, value) ->
                            assertThat(String.valueOf(environment.get(key)))
                                    .as(name + " " + key)
                                    .isEqualTo(value));
            assertThat((Map<String, Object>) cluster.get(name).get("depends_on"))
                    .as(name)
                    .containsKeys("kafka-2", "kafka-3");
        }
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
