package com.translation.pipeline.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/** The benchmarks' plots: PNG files that docs/benchmarks.md shows beside its tables. */
final class Plots {

    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)
    };

    private Plots() {}

    /**
     * Draws {@code series} as lines with points, latency in milliseconds on a log axis, as an 800 x
     * 480 PNG (JFreeChart, headless). Series come in pairs of one colour, p50 then p99: series
     * named {@code ... p99} are dashed.
     *
     * @throws IOException when the file cannot be written
     */
    static void lines(Path png, String title, String xLabel, XYSeriesCollection series)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        title,
                        xLabel,
                        "latency, ms",
                        series,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        XYPlot plot = chart.getXYPlot();
        LogarithmicAxis latency = new LogarithmicAxis("latency, ms (log scale)");
        latency.setAutoRangeNextLogFlag(true);
        plot.setRangeAxis(latency);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        BasicStroke solid = new BasicStroke(2f);
        BasicStroke dashed =
                new BasicStroke(
                        2f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {6f, 4f},
                        0f);
        for (int s = 0; s < series.getSeriesCount(); s++) {
            boolean p99 = series.getSeriesKey(s).toString().endsWith("p99");
            renderer.setSeriesPaint(s, COLOURS[(s / 2) % COLOURS.length]);
            renderer.setSeriesStroke(s, p99 ? dashed : solid);
        }
        plot.setRenderer(renderer);
        Files.createDirectories(png.getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 800, 480);
    }
}
