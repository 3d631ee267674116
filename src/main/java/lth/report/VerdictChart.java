package lth.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A tier's verdicts in one picture (a forest plot): per case, the mean effect over seeds and its 90% CI,
 * in units of the smallest effect its claim names, so that cases measured in percentage points and in
 * relative early-stop iterations share one axis: 0 is no effect, 1 an effect as large as claimed (for an
 * equivalence claim, ±1 its bound). A short grey tick on each row marks what its test is against (the
 * margin; −2 for a non-inferiority margin of −1pp on a 0.5pp claim). Colour is the verdict. Intervals
 * beyond the axis are cut at its edge; each row's label gives the numbers in the claim's own units.
 */
public final class VerdictChart {
    /** One case: its label, verdict and test, and mean, CI, margin and smallest effect in the comparison's units. */
    public record Case(String label, String verdict, String test, double mean, double lo, double hi, double margin,
                       double minEffect) {
        double scale() { return Math.abs(minEffect); }
    }

    static final double X_MIN = -3, X_MAX = 6;
    private static final Map<String, Color> COLORS = Map.of("REPRODUCED", new Color(0x2ca02c),
            "NOT_REPRODUCED", new Color(0xd62728), "INCONCLUSIVE", new Color(0x7f7f7f));

    private VerdictChart() { }

    public static byte[] forest(String title, List<Case> cases) {
        if (cases.isEmpty()) throw new IllegalArgumentException("no verdicts to draw");
        int n = cases.size();
        XYChart chart = new XYChartBuilder().width(1700).height(150 + 34 * n).title(title)
                .xAxisTitle("effect ÷ the smallest effect the claim names (0: none; 1: as large as claimed)").build();
        var st = chart.getStyler();
        st.setLegendPosition(LegendPosition.OutsideS);
        st.setChartBackgroundColor(Color.WHITE);
        st.setAntiAlias(true);
        st.setXAxisMin(X_MIN);
        st.setXAxisMax(X_MAX);
        st.setYAxisMin(-0.6);
        st.setYAxisMax(n - 0.4);
        st.setYAxisTickMarkSpacingHint(30);
        st.setYAxisLabelAlignment(org.knowm.xchart.style.AxesChartStyler.TextAlignment.Right);
        for (double x : new double[]{0, 1}) {
            AnnotationLine line = new AnnotationLine(x, true, false);
            chart.addAnnotation(line);
        }
        st.setAnnotationLineColor(new Color(0x555555));
        st.setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 4f}, 0f));

        List<Double> mx = new ArrayList<>(), my = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Case c = cases.get(i);
            double y = n - 1 - i, s = c.scale();
            if (!(s > 0)) throw new IllegalArgumentException(c.label() + ": no smallest effect to scale by");
            Charts.addSegment(mx, my, clip(c.margin() / s), y - 0.3, clip(c.margin() / s), y + 0.3);
            if (c.test().equals("equivalence")) Charts.addSegment(mx, my, clip(-c.margin() / s), y - 0.3, clip(-c.margin() / s), y + 0.3);
        }
        XYSeries margins = chart.addSeries("what the test is against: the margin (equivalence: ±its bound)", mx, my);
        style(margins, new Color(0x999999), 3f);

        for (String verdict : List.of("REPRODUCED", "NOT_REPRODUCED", "INCONCLUSIVE")) {
            List<Double> cx = new ArrayList<>(), cy = new ArrayList<>(), px = new ArrayList<>(), py = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Case c = cases.get(i);
                if (!c.verdict().equals(verdict)) continue;
                double y = n - 1 - i, s = c.scale();
                if (Double.isFinite(c.lo()) && Double.isFinite(c.hi())) Charts.addSegment(cx, cy, clip(c.lo() / s), y, clip(c.hi() / s), y);
                px.add(clip(c.mean() / s));
                py.add(y);
            }
            if (px.isEmpty()) continue;
            Color color = COLORS.get(verdict);
            if (!cx.isEmpty()) {
                XYSeries ci = chart.addSeries(verdict + " (90% CI)", cx, cy);
                style(ci, color, 2.5f);
                ci.setShowInLegend(false);
            }
            XYSeries mean = chart.addSeries(verdict.replace('_', ' '), px, py);
            mean.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            mean.setMarker(SeriesMarkers.DIAMOND);
            mean.setMarkerColor(color);
        }
        chart.setCustomYAxisTickLabelsFormatter(y -> label(cases, y));   // set after the series, or XChart drops it
        return Charts.png(chart);
    }

    /**
     * The row label at an integer tick of the y axis (rows from the top), blank elsewhere: blanks of distinct
     * lengths, because XChart widens the tick step until no two tick labels are equal.
     */
    static String label(List<Case> cases, double y) {
        long r = Math.round(y);
        if (Math.abs(y - r) > 1e-6 || r < 0 || r >= cases.size()) return " ".repeat(1 + (int) Math.max(0, Math.floor(y + 1)));
        return cases.get(cases.size() - 1 - (int) r).label();
    }

    static double clip(double x) { return Math.max(X_MIN, Math.min(X_MAX, x)); }

    private static void style(XYSeries s, Color color, float width) {
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width));
    }

    /** "+0.55pp (+0.40..+0.71)" or "+30% (+22..+36%)": a case's numbers in its own units. */
    public static String numbers(double mean, double lo, double hi, boolean relative) {
        return relative
                ? String.format(Locale.ROOT, "%+.0f%% (%+.0f..%+.0f%%)", 100 * mean, 100 * lo, 100 * hi)
                : String.format(Locale.ROOT, "%+.2fpp (%+.2f..%+.2f)", mean, lo, hi);
    }
}
