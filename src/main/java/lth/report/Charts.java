package lth.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts for the report, rendered headless to PNG bytes with XChart. */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;
    public static final String PM_AXIS = "Pm (% weights remaining)";

    static {
        // Charts are drawn in test JVMs without a display.
        System.setProperty("java.awt.headless", "true");
    }

    /** One arm (e.g. "winning ticket", "random reinit"): its Pm levels and the per-seed values. */
    public record ArmSeries(String arm, double[] pm, double[][] perSeed) {
        public ArmSeries {
            Objects.requireNonNull(arm, "arm");
            if (pm.length != perSeed.length) {
                throw new IllegalArgumentException(arm + ": " + pm.length + " levels but " + perSeed.length + " seed rows");
            }
        }
    }

    /** A value the paper reports (read off a figure or table), drawn as a separate marker. */
    public record PaperPoint(String label, double pm, double value) {}

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    private static final Marker[] PAPER_MARKERS = {
        SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_DOWN,
        SeriesMarkers.CROSS, SeriesMarkers.PLUS};

    private Charts() {}

    /**
     * Metric vs Pm as in the paper's figures: per arm the mean over seeds as a line, the seed spread
     * as min–max bars (the paper's own error bars are min/max, not std), the paper's points as
     * distinct black markers (one shape per label). Pm decreases left to right like the paper; XChart cannot reverse
     * an axis, so x is plotted negated (or as -log10 Pm) and the tick labels are mapped back.
     */
    public static byte[] metricVsPm(String title, String yLabel, List<ArmSeries> arms, List<PaperPoint> paper,
            boolean logX) {
        DoubleUnaryOperator toX = logX ? pm -> -Math.log10(pm) : pm -> -pm;
        DoubleUnaryOperator fromX = logX ? x -> Math.pow(10, -x) : x -> -x;
        XYChart chart = newChart(title, PM_AXIS, yLabel);
        chart.setCustomXAxisTickLabelsFormatter(x -> formatPm(fromX.applyAsDouble(x)));

        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < arms.size(); a++) {
            ArmSeries arm = arms.get(a);
            Color color = PALETTE[a % PALETTE.length];
            int n = arm.pm().length;
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = toX.applyAsDouble(arm.pm()[i]);
                double[] s = arm.perSeed()[i];
                mean[i] = Arrays.stream(s).filter(Double::isFinite).average().orElse(Double.NaN);
                lo[i] = Arrays.stream(s).filter(Double::isFinite).min().orElse(Double.NaN);
                hi[i] = Arrays.stream(s).filter(Double::isFinite).max().orElse(Double.NaN);
                minX = Math.min(minX, x[i]);
                maxX = Math.max(maxX, x[i]);
            }
            XYSeries line = chart.addSeries(arm.arm(), x, mean);
            line.setLineColor(color);
            line.setMarkerColor(color);
            line.setMarker(SeriesMarkers.CIRCLE);
            addMinMaxBars(chart, arm.arm() + " (min–max)", x, lo, hi, color);
        }

        List<String> labels = new ArrayList<>();
        for (PaperPoint p : paper) {
            if (!labels.contains(p.label())) {
                labels.add(p.label());
            }
        }
        for (int l = 0; l < labels.size(); l++) {
            String label = labels.get(l);
            List<PaperPoint> pts = paper.stream().filter(p -> p.label().equals(label)).toList();
            double[] x = pts.stream().mapToDouble(p -> toX.applyAsDouble(p.pm())).toArray();
            double[] y = pts.stream().mapToDouble(PaperPoint::value).toArray();
            for (double v : x) {
                minX = Math.min(minX, v);
                maxX = Math.max(maxX, v);
            }
            XYSeries s = chart.addSeries(uniqueName(chart, label), x, y);
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            s.setMarker(PAPER_MARKERS[l % PAPER_MARKERS.length]);
            s.setMarkerColor(Color.BLACK); // black so paper points never pass for one of our arms
        }
        if (minX < maxX) {
            // A little room so bars and markers at the ends are not clipped by the plot border.
            double pad = (maxX - minX) * 0.03;
            chart.getStyler().setXAxisMin(minX - pad);
            chart.getStyler().setXAxisMax(maxX + pad);
        }
        return png(chart);
    }

    /** Plain lines, e.g. validation loss vs iteration: xy maps a series name to {xs, ys}. */
    public static byte[] curve(String title, String xLabel, String yLabel, Map<String, double[][]> xy) {
        XYChart chart = newChart(title, xLabel, yLabel);
        int i = 0;
        for (Map.Entry<String, double[][]> e : xy.entrySet()) {
            double[][] v = e.getValue();
            if (v.length != 2 || v[0].length != v[1].length) {
                throw new IllegalArgumentException(e.getKey() + ": expected {xs, ys} of equal length");
            }
            XYSeries s = chart.addSeries(e.getKey(), v[0], v[1]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[i++ % PALETTE.length]);
        }
        return png(chart);
    }

    static String formatPm(double pm) {
        // The paper labels Pm with up to one decimal (100, 51.3, 7.0, 1.9) and smaller ones finer.
        String pattern = pm >= 10 ? "0.#" : pm >= 1 ? "0.0#" : "0.0##";
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(pm);
    }

    private static XYChart newChart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setAntiAlias(true);
        return chart;
    }

    /**
     * XChart's error bars are symmetric, min–max is not: draw each bar (with caps) as segments of one
     * series separated by NaN, which XChart treats as a gap in the line.
     */
    private static void addMinMaxBars(XYChart chart, String name, double[] x, double[] lo, double[] hi, Color color) {
        double span = Arrays.stream(x).max().orElse(0) - Arrays.stream(x).min().orElse(0);
        double cap = span > 0 ? span * 0.006 : 0.01;
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(lo[i]) || lo[i] == hi[i]) {
                continue; // a single seed has no spread to show
            }
            addSegment(xs, ys, x[i], lo[i], x[i], hi[i]);
            addSegment(xs, ys, x[i] - cap, lo[i], x[i] + cap, lo[i]);
            addSegment(xs, ys, x[i] - cap, hi[i], x[i] + cap, hi[i]);
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries bars = chart.addSeries(name, xs, ys);
        bars.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setLineColor(color);
        bars.setLineStyle(new BasicStroke(1.2f));
        bars.setShowInLegend(false);
    }

    static void addSegment(List<Double> xs, List<Double> ys, double x0, double y0, double x1, double y1) {
        xs.add(x0);
        ys.add(y0);
        xs.add(x1);
        ys.add(y1);
        xs.add(x1);
        ys.add(Double.NaN);
    }

    private static String uniqueName(XYChart chart, String name) {
        String n = name;
        while (chart.getSeriesMap().containsKey(n)) {
            n = n + " ";
        }
        return n;
    }

    static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
