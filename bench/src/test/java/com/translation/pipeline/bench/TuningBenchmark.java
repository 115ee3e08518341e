package com.translation.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.local.ServiceProcess;
import com.translation.pipeline.testsupport.PipelineProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The settings that trade throughput against latency, each measured the same way, so that the
 * services' defaults are the best measured (docs/benchmarks.md, "Tuning"):
 *
 * <ul>
 *   <li>writer-worker's {@code max-batch-records}: drain rate of one worker over 6 partitions, two
 *       runs each, the second round in reverse order;
 *   <li>ingest-api's producer {@code linger.ms}: saturation, and p50 and p99 at a fixed rate every
 *       setting can serve, two rounds each, the second in reverse order.
 * </ul>
 *
 * <p>Runs with {@code ./mvnw clean verify -Pbench -Dit.test=TuningBenchmark} (about 8 minutes on
 * two cores); writes {@code bench/results/tuning.json} and the tuning table. It measures; it does
 * not judge.
 */
class TuningBenchmark {

    private static final int DRAIN_EVENTS = 100_000;
    private static final int[] MAX_BATCH_RECORDS = {500, 1000, 2000, 4000};
    private static final int[] LINGER_MS = {0, 1, 5, 10};
    private static final double LATENCY_RATE = 5_000;

    @Test
    void tuning() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Results results = new Results("tuning");
        try (PipelineProcesses pipeline = PipelineProcesses.start(0, Map.of())) {
            maxBatchRecords(pipeline, results);
            linger(pipeline, results);
        }
        results.write(root);
        assertThat(Files.readString(root.resolve("bench/results/tuning.json")))
                .contains("max-batch-records");
    }

    private static void maxBatchRecords(PipelineProcesses pipeline, Results results)
            throws Exception {
        DrainBench drain = new DrainBench(pipeline, 6);
        drain.prefill(DRAIN_EVENTS);
        List<List<Double>> rates = lists(MAX_BATCH_RECORDS.length);
        inTwoRounds(
                MAX_BATCH_RECORDS.length,
                i ->
                        rates.get(i)
                                .add(
                                        drain.ours(
                                                        1,
                                                        Map.of(
                                                                "WORKER_MAX_BATCH_RECORDS",
                                                                String.valueOf(
                                                                        MAX_BATCH_RECORDS[i])))
                                                .rowsPerSecond()));
        for (int i = 0; i < MAX_BATCH_RECORDS.length; i++) {
            results.add(
                    "worker.max-batch-records=" + MAX_BATCH_RECORDS[i],
                    Interleaved.median(rates.get(i)),
                    "rows/s",
                    "runs "
                            + rounded(rates.get(i))
                            + "; "
                            + DRAIN_EVENTS
                            + " events, 6 partitions");
        }
    }

    /**
     * One ingest-api per setting, all started first and warmed alike, then measured in two rounds,
     * the second in reverse order, so that neither warm-up nor order favours a setting.
     */
    private static void linger(PipelineProcesses pipeline, Results results) throws Exception {
        List<ServiceProcess> ingests = new ArrayList<>();
        List<IngestBench> benches = new ArrayList<>();
        try {
            for (int linger : LINGER_MS) {
                ServiceProcess ingest =
                        pipeline.startService(
                                "ingest-api-linger-" + linger,
                                "ingest-api",
                                Map.of(
                                        "SPRING_KAFKA_PRODUCER_PROPERTIES_LINGER_MS",
                                        String.valueOf(linger)));
                ingests.add(ingest);
                benches.add(new IngestBench(pipeline, ingest));
            }
            for (int i = 0; i < LINGER_MS.length; i++) {
                ingests.get(i).awaitHealthy(Duration.ofMinutes(3));
                benches.get(i).oursSaturated(Duration.ofSeconds(10));
            }
            List<List<Double>> saturations = lists(LINGER_MS.length);
            List<List<Histogram>> latencies = lists(LINGER_MS.length);
            inTwoRounds(
                    LINGER_MS.length,
                    i -> {
                        saturations
                                .get(i)
                                .add(benches.get(i).oursSaturated(Duration.ofSeconds(10)));
                        latencies
                                .get(i)
                                .add(
                                        benches.get(i)
                                                .oursLatency(LATENCY_RATE, Duration.ofSeconds(10)));
                    });
            for (int i = 0; i < LINGER_MS.length; i++) {
                String name = "ingest.linger.ms=" + LINGER_MS[i];
                results.add(
                        name + ".saturation",
                        Interleaved.median(saturations.get(i)),
                        "events/s",
                        "runs " + rounded(saturations.get(i)) + "; 8 clients");
                for (double percentile : new double[] {50, 99}) {
                    List<Double> ms =
                            latencies.get(i).stream()
                                    .map(h -> h.getValueAtPercentile(percentile) / 1e6)
                                    .toList();
                    results.add(
                            name + ".p" + (int) percentile,
                            Interleaved.median(ms),
                            "ms",
                            String.format(
                                    Locale.ROOT,
                                    "runs %s at %.0f events/s",
                                    ms.stream()
                                            .map(v -> String.format(Locale.ROOT, "%.1f", v))
                                            .toList(),
                                    LATENCY_RATE));
                }
            }
        } finally {
            benches.forEach(IngestBench::close);
            ingests.forEach(ServiceProcess::close);
        }
    }

    /** One measurement of each setting, to be run once per setting per round. */
    private interface Measurement {
        void of(int setting) throws Exception;
    }

    /**
     * Measures every setting twice, the second round in reverse order, so that neither order nor
     * warm-up favours a setting.
     */
    private static void inTwoRounds(int settings, Measurement measurement) throws Exception {
        for (int round = 0; round < 2; round++) {
            for (int step = 0; step < settings; step++) {
                measurement.of(round == 0 ? step : settings - 1 - step);
            }
        }
    }

    private static <T> List<List<T>> lists(int count) {
        List<List<T>> lists = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }
}
