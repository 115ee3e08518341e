package com.translation.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's results: a JSON file with one object per benchmark, and a table between markers of
 * docs/benchmarks.md.
 */
final class Results {

    /**
     * @param baseline the raw baseline's figure, or null where there is none (the target is named
     *     in the docs instead)
     * @param ratio ours against the baseline, 1.0 = as good as raw; null without a baseline
     * @param spread the lowest and highest per-round ratio, or what else varied
     */
    record Result(
            String name,
            double ours,
            Double baseline,
            Double ratio,
            String unit,
            String spread,
            String machine,
            String date) {}

    private final String file;
    private final String tableStart;
    private final String tableEnd;
    private final List<Result> results = new ArrayList<>();
    private final String machine =
            Runtime.getRuntime().availableProcessors()
                    + " cores, "
                    + System.getProperty("os.name")
                    + " "
                    + System.getProperty("os.arch")
                    + ", Java "
                    + System.getProperty("java.version");
    private final String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    /**
     * Results written to {@code bench/results/<name>.json} and between the markers {@code <!--
     * <name>:start -->} and {@code <!-- <name>:end -->} of docs/benchmarks.md.
     */
    Results(String name) {
        this.file = name + ".json";
        this.tableStart = "<!-- " + name + ":start -->";
        this.tableEnd = "<!-- " + name + ":end -->";
    }

    void add(String name, Interleaved.Outcome outcome, String unit) {
        add(
                name,
                outcome.ours(),
                outcome.raw(),
                outcome.ratio(),
                unit,
                String.format(Locale.ROOT, "%.2f..%.2f", outcome.ratioMin(), outcome.ratioMax()));
    }

    /** A figure of ours alone, with what it was measured against or over in {@code note}. */
    void add(String name, double ours, String unit, String note) {
        add(name, ours, null, null, unit, note);
    }

    void add(String name, double ours, Double baseline, Double ratio, String unit, String spread) {
        Result result = new Result(name, ours, baseline, ratio, unit, spread, machine, date);
        results.add(result);
        System.out.println(
                String.format(
                        Locale.ROOT,
                        "bench %s ours=%.2f baseline=%s ratio=%s %s spread=%s",
                        name,
                        ours,
                        baseline == null ? "-" : String.format(Locale.ROOT, "%.2f", baseline),
                        ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio),
                        unit,
                        spread));
    }

    /**
     * The result named {@code name}.
     *
     * @throws IllegalArgumentException when there is none
     */
    Result get(String name) {
        return results.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name));
    }

    void write(Path root) throws IOException {
        Path json = root.resolve("bench/results").resolve(file);
        Files.createDirectories(json.getParent());
        JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build()
                .writeValue(json.toFile(), results);
        Path docs = root.resolve("docs/benchmarks.md");
        String text = Files.readString(docs);
        int start = text.indexOf(tableStart);
        int end = text.indexOf(tableEnd);
        if (start < 0 || end < start) {
            throw new IllegalStateException(docs + " has no results markers");
        }
        Files.writeString(
                docs,
                text.substring(0, start + tableStart.length())
                        + "\n"
                        + table()
                        + text.substring(end));
    }

    /** Two decimals, or four significant digits below 1 (statements per event are 0.004). */
    private static String number(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < 1 ? "%.4g" : "%.2f", value);
    }

    private String table() {
        StringBuilder table =
                new StringBuilder("Run of ")
                        .append(date)
                        .append(" on ")
                        .append(machine)
                        .append(
                                ".\n\n"
                                    + "| benchmark | ours | raw baseline | ratio | unit | spread"
                                    + " |\n")
                        .append("|---|---|---|---|---|---|\n");
        for (Result r : results) {
            table.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %s | %s |%n",
                            r.name(),
                            number(r.ours()),
                            r.baseline() == null ? "-" : number(r.baseline()),
                            r.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()),
                            r.unit(),
                            r.spread()));
        }
        return table.toString();
    }
}
