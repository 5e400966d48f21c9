package sparkbook.display.table;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Table} as text in the style of Spark's {@code Dataset.show()} ({@code +---+} borders).
 * Marked cells get a sigil because consoles have no colour: {@code *x*} changed/bad, {@code [x]} in window.
 */
public final class TextTable {
    private TextTable() {}

    public static String render(Table table) {
        List<List<String>> lines = new ArrayList<>();
        for (var row : table.rows()) lines.add(row.stream().map(TextTable::text).toList());
        int columns = table.header().size();
        for (var l : lines) columns = Math.max(columns, l.size());
        int[] widths = new int[columns];
        for (int c = 0; c < table.header().size(); c++) widths[c] = table.header().get(c).length();
        for (var l : lines) for (int c = 0; c < l.size(); c++) widths[c] = Math.max(widths[c], l.get(c).length());

        StringBuilder out = new StringBuilder();
        if (!table.caption().isEmpty()) out.append(table.caption()).append('\n');
        String border = border(widths);
        out.append(border);
        if (!table.header().isEmpty()) {
            out.append(line(table.header(), widths)).append(border);
        }
        for (var l : lines) out.append(line(l, widths));
        if (!lines.isEmpty()) out.append(border);
        if (!table.note().isEmpty()) out.append(table.note()).append('\n');
        return out.toString();
    }

    private static String text(Cell cell) {
        String t = cell.text().replace('\n', ' ');
        return switch (cell.mark()) {
            case CHANGED, BAD -> "*" + t + "*";
            case IN_WINDOW -> "[" + t + "]";
            default -> t;
        };
    }

    private static String border(int[] widths) {
        StringBuilder b = new StringBuilder("+");
        for (int w : widths) b.append("-".repeat(w)).append('+');
        return b.append('\n').toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            String s = c < cells.size() ? cells.get(c) : "";
            b.append(" ".repeat(widths[c] - s.length())).append(s).append('|');
        }
        return b.append('\n').toString();
    }
}
