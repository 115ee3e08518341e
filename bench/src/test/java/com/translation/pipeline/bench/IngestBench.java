package com.translation.pipeline.bench;

import com.translation.pipeline.local.ServiceProcess;
import com.translation.pipeline.schema.event.TaskData;
import com.translation.pipeline.schema.event.Topics;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Benchmark 1: batches of 100 tasks posted to ingest-api, against a plain KafkaProducer (acks=all,
 * idempotent, ingest-api's producer settings) sending the same envelopes in the same batches and
 * waiting for every acknowledgement of a batch, as ingest-api does before it answers, and against
 * the same batches posted to {@link MinimalIngestServer}, the same work without the framework.
 */
final class IngestBench implements AutoCloseable {

    static final int BATCH = 100;
    static final int CLIENTS = 8;

    /** ingest-api's default linger.ms, which the baseline producer uses too. */
    static final int INGEST_LINGER_MS = 1;

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");
    private static final Pattern COMPILATION =
            Pattern.compile("(?m)^jvm_compilation_time_ms_total\\{[^}]*} (\\S+)$");

    private final ServiceProcess ingest;

    /** Threads that send the open-loop schedule's batches; more than are ever in flight. */
    private final ExecutorService senders = Executors.newFixedThreadPool(64);

    private final KafkaProducer<String, byte[]> producer;

    /** The minimal server's own producer, as ingest-api has its own. */
    private final KafkaProducer<String, byte[]> minimalProducer;

    private final MinimalIngestServer minimal;
    private final AtomicLong sequence = new AtomicLong();
    private final String run = "bench-" + Long.toString(System.nanoTime(), 36);

    /** Benchmarks {@code ingest}, an ingest-api of {@code pipeline}. */
    IngestBench(PipelineProcesses pipeline, ServiceProcess ingest) throws IOException {
        this.ingest = ingest;
        this.producer = BenchEvents.producer(pipeline.bootstrapServers(), INGEST_LINGER_MS);
        this.minimalProducer = BenchEvents.producer(pipeline.bootstrapServers(), INGEST_LINGER_MS);
        this.minimal = new MinimalIngestServer(minimalProducer, PipelineProcesses.WRITE_KEY);
    }

    /** Events per second that {@link #CLIENTS} clients, each a batch at a time, get accepted. */
    double oursSaturated(Duration duration) throws Exception {
        return saturated(duration, () -> postBatch(ingest.baseUrl()));
    }

    /** A saturation run of one side, for a given duration. */
    interface Saturation {
        double run(Duration duration) throws Exception;
    }

    /** Windows of load run by {@link #untilSteady}, and the most of them. */
    static final Duration WARM_UP_WINDOW = Duration.ofSeconds(5);

    static final int MAX_WARM_UP_WINDOWS = 30;

    /**
     * The most JIT compilation time a window may hold once a side is warm: 2 % of it (100 ms of 5
     * s). Rates alone stopped too early: ingest-api's three windows once agreed at 36,600 events/s
     * while its C2 compiler was still busy, and it reached 70,700 minutes later.
     */
    static final double QUIET_COMPILATION_SHARE = 0.02;

    /**
     * Milliseconds a side's JIT compilers have spent so far ({@code CompilationMXBean}'s total).
     */
    interface CompilationClock {
        long millis();
    }

    /**
     * Loads one side in windows of {@link #WARM_UP_WINDOW} until its JIT is done: three windows in
     * a row within 5 % of each other, the last of them with at most {@link
     * #QUIET_COMPILATION_SHARE} of its time spent compiling; at most {@link #MAX_WARM_UP_WINDOWS}
     * windows.
     *
     * @param compilation the side's compilation time, read before and after each window
     * @return the windows' rates, in events/s, in order
     */
    List<Double> untilSteady(String name, Saturation side, CompilationClock compilation)
            throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Long> compiling = new ArrayList<>();
        long quietMillis = (long) (WARM_UP_WINDOW.toMillis() * QUIET_COMPILATION_SHARE);
        while (rates.size() < MAX_WARM_UP_WINDOWS) {
            long before = compilation.millis();
            rates.add(side.run(WARM_UP_WINDOW));
            compiling.add(compilation.millis() - before);
            int n = rates.size();
            if (n >= 3 && compiling.get(n - 1) <= quietMillis) {
                List<Double> last = rates.subList(n - 3, n);
                double low = Collections.min(last);
                double high = Collections.max(last);
                if (high <= low * 1.05) {
                    break;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "bench warm-up %s: %s events/s per %d s window, compiling %s ms%n",
                name,
                rates.stream().map(r -> String.valueOf(Math.round(r))).toList(),
                WARM_UP_WINDOW.toSeconds(),
                compiling);
        return rates;
    }

    /** ingest-api's compilation time, from its Prometheus scrape ({@code jvm.compilation.time}). */
    long oursCompilationMillis() {
        Matcher total =
                COMPILATION.matcher(
                        BenchHttp.get(ingest.baseUrl() + "/actuator/prometheus", null).body());
        if (!total.find()) {
            throw new IllegalStateException("ingest-api reports no jvm_compilation_time_ms_total");
        }
        return (long) Double.parseDouble(total.group(1));
    }

    /** This JVM's compilation time: the plain producer's and the minimal server's. */
    static long benchCompilationMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** The same for the minimal server. */
    double minimalSaturated(Duration duration) throws Exception {
        return saturated(duration, () -> postBatch(minimal.baseUrl()));
    }

    /** The same for the plain producer. */
    double rawSaturated(Duration duration) throws Exception {
        return saturated(duration, () -> sendBatch().get(30, TimeUnit.SECONDS));
    }

    /** Latencies of batches posted on a fixed schedule, from each batch's intended send time. */
    Histogram oursLatency(double eventsPerSecond, Duration duration) throws Exception {
        return openLoop(
                eventsPerSecond,
                duration,
                () ->
                        BenchEvents.postAsync(senders, ingest.baseUrl(), nextBatch())
                                .thenApply(BenchHttp.Answer::status));
    }

    /** The same for the minimal server. */
    Histogram minimalLatency(double eventsPerSecond, Duration duration) throws Exception {
        return openLoop(
                eventsPerSecond,
                duration,
                () ->
                        BenchEvents.postAsync(senders, minimal.baseUrl(), nextBatch())
                                .thenApply(BenchHttp.Answer::status));
    }

    Histogram rawLatency(double eventsPerSecond, Duration duration) throws Exception {
        return openLoop(eventsPerSecond, duration, () -> sendBatch().thenApply(n -> 202));
    }

    private interface Batch {
        int send() throws Exception;
    }

    private double saturated(Duration duration, Batch batch) throws Exception {
        return ClosedLoop.perSecond(CLIENTS, duration, batch::send);
    }

    private static Histogram openLoop(
            double eventsPerSecond,
            Duration duration,
            java.util.function.Supplier<CompletableFuture<Integer>> batch)
            throws Exception {
        return OpenLoop.latencies(
                eventsPerSecond / BATCH,
                duration,
                () -> batch.get().thenApply(status -> status == 202));
    }

    private int postBatch(String baseUrl) throws Exception {
        BenchHttp.Answer answer = BenchEvents.post(baseUrl, nextBatch());
        Matcher accepted = ACCEPTED.matcher(answer.body());
        if (answer.status() != 202 || !accepted.find()) {
            throw new IllegalStateException(answer.status() + " " + answer.body());
        }
        return Integer.parseInt(accepted.group(1));
    }

    /** Sends a batch of envelopes; completes with its size once every one is acknowledged. */
    private CompletableFuture<Integer> sendBatch() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        AtomicInteger outstanding = new AtomicInteger(BATCH);
        for (TaskData task : nextBatch()) {
            producer.send(
                    new ProducerRecord<>(
                            Topics.TASKS, task.sessionId(), BenchEvents.envelope(task)),
                    (metadata, error) -> {
                        if (error != null) {
                            done.completeExceptionally(error);
                        } else if (outstanding.decrementAndGet() == 0) {
                            done.complete(BATCH);
                        }
                    });
        }
        return done;
    }

    private List<TaskData> nextBatch() {
        return BenchEvents.batch(run, sequence.getAndAdd(BATCH), BATCH);
    }

    @Override
    public void close() {
        senders.shutdownNow();
        minimal.close();
        minimalProducer.close();
        producer.close();
    }
}
