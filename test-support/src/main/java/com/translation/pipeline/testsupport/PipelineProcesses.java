package com.translation.pipeline.testsupport;

import com.translation.pipeline.local.KafkaBrokerProcess;
import com.translation.pipeline.local.KafkaCluster;
import com.translation.pipeline.local.LocalStack;
import com.translation.pipeline.local.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The whole pipeline, every part a process of its own so that it can be killed: a KRaft broker or a
 * cluster of three (the local run's), MySQL 8.0.31 (MariaDB 11.4 where MySQL cannot run), and the
 * built jars of ingest-api, query-api and writer-workers, with the settings of the local run
 * (ops/pipeline.env). For the reliability battery and the benchmarks, which need the services as
 * they ship.
 */
public final class PipelineProcesses implements AutoCloseable {

    /** The local run's development keys, which every service of the pipeline accepts. */
    public static final String WRITE_KEY = LocalStack.WRITE_KEY;

    public static final String READ_KEY = LocalStack.READ_KEY;
    public static final String ADMIN_KEY = LocalStack.ADMIN_KEY;
    public static final String WORKER_GROUP = "writer-worker";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path root;
    private final Path logs;
    private final KafkaCluster kafka;
    private final RestartableDatabase database;
    private final TestDatabase schema;
    private final Map<String, String> environment;
    private final Map<String, String> workerSettings;
    private final ServiceProcess ingest;
    private final ServiceProcess query;
    private final List<ServiceProcess> workers = new ArrayList<>();
    private boolean closed;

    private PipelineProcesses(
            Path root,
            Path logs,
            KafkaCluster kafka,
            RestartableDatabase database,
            TestDatabase schema,
            Map<String, String> environment,
            Map<String, String> workerSettings) {
        this.root = root;
        this.logs = logs;
        this.kafka = kafka;
        this.database = database;
        this.schema = schema;
        this.environment = environment;
        this.workerSettings = Map.copyOf(workerSettings);
        this.ingest = service("ingest-api", "ingest-api", Map.of());
        this.query = service("query-api", "query-api", Map.of());
        // A worker started later, maybe timed, starts as fast as every later one.
        ServiceProcess.prepare(
                ServiceProcess.jar(root, "writer-worker"),
                settings("writer-worker", workerSettings));
    }

    /**
     * Starts the broker, the database, ingest-api, query-api and {@code workers} writer-workers
     * (each with {@code workerSettings} added to its environment) and waits until all are UP. The
     * logs and the broker's data go under {@code -Dpipeline.work} (default target/pipeline).
     */
    public static PipelineProcesses start(int workers, Map<String, String> workerSettings)
            throws IOException {
        return start(1, workers, workerSettings);
    }

    /**
     * As {@link #start(int, Map)}, on a Kafka cluster of {@code brokers} nodes (1, or 3 and more:
     * {@link KafkaCluster}), the services creating topics with the cluster's replication settings.
     */
    public static PipelineProcesses start(
            int brokers, int workers, Map<String, String> workerSettings) throws IOException {
        // -Dpipeline.database=mariadb picks MariaDB where MySQL could run too.
        boolean mariaDb =
                "mariadb".equalsIgnoreCase(System.getProperty("pipeline.database", ""))
                        || MySql80Server.unavailableReason().isPresent();
        return start(
                mariaDb ? MariaDbServer.startDedicated() : MySql80Server.startDedicated(),
                brokers,
                workers,
                workerSettings);
    }

    /**
     * As {@link #start(int, int, Map)}, on {@code database}, which the pipeline then owns: it
     * creates its schema there and closes it with the rest.
     */
    public static PipelineProcesses start(
            RestartableDatabase database,
            int brokers,
            int workers,
            Map<String, String> workerSettings)
            throws IOException {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Path work =
                Files.createDirectories(
                        Path.of(System.getProperty("pipeline.work", "target/pipeline"))
                                .toAbsolutePath());
        Path run = Files.createTempDirectory(work, "run-");
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        List<KafkaCluster.Node> nodes = new ArrayList<>();
        for (int id = 1; id <= brokers; id++) {
            nodes.add(new KafkaCluster.Node(id, freePort(), freePort()));
        }
        KafkaCluster kafka = KafkaCluster.prepare(run.resolve("kafka"), nodes, classPath);
        try {
            kafka.start();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        TestDatabase schema = database.createDatabase();
        Map<String, String> environment = new LinkedHashMap<>(LocalStack.sharedSettings(root));
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.putAll(kafka.serviceSettings());
        environment.put("SPRING_DATASOURCE_URL", serviceUrl(schema));
        environment.put("SPRING_DATASOURCE_USERNAME", database.username());
        environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
        PipelineProcesses pipeline =
                new PipelineProcesses(
                        root,
                        run.resolve("logs"),
                        kafka,
                        database,
                        schema,
                        environment,
                        workerSettings);
        // Child processes outlive a JVM that is stopped from outside; this hook takes them along.
        Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close));
        try {
            for (int i = 0; i < workers; i++) {
                pipeline.addWorker();
            }
            pipeline.ingest.awaitHealthy(START_TIMEOUT);
            pipeline.query.awaitHealthy(START_TIMEOUT);
            pipeline.awaitWorkersHealthy();
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    /** Starts one more writer-worker in the group; call {@link #awaitWorkersHealthy()} after. */
    public ServiceProcess addWorker() {
        return addWorker(Map.of());
    }

    /** Starts one more writer-worker with {@code settings} on top of the pipeline's. */
    public ServiceProcess addWorker(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(workerSettings);
        all.putAll(settings);
        ServiceProcess worker =
                service("writer-worker-" + (workers.size() + 1), "writer-worker", all);
        workers.add(worker);
        return worker;
    }

    /**
     * Starts another instance of a service module with {@code settings} on top of the pipeline's;
     * the caller stops it.
     */
    public ServiceProcess startService(String name, String module, Map<String, String> settings) {
        return service(name, module, settings);
    }

    /**
     * The settings of a writer-worker apart from the pipeline's: its own consumer group, the topics
     * {@code <topicPrefix>.sessions} and {@code .tasks}, and its own database.
     */
    public static Map<String, String> separateWorker(
            TestDatabase database, String group, String topicPrefix) {
        return Map.of(
                "SPRING_DATASOURCE_URL",
                serviceUrl(database),
                "SPRING_KAFKA_CONSUMER_GROUP_ID",
                group,
                "WORKER_SESSIONS_TOPIC",
                topicPrefix + ".sessions",
                "WORKER_TASKS_TOPIC",
                topicPrefix + ".tasks");
    }

    /** A database's URL with the services' own connect and socket timeouts. */
    private static String serviceUrl(TestDatabase database) {
        return withServiceTimeouts(database.jdbcUrl());
    }

    private static String withServiceTimeouts(String jdbcUrl) {
        return jdbcUrl + "&connectTimeout=5000&socketTimeout=60000";
    }

    /** Stops (SIGTERM) and forgets the workers after the first {@code count}. */
    public void keepWorkers(int count) {
        while (workers.size() > count) {
            workers.remove(workers.size() - 1).close();
        }
    }

    public void awaitWorkersHealthy() {
        workers.forEach(w -> w.awaitHealthy(START_TIMEOUT));
    }

    /** Starts a stopped or killed service again and waits until it is UP. */
    public static void restart(ServiceProcess service) {
        service.startAgain();
        service.awaitHealthy(START_TIMEOUT);
    }

    public ServiceProcess ingest() {
        return ingest;
    }

    public ServiceProcess query() {
        return query;
    }

    public List<ServiceProcess> workers() {
        return List.copyOf(workers);
    }

    /**
     * The broker of a one-node pipeline.
     *
     * @throws IllegalStateException on a cluster: name the node with {@link #kafka()}
     */
    public KafkaBrokerProcess broker() {
        if (kafka.brokers().size() != 1) {
            throw new IllegalStateException("a cluster of " + kafka.brokers().size());
        }
        return kafka.brokers().get(0);
    }

    /** The Kafka cluster, of one node or more. */
    public KafkaCluster kafka() {
        return kafka;
    }

    public RestartableDatabase database() {
        return database;
    }

    public DataSource dataSource() {
        return schema.dataSource();
    }

    /**
     * The JDBC URL of the pipeline's schema on another server ({@code server}, a replica of its
     * database), with the services' timeouts.
     */
    public String jdbcUrlOn(DatabaseServer server) {
        return withServiceTimeouts(server.jdbcUrl(schema.name()));
    }

    /** The settings every service gets: ops/pipeline.env plus where Kafka and the database are. */
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Lines of every service log that contain {@code text}. */
    public long logLines(String text) throws IOException {
        long count = 0;
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    count += lines.filter(line -> line.contains(text)).count();
                }
            }
        }
        return count;
    }

    /** Sends a signal (STOP, CONT, KILL, ...) to a process, as {@code kill -<signal>} does. */
    public static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        workers.forEach(ServiceProcess::close);
        ingest.close();
        query.close();
        kafka.kill();
        database.close();
    }

    private ServiceProcess service(String name, String module, Map<String, String> extra) {
        return ServiceProcess.start(
                name,
                ServiceProcess.jar(root, module),
                freePortUnchecked(),
                flightRecording(name, settings(module, extra)),
                logs);
    }

    /**
     * With {@code -Dpipeline.jfr=DIR}, every service records a JFR profile ({@code
     * settings=profile}) to {@code DIR/<name>.jfr}, written when it stops: the benchmarks' switch
     * for profiling the services under their load (docs/benchmarks.md, "Profiles"). A service whose
     * settings already start a recording keeps its own.
     */
    private static Map<String, String> flightRecording(String name, Map<String, String> settings) {
        String dir = System.getProperty("pipeline.jfr", "");
        String options = settings.getOrDefault("JAVA_TOOL_OPTIONS", "");
        if (dir.isBlank() || options.contains("StartFlightRecording")) {
            return settings;
        }
        Path recordings = Path.of(dir).toAbsolutePath();
        try {
            Files.createDirectories(recordings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> recorded = new LinkedHashMap<>(settings);
        recorded.put(
                "JAVA_TOOL_OPTIONS",
                (options
                                + " -XX:StartFlightRecording=settings=profile,filename="
                                + recordings.resolve(name + ".jfr"))
                        .strip());
        return recorded;
    }

    /** The pipeline's settings, then the module's own (ops/<module>.env), then {@code extra}. */
    private Map<String, String> settings(String module, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>(environment);
        try {
            settings.putAll(LocalStack.moduleSettings(root, module));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.putAll(extra);
        return settings;
    }

    private static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
