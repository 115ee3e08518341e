package com.translation.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark 1 alone (docs/benchmarks.md, "Ingest"): ingest-api against the plain producer and
 * against the same work without the framework ({@link MinimalIngestServer}). Runs with {@code
 * ./mvnw clean verify -Pbench -Dit.test=IngestBenchmark} and writes {@code
 * bench/results/ingest.json}. It measures; it does not judge.
 */
class IngestBenchmark {

    @Test
    void ingest() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Results results = new Results("ingest");
        try (PipelineProcesses pipeline = PipelineProcesses.start(0, Map.of());
                IngestBench ingest = new IngestBench(pipeline, pipeline.ingest())) {
            PipelineBenchmark.ingestBenchmarks(ingest, results);
        }
        results.write(root);
        assertThat(Files.readString(root.resolve("bench/results/ingest.json")))
                .contains("ingest.saturation.vs_minimal");
    }
}
