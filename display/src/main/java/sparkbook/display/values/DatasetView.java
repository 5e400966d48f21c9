package sparkbook.display.values;

import sparkbook.display.MimeBundle;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sparkbook.display.Bundles;
import sparkbook.display.Html;
import sparkbook.display.Styles;
import sparkbook.display.table.Cell;
import sparkbook.display.table.CellText;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;

import java.util.ArrayList;
import java.util.List;

/**
 * A Dataset like {@code show()}: the first 20 rows, with column types in the HTML header. One
 * {@code take(n + 1)} job serves both the HTML and the text rendering; as with {@code show()},
 * "only showing top 20 rows" is printed when there are more. Streaming Datasets cannot be
 * collected, so they show their schema only.
 */
public final class DatasetView {
    public static final int DEFAULT_ROWS = 20;

    private DatasetView() {}

    public static MimeBundle render(Dataset<?> dataset, int rows) {
        StructType schema = dataset.schema();
        if (dataset.isStreaming()) {
            String text = "streaming Dataset: " + schema.simpleString();
            return Bundles.html(text, "<div style=\"" + Styles.NOTE + "\">" + Html.escape(text) + "</div>");
        }
        List<Row> taken = dataset.toDF().takeAsList(rows + 1);
        boolean more = taken.size() > rows;
        return table(schema, more ? taken.subList(0, rows) : taken, "", more ? "only showing top " + rows + " rows" : "");
    }

    /** Rows of {@code schema} as show() prints them (text) and as a typed HTML table. */
    public static MimeBundle table(StructType schema, List<Row> shown, String caption, String note) {
        List<String> names = new ArrayList<>();
        List<String> typed = new ArrayList<>();
        for (StructField f : schema.fields()) {
            names.add(f.name());
            typed.add(f.name() + ": " + f.dataType().simpleString());
        }
        List<List<Cell>> cells = new ArrayList<>();
        for (Row row : shown) {
            List<Cell> line = new ArrayList<>(row.length());
            for (int i = 0; i < row.length(); i++) {
                Object v = row.get(i);
                String whole = v instanceof Row r ? "{" + r.mkString(", ") + "}" : String.valueOf(v);
                line.add(new Cell(showText(v), sparkbook.display.table.Mark.NONE, whole));
            }
            cells.add(line);
        }
        String text = (caption.isEmpty() ? "" : caption + "\n") + TextTable.render(new Table("", names, cells, note));
        String html = HtmlTable.render(new Table(caption, typed, cells, note));
        return Bundles.html(text, html);
    }

    /** Cell text as show() prints it: raw values (no number grouping), truncated at 20 characters. */
    static String showText(Object value) {
        String s = value instanceof Row r ? "{" + r.mkString(", ") + "}" : CellText.plain(value);
        return s.length() <= 20 ? s : s.substring(0, 17) + "...";
    }
}
