package com.translation.pipeline.bench;

import static com.translation.pipeline.schema.jooq.Tables.CONSUMER_OFFSET;
import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.local.ServiceProcess;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.jooq.tables.records.TranslationTaskRecord;
import com.translation.pipeline.testsupport.PipelineProcesses;
import com.translation.pipeline.testsupport.TestDatabase;
import com.translation.pipeline.testsupport.TopicReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Benchmark 2: a topic pre-filled with task events (90 % new keys, 10 % updates of existing ones,
 * half of those stale) drained by one writer-worker from a cold start, against a loop of plain jOOQ
 * multi-row upserts of the same events from memory, in batches of the worker's max-poll-records,
 * into a fresh database on the same server.
 */
final class DrainBench {

    /** The worker's default max-poll-records. */
    static final int BATCH = 2000;

    private static final Pattern STATEMENTS =
            Pattern.compile("(?m)^pipeline_worker_batch_statements_sum(?:\\{[^}]*})? (\\S+)$");

    private final PipelineProcesses pipeline;
    private final int partitions;
    private final String run = "drain-" + Long.toString(System.nanoTime(), 36);
    private final String sessionsTopic = run + ".sessions";
    private final String tasksTopic = run + ".tasks";
    private final List<TaskData> events = new ArrayList<>();
    private int rounds;

    /** What one run of the worker took. */
    record Drained(
            double rowsPerSecond,
            double coldSeconds,
            double statementsPerEvent,
            double peakRssMb) {}

    DrainBench(PipelineProcesses pipeline, int partitions) {
        this.pipeline = pipeline;
        this.partitions = partitions;
    }

    /** Creates the topics and fills the task topic with {@code count} events. */
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
        Random random = new Random(42);
        long created = 0;
        for (int i = 0; i < count; i++) {
            if (created > 0 && random.nextInt(10) == 0) {
                long existing = (long) (random.nextDouble() * created);
                events.add(BenchEvents.task(run, existing, random.nextBoolean() ? 20 : 5));
            } else {
                events.add(BenchEvents.task(run, created++, 10));
            }
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer =
                BenchEvents.prefillProducer(pipeline.bootstrapServers())) {
            for (TaskData task : events) {
                producer.send(
                        new ProducerRecord<>(
                                tasksTopic, task.sessionId(), BenchEvents.envelope(task)),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("prefill of " + tasksTopic + " failed", failure.get());
        }
        long onTopic =
                TopicReader.endOffsets(pipeline.bootstrapServers(), tasksTopic).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
        if (onTopic != events.size()) {
            throw new IllegalStateException(
                    events.size() + " events sent to " + tasksTopic + ", " + onTopic + " on it");
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
        long started = System.nanoTime();
        List<ServiceProcess> drainers = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            drainers.add(pipeline.addWorker(settings));
        }
        DSLContext db = DSL.using(database.dataSource(), SQLDialect.MYSQL);
        long firstStored = 0;
        while (true) {
            long stored = storedOffsets(db, group);
            long now = System.nanoTime();
            if (stored > 0 && firstStored == 0) {
                firstStored = now;
            }
            if (stored >= events.size()) {
                break;
            }
            if (Duration.ofNanos(now - started).toMinutes() >= 10) {
                throw new IllegalStateException("drain did not finish: " + stored);
            }
            Thread.sleep(100);
        }
        long finished = System.nanoTime();
        double statements = 0;
        double peakRss = 0;
        for (ServiceProcess drainer : drainers) {
            statements += statements(drainer);
            peakRss = Math.max(peakRss, Memory.peakRssMegabytes(drainer.pid()));
        }
        pipeline.keepWorkers(before);
        return new Drained(
                events.size() / ((finished - firstStored) / 1e9),
                (finished - started) / 1e9,
                statements / events.size(),
                peakRss);
    }

    /** Rows per second of plain multi-row upserts of the same events from memory. */
    double raw() {
        TestDatabase database = pipeline.database().createDatabase();
        Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        DSLContext db = DSL.using(database.dataSource(), SQLDialect.MYSQL);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        List<TranslationTaskRecord> rows = new ArrayList<>(events.size());
        for (TaskData task : events) {
            rows.add(row(task, now));
        }
        Map<Field<?>, Field<?>> everyColumnFromTheIncomingRow = new LinkedHashMap<>();
        for (Field<?> field : TRANSLATION_TASK.fields()) {
            if (!field.equals(TRANSLATION_TASK.TASK_ID)) {
                everyColumnFromTheIncomingRow.put(field, DSL.excluded(field));
            }
        }
        long started = System.nanoTime();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<TranslationTaskRecord> batch =
                    rows.subList(from, Math.min(rows.size(), from + BATCH));
            db.transaction(
                    tx ->
                            tx.dsl()
                                    .insertInto(TRANSLATION_TASK, TRANSLATION_TASK.fields())
                                    .valuesOfRecords(batch)
                                    .onDuplicateKeyUpdate()
                                    .set(everyColumnFromTheIncomingRow)
                                    .execute());
        }
        return rows.size() / ((System.nanoTime() - started) / 1e9);
    }

    int events() {
        return events.size();
    }

    private static TranslationTaskRecord row(TaskData task, LocalDateTime now) {
        return new TranslationTaskRecord()
                .setTaskId(task.taskId())
                .setSessionId(task.sessionId())
                .setSequence(task.sequence())
                .setStatus(task.status().wireName())
                .setSourceText(task.sourceText())
                .setRetryCount(task.retryCount())
                .setMetadata(JSON.valueOf(task.metadata().toString()))
                .setCreatedAt(LocalDateTime.ofInstant(task.createdAt(), ZoneOffset.UTC))
                .setUpdatedAt(LocalDateTime.ofInstant(task.updatedAt(), ZoneOffset.UTC))
                .setEventId(task.taskId())
                .setAppliedAt(now);
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
