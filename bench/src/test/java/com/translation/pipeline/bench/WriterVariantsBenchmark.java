package com.translation.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Settings of the writer side by side, the way the defaults were chosen (docs/benchmarks.md,
 * "Writer"): each variant drains the same prefilled topic twice, the second round in reverse order,
 * against the strongest raw writer measured once per kind for scale. Runs alone with {@code ./mvnw
 * clean verify -Pbench -Dit.test=WriterVariantsBenchmark
 * -Dbench.worker.variants="one:WORKER_CONSUMERS=1;three:WORKER_CONSUMERS=3"} and writes {@code
 * bench/results/writer-variants.json}. It measures; it does not judge.
 */
class WriterVariantsBenchmark {

    @Test
    void writerVariants() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Map<String, Map<String, String>> variants = parseVariants();
        Results results = new Results("writer-variants");
        try (PipelineProcesses pipeline = PipelineProcesses.start(0, Map.of())) {
            Durability.flushEveryCommit(pipeline);
            for (String kindName : System.getProperty("bench.drain.kinds", "SESSIONS").split(",")) {
                DrainBench.Kind kind = DrainBench.Kind.valueOf(kindName);
                DrainBench drain = new DrainBench(pipeline, WriterBenchmark.PARTITIONS, kind);
                drain.prefill(WriterBenchmark.EVENTS);
                double raw = 0;
                for (int connections = 1; connections <= 3; connections++) {
                    raw = Math.max(raw, drain.raw(connections).rowsPerSecond());
                }
                Map<String, List<DrainBench.Drained>> runs = new LinkedHashMap<>();
                List<String> order = new ArrayList<>(variants.keySet());
                for (int round = 0; round < 2; round++) {
                    for (String name : order) {
                        runs.computeIfAbsent(name, n -> new ArrayList<>())
                                .add(drain.ours(1, variants.get(name)));
                    }
                    Collections.reverse(order);
                }
                String prefix = "drain." + kindName.toLowerCase(Locale.ROOT) + ".";
                for (Map.Entry<String, List<DrainBench.Drained>> variant : runs.entrySet()) {
                    List<DrainBench.Drained> drained = variant.getValue();
                    double rate =
                            Interleaved.median(
                                    drained.stream()
                                            .map(DrainBench.Drained::rowsPerSecond)
                                            .toList());
                    results.add(
                            prefix + variant.getKey(),
                            rate,
                            raw,
                            rate / raw,
                            "events/s",
                            String.format(
                                    Locale.ROOT,
                                    "runs %s; first row %s s; worker CPU-s %s; database CPU-s %s",
                                    drained.stream()
                                            .map(d -> Math.round(d.rowsPerSecond()))
                                            .toList(),
                                    drained.stream()
                                            .map(d -> String.format("%.1f", d.firstRowSeconds()))
                                            .toList(),
                                    drained.stream()
                                            .map(d -> String.format("%.1f", d.workerCpuSeconds()))
                                            .toList(),
                                    drained.stream()
                                            .map(d -> String.format("%.1f", d.databaseCpuSeconds()))
                                            .toList()));
                }
            }
        }
        results.write(root);
        assertThat(Files.readString(root.resolve("bench/results/writer-variants.json")))
                .contains("drain.");
    }

    /** {@code name:K=V,K=V;name:...}; a variant without settings runs the defaults. */
    private static Map<String, Map<String, String>> parseVariants() {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        for (String variant : System.getProperty("bench.worker.variants", "defaults:").split(";")) {
            String name = variant.substring(0, variant.indexOf(':'));
            Map<String, String> env = new LinkedHashMap<>();
            for (String pair : variant.substring(variant.indexOf(':') + 1).split(",")) {
                if (pair.contains("=")) {
                    env.put(
                            pair.substring(0, pair.indexOf('=')),
                            pair.substring(pair.indexOf('=') + 1));
                }
            }
            variants.put(name, env);
        }
        return variants;
    }
}
