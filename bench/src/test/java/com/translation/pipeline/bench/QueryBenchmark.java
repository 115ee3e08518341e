package com.translation.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmark 4 alone (docs/benchmarks.md, "Query"): query-api over 1M sessions and 5M tasks against
 * the same statements over plain JDBC, and its single reads against the same work without the
 * framework ({@link MinimalQueryServer}). Runs with {@code ./mvnw clean verify -Pbench
 * -Dit.test=QueryBenchmark} and writes {@code bench/results/query.json}. It measures; it does not
 * judge.
 */
class QueryBenchmark {

    @Test
    void query() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Results results = new Results("query");
        try (PipelineProcesses pipeline = PipelineProcesses.start(0, Map.of())) {
            PipelineBenchmark.queryBenchmarks(pipeline, results);
        }
        results.write(root);
        assertThat(Files.readString(root.resolve("bench/results/query.json")))
                .contains("query.session.get.p50.vs_minimal");
    }
}
