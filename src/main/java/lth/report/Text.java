package lth.report;

/** Cell text shared by CSV and tables, so both show a number the same way. */
final class Text {
    private Text() {}

    /**
     * null is empty; doubles print in the shortest form that round-trips (Double.toString),
     * never locale-formatted, so a CSV read back gives the same bits.
     */
    static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
