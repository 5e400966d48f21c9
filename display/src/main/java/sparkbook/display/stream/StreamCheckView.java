package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import sparkbook.display.Bundles;
import sparkbook.display.Html;
import sparkbook.display.Styles;
import sparkbook.display.table.Cell;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Mark;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;
import sparkbook.engine.testing.BatchCheck;
import sparkbook.engine.testing.StreamCheckReport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stream test result: a pass line, or per failing batch the expected and actual output side by side
 * with differences marked. Rows are compared as multisets, so an element is marked only if the other
 * side lacks it (batch output order is rarely meaningful).
 *
 * <pre>{@code
 * StreamCheckReport report = StreamCheck.on(sc).check(List.of(List.of("a"), List.of("b")),
 *         lines -> lines.map(String::toUpperCase), List.of(List.of("A"), List.of("B")));
 * MimeBundle bundle = StreamCheckView.render("upper-case", report);
 * }</pre>
 */
public final class StreamCheckView {
    public static final int MAX_ROWS = 50;

    private StreamCheckView() {}

    /** @param name what was checked, for the headline */
    public static MimeBundle render(String name, StreamCheckReport report) {
        int checked = Math.max(report.expectedBatches(), report.batches().size());
        if (report.passed()) {
            String line = "✓ " + name + ": passed (" + checked + " batches)";
            return Bundles.html(line, "<div style=\"" + Styles.OK + "\">" + Html.escape(line) + "</div>");
        }
        List<BatchCheck> failures = report.failedBatches();
        String headline = "✗ " + name + ": " + failures.size() + " of " + checked + " batches differ";
        StringBuilder text = new StringBuilder(headline).append('\n');
        StringBuilder html = new StringBuilder("<div class=\"sparkbook-check\" style=\"color:inherit\">")
                .append("<div style=\"").append(Styles.BAD).append("\">").append(Html.escape(headline)).append("</div>");
        for (BatchCheck b : failures) {
            Table table = diff(b, report.batchIntervalMs());
            text.append(TextTable.render(table));
            html.append(HtmlTable.render(table));
        }
        return Bundles.html(text.append("(*x* = missing on the other side)\n").toString(), html.append("</div>").toString());
    }

    static Table diff(BatchCheck m, long batchIntervalMs) {
        Map<String, Integer> expectedLeft = counts(m.expected());
        Map<String, Integer> actualLeft = counts(m.actual());
        int rows = Math.min(MAX_ROWS, Math.max(m.expected().size(), m.actual().size()));
        Table.Builder table = Table.builder("#", "expected", "actual")
                .caption((m.note().isEmpty() ? "batch " + TimeText.batchTime(m.batchTimeMs(), batchIntervalMs)
                        : "batch " + m.index() + " · " + m.note()) + " · " + difference(m));
        for (int i = 0; i < rows; i++) {
            table.row(i, side(m.expected(), i, actualLeft), side(m.actual(), i, expectedLeft));
        }
        if (rows < Math.max(m.expected().size(), m.actual().size())) table.note("first " + rows + " rows");
        return table.build();
    }

    /** "same rows, different order" or "1 missing, 2 unexpected". */
    static String difference(BatchCheck b) {
        return b.onlyOrderDiffers() ? "same rows, different order"
                : b.missing().size() + " missing, " + b.unexpected().size() + " unexpected";
    }

    /** Marks the i-th element if the other side has no unmatched equal element left. */
    private static Cell side(List<?> rows, int i, Map<String, Integer> otherSide) {
        if (i >= rows.size()) return Cell.marked("—", Mark.BAD);
        String key = String.valueOf(rows.get(i));
        Integer left = otherSide.get(key);
        if (left != null && left > 0) {
            otherSide.put(key, left - 1);
            return Cell.of(rows.get(i));
        }
        return Cell.marked(rows.get(i), Mark.CHANGED);
    }

    private static Map<String, Integer> counts(List<?> rows) {
        Map<String, Integer> counts = new HashMap<>();
        for (Object r : rows) counts.merge(String.valueOf(r), 1, Integer::sum);
        return counts;
    }
}
