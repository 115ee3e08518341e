package com.translation.pipeline.bench;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_SESSION;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.local.ServiceProcess;
import com.translation.pipeline.schema.db.ServerDialect;
import com.translation.pipeline.schema.event.EventData;
import com.translation.pipeline.schema.event.SessionData;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.testsupport.PipelineProcesses;
import com.translation.pipeline.testsupport.TestDatabase;
import com.translation.pipeline.testsupport.TopicReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.flywaydb.core.Flyway;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * Benchmark 2: a topic pre-filled with session or task events (90 % new keys, 10 % updates of
 * existing ones, half of those stale) drained by writer-workers from a cold start, against the
 * strongest raw writer of the same events from memory: parallel connections with server-side
 * prepared statements, the same version-guarded multi-row upserts in chunks of {@value #CHUNK}
 * rows, the batch's newest version per key, one transaction per {@value #BATCH} events with its
 * offset row, into a fresh database on the same server.
 */
final class DrainBench {

    /** The worker's default max-batch-records: the raw writer's transaction size. */
    static final int BATCH = 2000;

    /** Rows per upsert statement of the raw writer: the worker's largest statement shape. */
    static final int CHUNK = 512;

    /** The events drained. */
    enum Kind {
        SESSIONS,
        TASKS
    }

    private static final Pattern STATEMENTS =
            Pattern.compile("(?m)^pipeline_worker_batch_statements_sum(?:\\{[^}]*})? (\\S+)$");

    private final PipelineProcesses pipeline;
    private final int partitions;
    private final Kind kind;
    private final String run = "drain-" + Long.toString(System.nanoTime(), 36);
    private final String sessionsTopic = run + ".sessions";
    private final String tasksTopic = run + ".tasks";
    private final List<EventData> events = new ArrayList<>();
    private int rounds;

    /**
     * What one run of the workers took.
     *
     * @param rowsPerSecond events stored after the first stored offset, per second from it to the
     *     last
     * @param coldSeconds from launch to the last event stored
     * @param firstRowSeconds from launch to the first stored offset
     * @param statementsPerEvent SQL statements per event
     * @param peakRssMb the workers' largest peak resident memory
     * @param workerCpuSeconds CPU time of the workers' processes, start included
     * @param databaseCpuSeconds CPU time the database server spent from the first stored offset on,
     *     scaled to all the events (migrations and the start not counted, as for the raw writer)
     */
    record Drained(
            double rowsPerSecond,
            double coldSeconds,
            double firstRowSeconds,
            double statementsPerEvent,
            double peakRssMb,
            double workerCpuSeconds,
            double databaseCpuSeconds) {}

    /**
     * What one run of the raw writer took.
     *
     * @param rowsPerSecond events per second
     * @param databaseCpuSeconds CPU time the database server spent meanwhile
     */
    record Raw(double rowsPerSecond, double databaseCpuSeconds) {}

    DrainBench(PipelineProcesses pipeline, int partitions) {
        this(pipeline, partitions, Kind.TASKS);
    }

    DrainBench(PipelineProcesses pipeline, int partitions, Kind kind) {
        this.pipeline = pipeline;
        this.partitions = partitions;
        this.kind = kind;
    }

    /**
     * Creates the topics and fills the kind's topic with {@code count} events: nine in ten of a new
     * key, the others an update of an earlier key, half of those older than what is stored.
     */
    void prefill(int count) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                pipeline.bootstrapServers()))) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(sessionsTopic, partitions, (short) 1),
                                    new NewTopic(tasksTopic, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        awaitGroupCoordinator();
        Random random = new Random(42);
        long created = 0;
        for (int i = 0; i < count; i++) {
            if (created > 0 && random.nextInt(10) == 0) {
                long existing = (long) (random.nextDouble() * created);
                events.add(event(existing, random.nextBoolean() ? 20 : 5));
            } else {
                events.add(event(created++, 10));
            }
        }
        String topic = topic();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer =
                BenchEvents.prefillProducer(pipeline.bootstrapServers())) {
            for (EventData event : events) {
                producer.send(
                        new ProducerRecord<>(topic, event.sessionId(), BenchEvents.envelope(event)),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("prefill of " + topic + " failed", failure.get());
        }
        long onTopic =
                TopicReader.endOffsets(pipeline.bootstrapServers(), topic).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
        if (onTopic != events.size()) {
            throw new IllegalStateException(
                    events.size() + " events sent to " + topic + ", " + onTopic + " on it");
        }
    }

    /**
     * Starts {@code workers} writer-workers in a new group on a fresh database, with {@code
     * overrides} on top of their settings, and waits until they have stored the offsets of every
     * event.
     */
    Drained ours(int workers, Map<String, String> overrides) throws Exception {
        TestDatabase database = pipeline.database().createDatabase();
        String group = run + "-" + rounds++;
        Map<String, String> settings =
                new HashMap<>(PipelineProcesses.separateWorker(database, group, run));
        // The topics exist with the partitions under test; the worker must not add any.
        settings.put("WORKER_CREATE_TOPICS", "false");
        settings.putAll(overrides);
        int before = pipeline.workers().size();
        Cpu.awaitMachineQuiet(Duration.ofSeconds(60));
        long started = System.nanoTime();
        List<ServiceProcess> drainers = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            drainers.add(pipeline.addWorker(settings));
        }
        DSLContext db = DSL.using(database.dataSource(), SQLDialect.MYSQL);
        long firstStored = 0;
        // From the first stored offset on: the events stored by then, and the database's CPU, so
        // that the rate and the database's cost count neither the migrations nor those events.
        long storedAtFirst = 0;
        double databaseCpuAtFirst = 0;
        while (true) {
            long stored = storedOffsets(db, group);
            long now = System.nanoTime();
            if (stored > 0 && firstStored == 0) {
                firstStored = now;
                storedAtFirst = stored;
                databaseCpuAtFirst = Cpu.seconds(Cpu.databasePid(pipeline));
            }
            if (stored >= events.size()) {
                break;
            }
            if (Duration.ofNanos(now - started).toMinutes() >= 10) {
                throw new IllegalStateException("drain did not finish: " + stored);
            }
            Thread.sleep(20);
        }
        long finished = System.nanoTime();
        long timedEvents = events.size() - storedAtFirst;
        // Scaled to all the events, as the raw writer's is measured over all of them.
        double databaseCpu =
                (Cpu.seconds(Cpu.databasePid(pipeline)) - databaseCpuAtFirst)
                        * events.size()
                        / timedEvents;
        double statements = 0;
        double peakRss = 0;
        double workerCpu = 0;
        for (ServiceProcess drainer : drainers) {
            statements += statements(drainer);
            peakRss = Math.max(peakRss, Memory.peakRssMegabytes(drainer.pid()));
            workerCpu += Cpu.seconds(drainer.pid());
        }
        pipeline.keepWorkers(before);
        return new Drained(
                timedEvents / ((finished - firstStored) / 1e9),
                (finished - started) / 1e9,
                (firstStored - started) / 1e9,
                statements / events.size(),
                peakRss,
                workerCpu,
                databaseCpu);
    }

    /**
     * The strongest raw writer: {@code connections} threads, each with its own connection and its
     * share of the keys (as partitions share them), writing the events from memory.
     */
    Raw raw(int connections) throws Exception {
        TestDatabase database = pipeline.database().createDatabase();
        Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        SQLDialect dialect = ServerDialect.of(database.dataSource());
        List<List<Object[]>> shares = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            shares.add(new ArrayList<>());
        }
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (EventData event : events) {
            shares.get(Math.floorMod(event.sessionId().hashCode(), connections))
                    .add(row(event, now));
        }
        String url =
                database.jdbcUrl()
                        + "&useServerPrepStmts=true&cachePrepStmts=true"
                        + "&prepStmtCacheSqlLimit=1000000&prepStmtCacheSize=64";
        Cpu.awaitMachineQuiet(Duration.ofSeconds(60));
        double databaseCpuBefore = Cpu.seconds(Cpu.databasePid(pipeline));
        long started = System.nanoTime();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int share = c;
            writers.add(
                    CompletableFuture.runAsync(
                            () -> writeShare(url, database, dialect, share, shares.get(share))));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Raw(
                events.size() / seconds,
                Cpu.seconds(Cpu.databasePid(pipeline)) - databaseCpuBefore);
    }

    /**
     * Joins a throwaway group until it is given a partition. The first group on a new broker makes
     * it create its offsets topic, and a worker started meanwhile had its loops refused ("not the
     * correct coordinator") and let in one by one: one loop drained every partition alone for three
     * to six seconds while the others waited for two rebalance rounds (worker log of a
     * WriterBenchmark run, 2026-12-03). That is a new broker's, once in a cluster's life, not a
     * worker's start, so no timed drain may be the first group.
     */
    private void awaitGroupCoordinator() {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                pipeline.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                run + "-coordinator",
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(sessionsTopic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumer.assignment().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no group coordinator within 60 s");
                }
                consumer.poll(Duration.ofMillis(100));
            }
        }
    }

    int events() {
        return events.size();
    }

    private void writeShare(
            String url, TestDatabase database, SQLDialect dialect, int share, List<Object[]> rows) {
        Table<?> table = table();
        Field<String> id = idField();
        Map<Integer, String> statements = new HashMap<>();
        try (Connection connection =
                DriverManager.getConnection(
                        url, database.server().username(), database.server().password())) {
            connection.setAutoCommit(false);
            DSLContext render = DSL.using(dialect);
            long offset = 0;
            for (int from = 0; from < rows.size(); from += BATCH) {
                TreeMap<String, Object[]> newest = new TreeMap<>();
                int idIndex = table.indexOf(id);
                int versionIndex = table.indexOf(versionField());
                for (Object[] row : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
                    newest.merge(
                            (String) row[idIndex],
                            row,
                            (a, b) ->
                                    ((LocalDateTime) b[versionIndex])
                                                    .isBefore((LocalDateTime) a[versionIndex])
                                            ? a
                                            : b);
                }
                List<Object[]> batch = new ArrayList<>(newest.values());
                // The worker's statement shapes: CHUNK rows, then powers of two, each prepared
                // once per connection, so that no batch pays for a new statement.
                for (int at = 0, size; at < batch.size(); at += size) {
                    int remaining = batch.size() - at;
                    size = remaining >= CHUNK ? CHUNK : Integer.highestOneBit(remaining);
                    List<Object[]> chunk = batch.subList(at, at + size);
                    String sql =
                            statements.computeIfAbsent(
                                    size, shape -> upsertSql(render, table, shape));
                    try (PreparedStatement upsert = connection.prepareStatement(sql)) {
                        int parameter = 1;
                        for (Object[] row : chunk) {
                            for (Object value : row) {
                                bind(upsert, parameter++, value);
                            }
                        }
                        upsert.executeUpdate();
                    }
                }
                offset += Math.min(BATCH, rows.size() - from);
                try (PreparedStatement position =
                        connection.prepareStatement(
                                "REPLACE INTO consumer_offset (consumer_group, topic,"
                                        + " kafka_partition, next_offset, updated_at)"
                                        + " VALUES ('raw', 'raw', ?, ?, NOW(6))")) {
                    position.setInt(1, share);
                    position.setLong(2, offset);
                    position.executeUpdate();
                }
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The guarded upsert of {@code rows} rows, as the worker writes it, with placeholders. */
    private String upsertSql(DSLContext render, Table<?> table, int rows) {
        Field<LocalDateTime> version = versionField();
        Condition newer = DSL.excluded(version).ge(version);
        Map<Field<?>, Field<?>> guarded = new LinkedHashMap<>();
        for (Field<?> field : table.fields()) {
            if (!field.equals(idField()) && !field.equals(version)) {
                guarded.put(field, guard(newer, field));
            }
        }
        guarded.put(version, guard(newer, version));
        InsertValuesStepN<?> insert = render.insertInto(table, table.fields());
        for (int r = 0; r < rows; r++) {
            insert = insert.values(Collections.nCopies(table.fields().length, (Object) null));
        }
        return insert.onDuplicateKeyUpdate().set(guarded).getSQL(ParamType.INDEXED);
    }

    private static <T> Field<T> guard(Condition newer, Field<T> field) {
        return DSL.when(newer, DSL.excluded(field)).otherwise(field);
    }

    private static void bind(PreparedStatement statement, int parameter, Object value)
            throws SQLException {
        if (value == null) {
            statement.setNull(parameter, java.sql.Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(parameter, text);
        } else if (value instanceof Integer number) {
            statement.setInt(parameter, number);
        } else {
            statement.setObject(parameter, value);
        }
    }

    private Table<?> table() {
        return kind == Kind.SESSIONS ? TRANSLATION_SESSION : TRANSLATION_TASK;
    }

    private Field<String> idField() {
        return kind == Kind.SESSIONS ? TRANSLATION_SESSION.SESSION_ID : TRANSLATION_TASK.TASK_ID;
    }

    private Field<LocalDateTime> versionField() {
        return kind == Kind.SESSIONS ? TRANSLATION_SESSION.UPDATED_AT : TRANSLATION_TASK.UPDATED_AT;
    }

    private String topic() {
        return kind == Kind.SESSIONS ? sessionsTopic : tasksTopic;
    }

    private EventData event(long n, int version) {
        return kind == Kind.SESSIONS
                ? BenchEvents.session(run, n, version)
                : BenchEvents.task(run, n, version);
    }

    /** An event as the row the worker stores, in the table's column order. */
    private Object[] row(EventData event, LocalDateTime now) {
        Record record;
        if (event instanceof SessionData session) {
            record =
                    TRANSLATION_SESSION
                            .newRecord()
                            .setSessionId(session.sessionId())
                            .setUserId(session.userId())
                            .setStatus(session.status().wireName())
                            .setSourceLanguage(session.sourceLanguage())
                            .setTargetLanguage(session.targetLanguage())
                            .setTitle(session.title())
                            .setTotalTasks(session.totalTasks())
                            .setCompletedTasks(session.completedTasks())
                            .setFailedTasks(session.failedTasks())
                            .setMetadata(org.jooq.JSON.valueOf(session.metadata().toString()))
                            .setCreatedAt(utc(session.createdAt()))
                            .setUpdatedAt(utc(session.updatedAt()))
                            .setEventId(session.sessionId())
                            .setAppliedAt(now);
        } else {
            TaskData task = (TaskData) event;
            record =
                    TRANSLATION_TASK
                            .newRecord()
                            .setTaskId(task.taskId())
                            .setSessionId(task.sessionId())
                            .setSequence(task.sequence())
                            .setStatus(task.status().wireName())
                            .setSourceText(task.sourceText())
                            .setRetryCount(task.retryCount())
                            .setMetadata(org.jooq.JSON.valueOf(task.metadata().toString()))
                            .setCreatedAt(utc(task.createdAt()))
                            .setUpdatedAt(utc(task.updatedAt()))
                            .setEventId(task.taskId())
                            .setAppliedAt(now);
        }
        Object[] values = record.intoArray();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof org.jooq.JSON json) {
                values[i] = json.data();
            }
        }
        return values;
    }

    private static LocalDateTime utc(java.time.Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static long storedOffsets(DSLContext db, String group) {
        try {
            BigDecimal sum =
                    db.select(DSL.sum(CONSUMER_OFFSET.NEXT_OFFSET))
                            .from(CONSUMER_OFFSET)
                            .where(CONSUMER_OFFSET.CONSUMER_GROUP.eq(group))
                            .fetchOne(0, BigDecimal.class);
            return sum == null ? 0 : sum.longValue();
        } catch (RuntimeException e) {
            return 0; // the worker has not created its tables yet
        }
    }

    private static double statements(ServiceProcess worker) {
        Matcher sum =
                STATEMENTS.matcher(
                        BenchHttp.get(worker.baseUrl() + "/actuator/prometheus", null).body());
        return sum.find() ? Double.parseDouble(sum.group(1)) : Double.NaN;
    }
}
