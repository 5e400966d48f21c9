package sparkbook.display.table;

import java.util.Arrays;
import java.util.Locale;

/** Formats values for cells: readable arrays, thousands separators, and a hard length cap. */
public final class CellText {
    /** Long values (e.g. a whole log line) would make tables unreadable and bloat live updates. */
    public static final int MAX_CHARS = 200;

    private CellText() {}

    public static String format(Object value) {
        String s;
        if (value == null) s = "null";
        else if (value instanceof Object[] a) s = Arrays.deepToString(a);
        else if (value.getClass().isArray()) s = primitiveArray(value);
        else if (value instanceof Long || value instanceof Integer) s = String.format(Locale.ROOT, "%,d", value);
        else if (value instanceof Double d) s = formatDouble(d);
        else if (value instanceof Float f) s = formatDouble(f.doubleValue());
        else s = String.valueOf(value);
        return truncate(s, MAX_CHARS);
    }

    /** A raw value's text without number grouping, as Spark's show() prints it. */
    public static String plain(Object value) {
        if (value == null) return "null";
        if (value instanceof Object[] a) return truncate(Arrays.deepToString(a), MAX_CHARS);
        if (value.getClass().isArray()) return truncate(primitiveArray(value), MAX_CHARS);
        return truncate(String.valueOf(value), MAX_CHARS);
    }

    /** The value's whole text (up to the hover limit), for a cell whose text was cut. */
    static String whole(Object value) {
        if (value == null) return "null";
        if (value instanceof Object[] a) return truncate(Arrays.deepToString(a), Cell.MAX_FULL);
        if (value.getClass().isArray()) return truncate(primitiveArray(value), Cell.MAX_FULL);
        return truncate(String.valueOf(value), Cell.MAX_FULL);
    }

    /** Whether a cell's text reads as a number or a measure ("1,204", "-3.5", "12 ms", "4.2 KB", "98%"): right-aligned. */
    static boolean numeric(String text) {
        return NUMERIC.matcher(text).matches();
    }

    private static final java.util.regex.Pattern NUMERIC =
            java.util.regex.Pattern.compile("[-+]?[0-9][0-9,]*(\\.[0-9]+)?( ?(%|[a-zA-Z]{1,3}(/s)?))?");

    public static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    static String formatDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return Double.toString(d);
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%,.0f", d);
        return String.format(Locale.ROOT, "%,.3f", d).replaceAll("0+$", "");
    }

    private static String primitiveArray(Object a) {
        if (a instanceof int[] x) return Arrays.toString(x);
        if (a instanceof long[] x) return Arrays.toString(x);
        if (a instanceof double[] x) return Arrays.toString(x);
        if (a instanceof float[] x) return Arrays.toString(x);
        if (a instanceof short[] x) return Arrays.toString(x);
        if (a instanceof byte[] x) return Arrays.toString(x);
        if (a instanceof char[] x) return Arrays.toString(x);
        if (a instanceof boolean[] x) return Arrays.toString(x);
        return String.valueOf(a);
    }
}
