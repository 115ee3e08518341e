package com.translation.pipeline.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./run-local.sh}: a real KRaft Kafka broker (or a cluster of three with {@code --brokers
 * 3}) and MariaDB 11.4 with data kept in {@code .local/} ({@code --reset} wipes it), with {@code
 * --replica} a replica of it that query-api reads from, then ingest-api, query-api and N
 * writer-workers as separate processes with the development keys. Ctrl-C or SIGTERM stops
 * everything, services first.
 */
public final class LocalStack {

    static final int INGEST_PORT = 8080;
    static final int QUERY_PORT = 8081;
    static final int WORKER_PORT = 8082;
    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int MARIADB_PORT = 3306;
    static final int MARIADB_REPLICA_PORT = 3307;
    public static final String WRITE_KEY = "dev-write-key";
    public static final String READ_KEY = "dev-read-key";
    public static final String ADMIN_KEY = "dev-admin-key";
    static final int PARTITIONS = 6;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private volatile boolean stopping;

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        new LocalStack().run(options);
    }

    record Options(boolean reset, int workers, int brokers, boolean replica, Path root) {
        static Options parse(String[] args) {
            boolean reset = false;
            boolean replica = false;
            int workers = 1;
            int brokers = 1;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--reset" -> reset = true;
                    case "--workers" -> workers = count(args, ++i);
                    case "--brokers" -> brokers = count(args, ++i);
                    case "--replica" -> replica = true;
                    default -> usage();
                }
            }
            if (workers < 1 || workers > 6) {
                System.err.println("--workers takes 1 to 6 (the topics have 6 partitions)");
                System.exit(2);
            }
            if (brokers != 1 && brokers != 3) {
                System.err.println(
                        "--brokers takes 1 or 3 (3: replication factor 3, min.insync.replicas 2)");
                System.exit(2);
            }
            return new Options(reset, workers, brokers, replica, Path.of("").toAbsolutePath());
        }

        private static int count(String[] args, int i) {
            if (i >= args.length || !args[i].matches("[0-9]{1,3}")) {
                usage();
            }
            return Integer.parseInt(args[i]);
        }

        private static void usage() {
            System.err.println(
                    "usage: ./run-local.sh [--reset] [--workers N] [--brokers 1|3] [--replica]");
            System.exit(2);
        }
    }

    /** The broker ports of node {@code id} (from 1): 9092/9093, 9094/9095, 9096/9097. */
    static KafkaCluster.Node kafkaNode(int id) {
        return new KafkaCluster.Node(
                id, KAFKA_PORT + 2 * (id - 1), KAFKA_CONTROLLER_PORT + 2 * (id - 1));
    }

    /** Where the Kafka data of a run with {@code brokers} brokers is kept under {@code .local/}. */
    static Path kafkaHome(Path local, int brokers) {
        return local.resolve(brokers == 1 ? "kafka" : "kafka-cluster");
    }

    private void run(Options options) throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("MariaDB", MARIADB_PORT);
        if (options.replica()) {
            ports.put("MariaDB replica", MARIADB_REPLICA_PORT);
        }
        List<KafkaCluster.Node> nodes = new ArrayList<>();
        for (int id = 1; id <= options.brokers(); id++) {
            KafkaCluster.Node node = kafkaNode(id);
            nodes.add(node);
            String name = options.brokers() == 1 ? "Kafka" : "Kafka " + id;
            ports.put(name, node.port());
            ports.put(name + " controller", node.controllerPort());
        }
        ports.put("ingest-api", INGEST_PORT);
        ports.put("query-api", QUERY_PORT);
        for (int i = 0; i < options.workers(); i++) {
            ports.put("writer-worker " + (i + 1), WORKER_PORT + i);
        }
        ports.forEach(
                (name, port) -> {
                    if (inUse(port)) {
                        System.err.println(
                                "Port "
                                        + port
                                        + " ("
                                        + name
                                        + ") is already in use; stop what holds it and try again.");
                        System.exit(1);
                    }
                });
        Path local = options.root().resolve(".local");
        if (options.reset()) {
            deleteRecursively(local);
            System.out.println("Wiped " + local);
        }
        Path otherKafka = kafkaHome(local, options.brokers() == 1 ? 3 : 1);
        if (Files.isDirectory(local.resolve("mariadb"))
                && Files.isDirectory(otherKafka)
                && !Files.isDirectory(kafkaHome(local, options.brokers()))) {
            // The database's stored offsets are positions in the other cluster's topics.
            System.err.println(
                    ".local/ holds the data of a run with "
                            + (options.brokers() == 1 ? "3 brokers" : "1 broker")
                            + ", whose offsets the database keeps; add --reset to start afresh.");
            System.exit(1);
        }
        if (options.replica()
                && Files.isDirectory(local.resolve("mariadb"))
                && !LocalMariaDb.loggedFromCreation(local.resolve("mariadb"))) {
            // A replica is built from the primary's binary log, which older runs did not write.
            System.err.println(
                    ".local/mariadb was created before the local database kept a binary log, so no"
                            + " replica can be built from it; add --reset to start afresh.");
            System.exit(1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stopping = true;
                                    stopAll();
                                    stopped.countDown();
                                },
                                "local-stack-shutdown"));

        step("MariaDB 11.4 on " + MARIADB_PORT);
        LocalMariaDb mariaDb = LocalMariaDb.start(local.resolve("mariadb"), MARIADB_PORT);
        running.push(mariaDb);
        LocalMariaDb replica = null;
        if (options.replica()) {
            step("MariaDB 11.4 replica on " + MARIADB_REPLICA_PORT);
            replica =
                    LocalMariaDb.startReplica(
                            local.resolve("mariadb-replica"), MARIADB_REPLICA_PORT, mariaDb);
            running.push(replica);
        }
        KafkaCluster kafka =
                KafkaCluster.prepare(
                        kafkaHome(local, options.brokers()),
                        nodes,
                        System.getProperty("java.class.path"));
        step("Kafka (KRaft) on " + kafka.bootstrapServers());
        running.push(kafka);
        kafka.start();

        Map<String, String> environment = environment(options.root(), mariaDb, kafka);
        Path logs = local.resolve("logs");
        ServiceProcess ingest =
                start(options.root(), "ingest-api", "ingest-api", INGEST_PORT, environment, logs);
        Map<String, String> queryEnvironment = new LinkedHashMap<>(environment);
        if (replica != null) {
            queryEnvironment.put("QUERY_REPLICA_URL", replica.jdbcUrl());
        }
        ServiceProcess query =
                start(options.root(), "query-api", "query-api", QUERY_PORT, queryEnvironment, logs);
        ServiceProcess[] workers = new ServiceProcess[options.workers()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] =
                    start(
                            options.root(),
                            "writer-worker-" + (i + 1),
                            "writer-worker",
                            WORKER_PORT + i,
                            environment,
                            logs);
        }
        step("waiting for every /health to be UP");
        ingest.awaitHealthy(Duration.ofMinutes(3));
        query.awaitHealthy(Duration.ofMinutes(3));
        for (ServiceProcess worker : workers) {
            worker.awaitHealthy(Duration.ofMinutes(3));
        }
        printBanner(options, logs);
        List<ServiceProcess> services = new ArrayList<>(List.of(ingest, query));
        services.addAll(List.of(workers));
        Set<String> reported = new HashSet<>();
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            for (KafkaBrokerProcess broker : kafka.brokers()) {
                if (!stopping && !broker.isRunning() && reported.add("kafka-" + broker.nodeId())) {
                    System.out.println(
                            "!! Kafka node "
                                    + broker.nodeId()
                                    + " has exited; its log: "
                                    + broker.home().resolve("broker.log")
                                    + (options.brokers() > 1
                                            ? ". The other brokers go on; Ctrl-C and the same"
                                                    + " command again bring it back with its data."
                                            : ". Ctrl-C and the same command again bring it back"
                                                    + " with its data."));
                }
            }
            for (ServiceProcess service : services) {
                if (!stopping && !service.isAlive() && reported.add(service.name())) {
                    System.out.println(
                            "!! "
                                    + service.name()
                                    + " has exited; its log: "
                                    + logs.resolve(service.name() + ".log")
                                    + ". The others keep running; Ctrl-C stops them.");
                }
            }
        }
    }

    private ServiceProcess start(
            Path root,
            String name,
            String module,
            int port,
            Map<String, String> environment,
            Path logs)
            throws IOException {
        step(name + " on " + port);
        Map<String, String> settings = new LinkedHashMap<>(environment);
        settings.putAll(moduleSettings(root, module));
        ServiceProcess service =
                ServiceProcess.start(name, ServiceProcess.jar(root, module), port, settings, logs);
        running.push(service);
        return service;
    }

    /** Settings that say where Kafka and the database are; docker-compose sets the same ones. */
    static final List<String> ADDRESS_SETTINGS =
            List.of(
                    "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                    "SPRING_DATASOURCE_URL",
                    "SPRING_DATASOURCE_USERNAME",
                    "SPRING_DATASOURCE_PASSWORD");

    /**
     * ops/pipeline.env, which docker-compose reads too, plus where Kafka and MariaDB are and the
     * cluster's topic settings.
     */
    static Map<String, String> environment(Path root, LocalMariaDb mariaDb, KafkaCluster kafka)
            throws IOException {
        Map<String, String> environment = new LinkedHashMap<>(sharedSettings(root));
        List<String> addresses = List.of(kafka.bootstrapServers(), mariaDb.jdbcUrl(), "root", "");
        for (int i = 0; i < ADDRESS_SETTINGS.size(); i++) {
            environment.put(ADDRESS_SETTINGS.get(i), addresses.get(i));
        }
        environment.putAll(kafka.serviceSettings());
        return environment;
    }

    /** The KEY=VALUE lines of ops/pipeline.env. */
    public static Map<String, String> sharedSettings(Path root) throws IOException {
        return settings(root.resolve("ops").resolve("pipeline.env"));
    }

    /**
     * The KEY=VALUE lines of {@code ops/<module>.env}, the settings of one service alone (its JVM's
     * options), which docker-compose reads after ops/pipeline.env too; none when there is no file.
     */
    public static Map<String, String> moduleSettings(Path root, String module) throws IOException {
        Path file = root.resolve("ops").resolve(module + ".env");
        return Files.isRegularFile(file) ? settings(file) : Map.of();
    }

    private static Map<String, String> settings(Path file) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            int equals = trimmed.indexOf('=');
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0) {
                settings.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        return settings;
    }

    private synchronized void stopAll() {
        if (!running.isEmpty()) {
            System.out.println("\nStopping the local stack...");
        }
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("stop failed: " + e.getMessage());
            }
        }
    }

    private static void printBanner(Options options, Path logs) {
        String curl =
                "curl -s -X POST http://localhost:8080/api/v1/translation/sessions/batch \\\n"
                        + "    -H 'X-API-Key: "
                        + WRITE_KEY
                        + "' -H 'Content-Type: application/json' \\\n"
                        + "    -d"
                        + " '{\"sessions\":[{\"session_id\":\"demo-1\",\"status\":\"running\","
                        + "\"created_at\":\"2026-01-01T10:00:00Z\",\"updated_at\":\"2026-01-01T10:00:00Z\"}]}'";
        System.out.println();
        System.out.println(
                "The pipeline is running ("
                        + options.workers()
                        + " writer-worker"
                        + (options.workers() > 1 ? "s" : "")
                        + "):");
        System.out.println("  ingest-api     http://localhost:8080   (Swagger UI: /docs)");
        System.out.println("  query-api      http://localhost:8081   (Swagger UI: /docs)");
        System.out.println(
                "  writer-worker  http://localhost:8082/health"
                        + (options.workers() > 1 ? " .. 808" + (1 + options.workers()) : ""));
        System.out.println(
                "  Kafka          "
                        + (options.brokers() == 1
                                ? "127.0.0.1:9092"
                                : "127.0.0.1:9092,9094,9096 (3 brokers, replication factor 3,"
                                        + " min.insync.replicas 2)"));
        System.out.println("  MariaDB        jdbc:mysql://127.0.0.1:3306/translation (root)");
        if (options.replica()) {
            System.out.println(
                    "  replica        jdbc:mysql://127.0.0.1:3307/translation (query-api's reads;"
                            + " its lag in /api/v1/translation/stats)");
        }
        System.out.println(
                "Keys: "
                        + WRITE_KEY
                        + " (write), "
                        + READ_KEY
                        + " (read), "
                        + ADMIN_KEY
                        + " (admin)");
        System.out.println("Logs: " + logs + "    Data: .local/ (./run-local.sh --reset wipes it)");
        System.out.println("Try:\n  " + curl);
        System.out.println(
                "  curl -s http://localhost:8081/api/v1/translation/sessions/demo-1 -H 'X-API-Key: "
                        + READ_KEY
                        + "'");
        System.out.println("Ctrl-C stops everything.");
    }

    private static void step(String what) {
        System.out.println("-> " + what);
    }

    private static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
