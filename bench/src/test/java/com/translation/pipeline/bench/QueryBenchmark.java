package com.translation.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.translation.pipeline.testsupport.PipelineProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * Benchmark 4 alone (docs/benchmarks.md, "Query"): query-api over 1M sessions and 5M tasks against
 * the same statements over plain JDBC and against the same work without the framework ({@link
 * MinimalQueryServer}); then how its cost grows: a single read at 25 to 90 % of its saturation
 * (open loop, {@code docs/images/query-load.png}) and the session reads over 1M and over {@code
 * -Dbench.query.large_sessions} sessions (default 10M, {@code docs/images/query-scale.png}). Runs
 * with {@code ./mvnw clean verify -Pbench -Dit.test=QueryBenchmark} and writes {@code
 * bench/results/query.json}. It measures; it does not judge.
 */
class QueryBenchmark {

    /** Clients that saturate a single read, each a request at a time: two per core. */
    private static final int SATURATION_CLIENTS = 4;

    private static final Duration SATURATION_RUN = Duration.ofSeconds(10);
    private static final Duration LOAD_RUN = Duration.ofSeconds(10);

    /** The reads measured again over the large table: those whose cost may grow with it. */
    private static final List<String> SCALED =
            List.of(
                    "query.session.get",
                    "query.sessions.by_user.page_1",
                    "query.sessions.keyset.page_2",
                    "query.sessions.keyset.page_10000");

    @Test
    void query() throws Exception {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        Results results = new Results("query");
        try (PipelineProcesses pipeline = PipelineProcesses.start(0, Map.of())) {
            PipelineBenchmark.queryBenchmarks(pipeline, results);
            costAsItGrows(pipeline, root, results);
        }
        results.write(root);
        assertThat(Files.readString(root.resolve("bench/results/query.json")))
                .contains("query.session.get.p50.vs_minimal")
                .contains("query.sessions.by_user.page_1.p50.vs_minimal")
                .contains("query.session.get.load.at_90.p99")
                .contains("query.scale.large.session.get.p50.0");
        assertThat(root.resolve("docs/images/query-load.png")).isNotEmptyFile();
        assertThat(root.resolve("docs/images/query-scale.png")).isNotEmptyFile();
    }

    /**
     * After {@link PipelineBenchmark#queryBenchmarks}, on its data: a single read at 25 to 90 % of
     * its saturation, then the session reads over the fill and over {@code
     * -Dbench.query.large_sessions} sessions (default 10M), with their plots.
     */
    static void costAsItGrows(PipelineProcesses pipeline, Path root, Results results)
            throws Exception {
        int large = Integer.getInteger("bench.query.large_sessions", QueryBench.MAX_SESSIONS);
        QueryBench query = new QueryBench(pipeline);
        try (MinimalQueryServer minimal =
                new MinimalQueryServer(query.reads(), PipelineProcesses.READ_KEY)) {
            loadCurve(pipeline, query, minimal, root, results);
            scale(pipeline, query, large, root, results);
        }
    }

    /**
     * A session by id: the saturation of query-api and of the minimal server, then both at 25, 50,
     * 75 and 90 % of query-api's, open loop.
     */
    private static void loadCurve(
            PipelineProcesses pipeline,
            QueryBench query,
            MinimalQueryServer minimal,
            Path root,
            Results results)
            throws Exception {
        QueryBench.Query get = query.queries().get(0);
        String ours = pipeline.query().baseUrl();
        double saturation = QueryBench.saturated(get, ours, SATURATION_CLIENTS, SATURATION_RUN);
        double minimalSaturation =
                QueryBench.saturated(get, minimal.baseUrl(), SATURATION_CLIENTS, SATURATION_RUN);
        results.add(
                "query.session.get.saturation.vs_minimal",
                saturation,
                minimalSaturation,
                saturation / minimalSaturation,
                "requests/s",
                SATURATION_CLIENTS + " clients back to back, one run each");
        ExecutorService senders = Executors.newFixedThreadPool(64);
        try {
            List<LoadCurve.Point> points =
                    LoadCurve.measure(
                            saturation,
                            LOAD_RUN,
                            (rate, duration) ->
                                    QueryBench.openLoop(
                                            get, minimal.baseUrl(), rate, duration, senders),
                            (rate, duration) ->
                                    QueryBench.openLoop(get, ours, rate, duration, senders));
            LoadCurve.record("query.session.get.load", "requests/s", points, results);
            LoadCurve.plot(
                    root.resolve("docs/images/query-load.png"),
                    "query-api, a session by id, open loop",
                    String.format(Locale.ROOT, "%.0f requests/s", saturation),
                    "minimal server",
                    points);
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * The session reads of {@link #SCALED} against their statements over JDBC over the 1M sessions
     * of the fill, then again after the table has grown to {@code large} sessions and the database
     * has written it out.
     */
    private static void scale(
            PipelineProcesses pipeline, QueryBench query, int large, Path root, Results results)
            throws Exception {
        measureScaled(query, "small", query.queries(), results);
        results.add(
                "query.scale.fill",
                query.grow(QueryBench.SESSIONS, large),
                "s",
                "sessions " + QueryBench.SESSIONS + " to " + large + ", INSERT ... SELECT");
        results.add(
                "query.scale.settle",
                Cpu.awaitQuiet(Cpu.databasePid(pipeline), Duration.ofMinutes(5)),
                "s",
                "until the database used under a tenth of a core over 5 s");
        measureScaled(query, "large", query.queries(large), results);
        XYSeriesCollection series = new XYSeriesCollection();
        for (String name : SCALED) {
            String shortName = name.substring("query.".length());
            for (String percentile : List.of("p50", "p99")) {
                XYSeries line = new XYSeries(shortName + " " + percentile);
                line.add(QueryBench.SESSIONS / 1e6, scaled(results, "small", name, percentile));
                line.add(large / 1e6, scaled(results, "large", name, percentile));
                series.addSeries(line);
            }
        }
        Plots.lines(
                root.resolve("docs/images/query-scale.png"),
                "query-api as the sessions grow, one client back to back",
                "sessions, millions",
                series);
    }

    private static void measureScaled(
            QueryBench query, String size, List<QueryBench.Query> queries, Results results)
            throws Exception {
        for (QueryBench.Query each : queries) {
            if (!SCALED.contains(each.name())) {
                continue;
            }
            query.raw(each, PipelineBenchmark.QUERY_WARM_UP);
            query.ours(each, PipelineBenchmark.QUERY_WARM_UP);
            PipelineBenchmark.latencies(
                    scaledName(size, each.name()),
                    "",
                    () -> query.raw(each, PipelineBenchmark.QUERY_REQUESTS),
                    () -> query.ours(each, PipelineBenchmark.QUERY_REQUESTS),
                    new double[] {50, 99},
                    results);
        }
    }

    private static String scaledName(String size, String name) {
        return "query.scale." + size + "." + name.substring("query.".length());
    }

    private static double scaled(Results results, String size, String name, String percentile) {
        return results.get(scaledName(size, name) + "." + percentile + ".0").ours();
    }
}
