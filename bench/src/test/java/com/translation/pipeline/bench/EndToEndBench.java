package com.translation.pipeline.bench;

import static com.translation.pipeline.schema.jooq.Tables.TRANSLATION_TASK;

import com.translation.pipeline.local.ServiceProcess;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.testsupport.PipelineProcesses;
import com.translation.pipeline.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Benchmark 3: batches posted to ingest-api on a fixed schedule, each timed from its intended send
 * time until its last task is a committed row, which a poller looks for every 20 ms. An ingest-api
 * and a writer-worker of its own, on fresh topics and a fresh database, so that no backlog of the
 * other benchmarks is in the way. The same load runs unmeasured for {@link #WARM_UP} first.
 */
final class EndToEndBench {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    private final PipelineProcesses pipeline;
    private final ExecutorService senders = Executors.newFixedThreadPool(64);
    private final String run = "e2e-" + Long.toString(System.nanoTime(), 36);

    EndToEndBench(PipelineProcesses pipeline) {
        this.pipeline = pipeline;
    }

    /** The latencies, and the peak memory of the two services that served them. */
    record Measured(Histogram latencies, double ingestPeakRssMb, double workerPeakRssMb) {}

    Measured latency(double eventsPerSecond, Duration duration) throws Exception {
        TestDatabase database = pipeline.database().createDatabase();
        String group = run + "-writers";
        int workersBefore = pipeline.workers().size();
        ServiceProcess worker =
                pipeline.addWorker(PipelineProcesses.separateWorker(database, group, run));
        ServiceProcess ingest =
                pipeline.startService(
                        "ingest-api-e2e",
                        "ingest-api",
                        Map.of(
                                "INGEST_SESSIONS_TOPIC",
                                run + ".sessions",
                                "INGEST_TASKS_TOPIC",
                                run + ".tasks",
                                "INGEST_WRITER_GROUP",
                                group));
        try {
            worker.awaitHealthy(Duration.ofMinutes(3));
            ingest.awaitHealthy(Duration.ofMinutes(3));
            DSLContext db = DSL.using(database.dataSource(), SQLDialect.MYSQL);
            // Fresh JVMs compile their hot paths in the first seconds; time the services warm.
            measure(ingest, db, run + "-warm", eventsPerSecond, WARM_UP);
            Histogram latencies = measure(ingest, db, run, eventsPerSecond, duration);
            return new Measured(
                    latencies,
                    Memory.peakRssMegabytes(ingest.pid()),
                    Memory.peakRssMegabytes(worker.pid()));
        } finally {
            senders.shutdownNow();
            ingest.close();
            pipeline.keepWorkers(workersBefore);
        }
    }

    private Histogram measure(
            ServiceProcess ingest,
            DSLContext db,
            String ids,
            double eventsPerSecond,
            Duration duration)
            throws Exception {
        Histogram latencies = new ConcurrentHistogram(120_000_000_000L, 3);
        // The last task id of each batch in flight, with its intended send time.
        ConcurrentSkipListMap<String, Long> pending = new ConcurrentSkipListMap<>();
        Thread poller = new Thread(() -> poll(db, pending, latencies), "e2e-poller");
        poller.start();
        long intervalNanos = (long) (IngestBench.BATCH / eventsPerSecond * 1e9);
        long start = System.nanoTime();
        long batches = duration.toNanos() / intervalNanos;
        for (long i = 0; i < batches; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            List<TaskData> tasks = BenchEvents.batch(ids, i * IngestBench.BATCH, IngestBench.BATCH);
            pending.put(tasks.get(tasks.size() - 1).taskId(), intended);
            BenchEvents.postAsync(senders, ingest.baseUrl(), tasks);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
        poller.interrupt();
        poller.join();
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " batches never reached the database");
        }
        return latencies;
    }

    private static void poll(
            DSLContext db, ConcurrentSkipListMap<String, Long> pending, Histogram latencies) {
        while (!Thread.currentThread().isInterrupted()) {
            Set<String> ids = Set.copyOf(pending.keySet());
            if (!ids.isEmpty()) {
                long now = System.nanoTime();
                db.select(TRANSLATION_TASK.TASK_ID)
                        .from(TRANSLATION_TASK)
                        .where(TRANSLATION_TASK.TASK_ID.in(ids))
                        .fetch(TRANSLATION_TASK.TASK_ID)
                        .forEach(
                                id -> {
                                    Long intended = pending.remove(id);
                                    if (intended != null) {
                                        latencies.recordValue(now - intended);
                                    }
                                });
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
