package sparkbook.display.table;

import sparkbook.display.Html;
import sparkbook.display.Styles;

import java.util.List;

/** Renders a {@link Table} as a self-contained, theme-neutral HTML table. */
public final class HtmlTable {
    private HtmlTable() {}

    /** Columns whose every cell reads as a number or a measure ("null" aside): right-aligned, digits lined up. */
    static boolean[] numericColumns(Table table) {
        int width = table.rows().stream().mapToInt(List::size).max().orElse(0);
        boolean[] numeric = new boolean[width];
        java.util.Arrays.fill(numeric, true);
        boolean[] any = new boolean[width];
        for (var row : table.rows()) {
            for (int c = 0; c < row.size(); c++) {
                String t = row.get(c).text();
                if (t.isEmpty() || t.equals("null")) continue;
                any[c] = true;
                numeric[c] &= CellText.numeric(t);
            }
        }
        for (int c = 0; c < width; c++) numeric[c] &= any[c];
        return numeric;
    }

    public static String render(Table table) {
        StringBuilder out = new StringBuilder(256);
        out.append("<table class=\"sparkbook-table\" style=\"").append(Styles.TABLE).append("\">");
        if (!table.caption().isEmpty()) {
            out.append("<caption style=\"").append(Styles.CAPTION).append("\">")
                    .append(Html.escape(table.caption())).append("</caption>");
        }
        if (!table.header().isEmpty()) {
            out.append("<thead><tr>");
            for (String h : table.header()) {
                out.append("<th style=\"").append(Styles.HEADER_CELL).append("\">").append(Html.escape(h)).append("</th>");
            }
            out.append("</tr></thead>");
        }
        out.append("<tbody>");
        boolean[] numbers = numericColumns(table);
        for (var row : table.rows()) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                Cell cell = row.get(c);
                out.append("<td style=\"").append(Styles.CELL).append(style(cell.mark()))
                        .append(c < numbers.length && numbers[c] ? ";" + Styles.NUMBER : "").append("\"");
                if (cell.mark() != Mark.NONE) out.append(" data-mark=\"").append(cell.mark().name().toLowerCase()).append('"');
                if (!cell.full().isEmpty()) out.append(" title=\"").append(Html.escape(cell.full())).append('"');
                out.append('>').append(Html.escape(cell.text())).append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table>");
        if (!table.note().isEmpty()) {
            out.append("<div style=\"").append(Styles.NOTE).append("\">").append(Html.escape(table.note())).append("</div>");
        }
        return out.toString();
    }

    private static String style(Mark mark) {
        return switch (mark) {
            case NONE -> "";
            case GOOD -> ";" + Styles.OK;
            case BAD -> ";" + Styles.BAD;
            case CHANGED -> ";" + Styles.MARK;
            case IN_WINDOW -> ";" + Styles.IN_WINDOW;
        };
    }
}
