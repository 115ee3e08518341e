package com.translation.pipeline.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Measures a baseline and our pipeline interleaved, raw, ours, ours, raw, ..., so that a noisy
 * neighbour hits both alike, and reports the medians and the spread of the per-round ratios.
 */
final class Interleaved {

    private Interleaved() {}

    record Outcome(double raw, double ours, double ratio, double ratioMin, double ratioMax) {}

    /**
     * @param rounds pairs of measurements of each side
     * @param higherIsBetter true for throughput (ratio ours/raw), false for latency (raw/ours)
     */
    static Outcome measure(
            int rounds, Callable<Double> raw, Callable<Double> ours, boolean higherIsBetter)
            throws Exception {
        List<Double> raws = new ArrayList<>();
        List<Double> ourss = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                raws.add(raw.call());
                ourss.add(ours.call());
            } else {
                ourss.add(ours.call());
                raws.add(raw.call());
            }
        }
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            ratios.add(higherIsBetter ? ourss.get(r) / raws.get(r) : raws.get(r) / ourss.get(r));
        }
        return new Outcome(
                median(raws),
                median(ourss),
                median(ratios),
                Collections.min(ratios),
                Collections.max(ratios));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
