package com.translation.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark 1 alone (docs/benchmarks.md, "Ingest"): ingest-api against the plain producer and
 * against the same work without the framework ({@link MinimalIngestServer}), then both ingest-api
 * and the producer at 25, 50, 75 and 90 % of ingest-api's saturation, open loop ({@code
 * docs/images/ingest-load.png}). Runs with {@code ./mvnw clean verify -Pbench
 * -Dit.test=IngestBenchmark} and writes {@code bench/results/ingest.json}. It measures; it does not
 * judge.
 */
class IngestBenchmark {

    private static final Duration LOAD_RUN = Duration.ofSeconds(10);

    /**
     * After {@link PipelineBenchmark#ingestBenchmarks}: ingest-api and the plain producer at 25,
     * 50, 75 and 90 % of ingest-api's saturation, open loop, with the plot.
     */
    static void loadCurve(IngestBench ingest, Path root, Results results) throws Exception {
        double saturation = results.get("ingest.saturation").ours();
        List<LoadCurve.Point> points =
                LoadCurve.measure(saturation, LOAD_RUN, ingest::rawLatency, ingest::oursLatency);
        LoadCurve.record("ingest.load", "events/s", points, results);
        LoadCurve.plot(
                root.resolve("docs/images/ingest-load.png"),
                "ingest-api, batches of " + IngestBench.BATCH + " tasks, open loop",
                String.format(Locale.ROOT, "%.0f events/s", saturation),
                "plain producer",
                points);
    }

    @Test
    void ingest() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Results results = new Results("ingest");
        try (PipelineProcesses pipeline = PipelineProcesses.start(0, Map.of());
                IngestBench ingest = new IngestBench(pipeline, pipeline.ingest())) {
            PipelineBenchmark.ingestBenchmarks(ingest, results);
            loadCurve(ingest, root, results);
        }
        results.write(root);
        assertThat(Files.readString(root.resolve("bench/results/ingest.json")))
                .contains("ingest.saturation.vs_minimal")
                .contains("ingest.load.at_90.p99");
        assertThat(root.resolve("docs/images/ingest-load.png")).isNotEmptyFile();
    }
}
