package sparkbook.display.values;

import sparkbook.display.MimeBundle;
import scala.Tuple2;
import sparkbook.display.Bundles;
import sparkbook.display.table.CellText;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.RowShape;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Tables for plain Java/Scala values: records, tuples, collections, maps and arrays, each capped. */
public final class ValueTables {
    /** Rows shown for collections, maps and arrays. */
    public static final int MAX_ROWS = 50;

    private ValueTables() {}

    /** Renders any supported value; anything else gets text/plain only. */
    public static MimeBundle render(Object value) {
        if (value instanceof Record r) return bundle(record(r), value);
        if (value instanceof Tuple2<?, ?> t) return bundle(tuple(t), value);
        if (value instanceof Map<?, ?> m) return bundle(map(m, MAX_ROWS), value);
        if (value instanceof Collection<?> c) return bundle(collection(c, MAX_ROWS), value);
        if (value != null && value.getClass().isArray()) return bundle(array(value, MAX_ROWS), value);
        return Bundles.text(String.valueOf(value));
    }

    /** text/plain keeps the familiar toString() (capped) so consoles look as they always did; HTML gets the table. */
    static MimeBundle bundle(Table table, Object value) {
        return Bundles.html(CellText.truncate(CellText.plain(value), 2000), HtmlTable.render(table));
    }

    /** "List", "Set", "Map": what a reader calls it, not the implementation class (SeqWrapper, ImmutableCollections$ListN). */
    static String kind(Object value) {
        if (value instanceof java.util.List<?>) return "List";
        if (value instanceof java.util.Set<?>) return "Set";
        if (value instanceof Map<?, ?>) return "Map";
        if (value instanceof java.util.Queue<?>) return "Queue";
        return value.getClass().getSimpleName();
    }

    public static Table record(Record record) {
        Table.Builder table = Table.builder("field", "type", "value").caption(record.getClass().getSimpleName());
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            table.row(c.getName(), c.getType().getSimpleName(), RowShape.component(record, c));
        }
        return table.build();
    }

    public static Table tuple(Tuple2<?, ?> tuple) {
        return Table.builder("_1", "_2").caption("Tuple2").row(tuple._1(), tuple._2()).build();
    }

    public static Table map(Map<?, ?> map, int maxRows) {
        Table.Builder table = Table.builder("key", "value").caption(kind(map) + " · " + map.size() + " entries");
        int shown = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (shown++ == maxRows) break;
            table.row(e.getKey(), e.getValue());
        }
        if (map.size() > maxRows) table.note("first " + maxRows + " of " + map.size() + " entries");
        return table.build();
    }

    public static Table collection(Collection<?> items, int maxRows) {
        return rows(items.iterator(), items.size(), maxRows, kind(items));
    }

    public static Table array(Object array, int maxRows) {
        int length = Array.getLength(array);
        List<Object> head = new ArrayList<>(Math.min(length, maxRows));
        for (int i = 0; i < Math.min(length, maxRows); i++) head.add(Array.get(array, i));
        return rows(head.iterator(), length, maxRows, array.getClass().getComponentType().getSimpleName() + "[]");
    }

    /** One row per element, split into columns when elements are tuples, Rows or records. */
    public static Table rows(Iterator<?> items, int size, int maxRows, String kind) {
        List<Object> head = new ArrayList<>();
        while (items.hasNext() && head.size() < maxRows) head.add(items.next());
        List<String> columns = new ArrayList<>(List.of("#"));
        List<String> shape = head.isEmpty() ? List.of("value") : RowShape.columns(head.get(0));
        columns.addAll(shape);
        Table.Builder table = Table.builder(columns).caption(kind + " · " + size + (size == 1 ? " element" : " elements"));
        for (int i = 0; i < head.size(); i++) {
            List<Object> cells = new ArrayList<>();
            cells.add(i);
            cells.addAll(RowShape.cells(head.get(i), shape));
            table.row(cells);
        }
        if (size > head.size()) table.note("first " + head.size() + " of " + size);
        return table.build();
    }
}
