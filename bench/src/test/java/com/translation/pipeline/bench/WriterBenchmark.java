package com.translation.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The writer against the strongest raw writer (docs/benchmarks.md, "Writer"): sessions and tasks,
 * 200,000 events over 180,000 keys in 3 partitions, with the product's indexes, from a cold start,
 * with innodb_flush_log_at_trx_commit=1. Runs alone with {@code ./mvnw clean verify -Pbench
 * -Dit.test=WriterBenchmark} and writes {@code bench/results/writer.json}; {@code
 * -Dbench.worker.jfr=DIR} also records a JFR profile of each worker run there. It measures; it does
 * not judge.
 */
class WriterBenchmark {

    static final int EVENTS = Integer.getInteger("bench.drain.events", 200_000);
    static final int PARTITIONS = 3;
    static final int ROUNDS = 2;

    @Test
    void writer() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Results results = new Results("writer");
        try (PipelineProcesses pipeline = PipelineProcesses.start(0, Map.of())) {
            Durability.flushEveryCommit(pipeline);
            List<DrainBench.Drained> all = new ArrayList<>();
            for (DrainBench.Kind kind : kinds()) {
                all.addAll(compare(pipeline, kind, results));
            }
            firstRow(all, results);
        }
        results.write(root);
        assertThat(Files.readString(root.resolve("bench/results/writer.json")))
                .contains("from_first_row");
    }

    /**
     * The worker with its defaults and the best of the raw writer with 1, 2 and 3 connections,
     * interleaved; a profile of the worker when asked for.
     */
    static List<DrainBench.Drained> compare(
            PipelineProcesses pipeline, DrainBench.Kind kind, Results results) throws Exception {
        DrainBench drain = new DrainBench(pipeline, PARTITIONS, kind);
        drain.prefill(EVENTS);
        String name = "drain." + kind.name().toLowerCase(Locale.ROOT);
        List<DrainBench.Drained> ours = new ArrayList<>();
        List<DrainBench.Raw> raws = new ArrayList<>();
        Interleaved.Outcome outcome =
                Interleaved.measure(
                        ROUNDS,
                        () -> {
                            DrainBench.Raw best = null;
                            for (int connections = 1; connections <= 3; connections++) {
                                DrainBench.Raw raw = drain.raw(connections);
                                if (best == null || raw.rowsPerSecond() > best.rowsPerSecond()) {
                                    best = raw;
                                }
                            }
                            raws.add(best);
                            return best.rowsPerSecond();
                        },
                        () -> {
                            Map<String, String> settings = new HashMap<>(workerEnv());
                            settings.putAll(jfr(pipeline, name, ours.size()));
                            DrainBench.Drained run = drain.ours(1, settings);
                            ours.add(run);
                            return run.rowsPerSecond();
                        },
                        true);
        results.add(name + ".from_first_row", outcome, "events/s");
        double oursPerLaunch =
                Interleaved.median(
                        ours.stream().map(r -> drain.events() / r.coldSeconds()).toList());
        results.add(name + ".from_launch", oursPerLaunch, "events/s", "cold start included");
        results.add(
                name + ".first_row_s",
                Interleaved.median(ours.stream().map(DrainBench.Drained::firstRowSeconds).toList()),
                "s",
                "launch to the first stored offset");
        results.add(
                name + ".worker_cpu_s_per_100k",
                Interleaved.median(
                        ours.stream()
                                .map(r -> r.workerCpuSeconds() * 100_000 / drain.events())
                                .toList()),
                "CPU-s",
                "start included");
        results.add(
                name + ".database_cpu_s_per_100k",
                Interleaved.median(
                        ours.stream()
                                .map(r -> r.databaseCpuSeconds() * 100_000 / drain.events())
                                .toList()),
                "CPU-s",
                String.format(
                        Locale.ROOT,
                        "raw: %.2f",
                        Interleaved.median(
                                raws.stream()
                                        .map(r -> r.databaseCpuSeconds() * 100_000 / drain.events())
                                        .toList())));
        results.add(
                name + ".statements_per_event", ours.get(0).statementsPerEvent(), "statements", "");
        results.add(
                name + ".peak_rss",
                ours.stream().mapToDouble(DrainBench.Drained::peakRssMb).max().orElseThrow(),
                "MB",
                "VmHWM; target under 512");
        return ours;
    }

    /** {@code drain.first_row_s}: the median over every worker run, sessions and tasks. */
    static void firstRow(List<DrainBench.Drained> runs, Results results) {
        results.add(
                "drain.first_row_s",
                Interleaved.median(runs.stream().map(DrainBench.Drained::firstRowSeconds).toList()),
                "s",
                "launch to the first stored offset: JVM, migrations, group join; "
                        + runs.stream()
                                .map(r -> String.format("%.1f", r.firstRowSeconds()))
                                .toList());
    }

    /** The kinds to drain: {@code -Dbench.drain.kinds=SESSIONS,TASKS} (both by default). */
    private static List<DrainBench.Kind> kinds() {
        String names = System.getProperty("bench.drain.kinds", "SESSIONS,TASKS");
        return Arrays.stream(names.split(",")).map(DrainBench.Kind::valueOf).toList();
    }

    /**
     * Settings for the worker beside its defaults, to try others: {@code
     * -Dbench.worker.env=WORKER_CONSUMERS=3,WORKER_MAX_BATCH_RECORDS=4000}.
     */
    private static Map<String, String> workerEnv() {
        Map<String, String> env = new HashMap<>();
        for (String pair : System.getProperty("bench.worker.env", "").split(",")) {
            if (pair.contains("=")) {
                env.put(
                        pair.substring(0, pair.indexOf('=')),
                        pair.substring(pair.indexOf('=') + 1));
            }
        }
        return env;
    }

    /**
     * JFR for the worker when {@code -Dbench.worker.jfr=DIR} is set, added to the pipeline's own
     * JVM options (ops/pipeline.env).
     */
    private static Map<String, String> jfr(PipelineProcesses pipeline, String name, int run) {
        String dir = System.getProperty("bench.worker.jfr", "");
        if (dir.isEmpty()) {
            return Map.of();
        }
        return Map.of(
                "JAVA_TOOL_OPTIONS",
                pipeline.environment().getOrDefault("JAVA_TOOL_OPTIONS", "")
                        + " -XX:StartFlightRecording=settings=profile,filename="
                        + dir
                        + "/"
                        + name
                        + "-"
                        + run
                        + ".jfr");
    }
}
