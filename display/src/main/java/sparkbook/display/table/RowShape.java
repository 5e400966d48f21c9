package sparkbook.display.table;

import org.apache.spark.sql.Row;
import scala.Product;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a row-like value into columns so collections of tuples, Rows and records become real
 * tables instead of one column of toString()s. The first element decides the shape.
 */
public final class RowShape {
    private RowShape() {}

    /** Column names for rows shaped like {@code sample}; a single "value" column for scalars. */
    public static List<String> columns(Object sample) {
        if (sample instanceof Row row && row.schema() != null) return List.of(row.schema().fieldNames());
        if (sample instanceof Row row) return numbered(row.length(), "c");
        if (sample instanceof Map.Entry<?, ?>) return List.of("key", "value");
        if (sample instanceof Record record) {
            List<String> names = new ArrayList<>();
            for (RecordComponent c : record.getClass().getRecordComponents()) names.add(c.getName());
            return names;
        }
        if (sample instanceof Product p && p.productArity() > 0 && p.productArity() <= 22) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < p.productArity(); i++) names.add(p.productElementName(i));
            return names;
        }
        return List.of("value");
    }

    /** The cells of {@code row} under {@code columns}; a row of another shape falls back to one cell. */
    public static List<Object> cells(Object row, List<String> columns) {
        List<Object> cells = new ArrayList<>(columns.size());
        if (row instanceof Row r && r.length() == columns.size()) {
            for (int i = 0; i < r.length(); i++) cells.add(r.get(i));
        } else if (row instanceof Map.Entry<?, ?> e && columns.size() == 2) {
            cells.add(e.getKey());
            cells.add(e.getValue());
        } else if (row instanceof Record record && record.getClass().getRecordComponents().length == columns.size()) {
            for (RecordComponent c : record.getClass().getRecordComponents()) cells.add(component(record, c));
        } else if (row instanceof Product p && !(row instanceof Row) && p.productArity() == columns.size()
                && columns.size() > 1) {
            for (int i = 0; i < p.productArity(); i++) cells.add(p.productElement(i));
        } else {
            cells.add(row);
            while (cells.size() < columns.size()) cells.add("");
        }
        return cells;
    }

    /** A record component's value, or "&lt;Exception&gt;" when it cannot be read. */
    public static Object component(Record record, RecordComponent c) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true); // records declared in JShell snippets are not public
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "<" + e.getClass().getSimpleName() + ">";
        }
    }

    private static List<String> numbered(int n, String prefix) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) names.add(prefix + i);
        return names;
    }
}
