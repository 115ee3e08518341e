package com.translation.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End-to-end latency at fixed loads, so that runs of different builds compare at the same load (the
 * suite's end-to-end figures are at loads derived from each run's own saturation and drain rate).
 * Each load runs through an ingest-api and a writer-worker of its own, as in the suite, with the
 * database flushing at every commit. Runs alone with {@code ./mvnw clean verify -Pbench
 * -Dit.test=EndToEndBenchmark -Dbench.e2e.rates=2800,6000,12000} (events per second) and writes
 * {@code bench/results/end-to-end.json}. It measures; it does not judge.
 */
class EndToEndBenchmark {

    private static final Duration RUN = Duration.ofSeconds(20);

    @Test
    void endToEndAtFixedLoads() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Results results = new Results("end-to-end");
        try (PipelineProcesses pipeline = PipelineProcesses.start(0, Map.of())) {
            Durability.flushEveryCommit(pipeline);
            for (int rate : rates()) {
                EndToEndBench.Measured measured = new EndToEndBench(pipeline).latency(rate, RUN);
                for (int percentile : new int[] {50, 99}) {
                    results.add(
                            "end_to_end." + rate + "_per_s.p" + percentile,
                            measured.latencies().getValueAtPercentile(percentile) / 1e6,
                            "ms",
                            "worker peak RSS " + Math.round(measured.workerPeakRssMb()) + " MB");
                }
            }
        }
        results.write(root);
        assertThat(Files.readString(root.resolve("bench/results/end-to-end.json")))
                .contains("end_to_end.");
    }

    private static List<Integer> rates() {
        return Arrays.stream(System.getProperty("bench.e2e.rates", "2800,6000,12000").split(","))
                .map(String::strip)
                .map(Integer::valueOf)
                .toList();
    }
}
