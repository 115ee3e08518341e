package com.translation.pipeline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Latency as load grows (issue 19): open-loop runs of ours and of a baseline at the same rates,
 * fixed shares of ours' saturation, recorded as results and drawn as a PNG beside the table of
 * docs/benchmarks.md.
 */
final class LoadCurve {

    /** The shares of saturation measured, as fractions. */
    static final double[] SHARES = {0.25, 0.50, 0.75, 0.90};

    private static final double[] PERCENTILES = {50, 99};

    private LoadCurve() {}

    /** One side's open-loop run at a rate, in requests or events per second. */
    interface Side {
        Histogram run(double rate, Duration duration) throws Exception;
    }

    /**
     * One load: its share of saturation, its rate (the unit of the saturation) and the latencies
     * (nanoseconds) of each side at it.
     */
    record Point(double share, double rate, Histogram ours, Histogram baseline) {}

    /**
     * Runs both sides at each of {@link #SHARES} of {@code saturation} for {@code each}, the
     * baseline first at even shares and ours first at odd ones, lightest load first.
     */
    static List<Point> measure(double saturation, Duration each, Side baseline, Side ours)
            throws Exception {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < SHARES.length; i++) {
            double rate = saturation * SHARES[i];
            Histogram first = (i % 2 == 0 ? baseline : ours).run(rate, each);
            Histogram second = (i % 2 == 0 ? ours : baseline).run(rate, each);
            points.add(
                    new Point(
                            SHARES[i],
                            rate,
                            i % 2 == 0 ? second : first,
                            i % 2 == 0 ? first : second));
        }
        return points;
    }

    /**
     * Adds {@code <name>.at_<percent>.p50} and {@code .p99} per point: ours and the baseline in
     * milliseconds, ratio ours / baseline, the rate in the spread column.
     */
    static void record(String name, String rateUnit, List<Point> points, Results results) {
        for (Point point : points) {
            for (double percentile : PERCENTILES) {
                double ours = PipelineBenchmark.millis(point.ours(), percentile);
                double baseline = PipelineBenchmark.millis(point.baseline(), percentile);
                results.add(
                        String.format(
                                Locale.ROOT,
                                "%s.at_%d.p%d",
                                name,
                                Math.round(point.share() * 100),
                                Math.round(percentile)),
                        ours,
                        baseline,
                        ours / baseline,
                        "ms",
                        String.format(Locale.ROOT, "at %.0f %s", point.rate(), rateUnit));
            }
        }
    }

    /**
     * Draws p50 and p99 of both sides against the share of saturation ({@link Plots#lines}).
     *
     * @param saturation the rate that is 100 %, with its unit, for the axis label
     * @throws IOException when the file cannot be written
     */
    static void plot(
            Path png, String title, String saturation, String baselineName, List<Point> points)
            throws IOException {
        XYSeriesCollection series = new XYSeriesCollection();
        for (boolean ours : new boolean[] {true, false}) {
            for (double percentile : PERCENTILES) {
                XYSeries line =
                        new XYSeries(
                                (ours ? "ours" : baselineName) + " p" + Math.round(percentile));
                for (Point point : points) {
                    line.add(
                            point.share() * 100,
                            PipelineBenchmark.millis(
                                    ours ? point.ours() : point.baseline(), percentile));
                }
                series.addSeries(line);
            }
        }
        Plots.lines(png, title, "load, % of saturation (" + saturation + ")", series);
    }
}
