package sparkbook.display.values;

import sparkbook.display.MimeBundle;
import org.apache.spark.api.java.JavaRDDLike;
import org.apache.spark.rdd.RDD;
import sparkbook.display.Bundles;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;

import java.util.ArrayList;
import java.util.List;

/**
 * An RDD as a table of its first rows. We never call {@code count()}: it runs a job over the whole
 * lineage, which for a notebook value may be huge or re-read a source. Instead we {@code take(n + 1)},
 * which usually touches one partition, and report "n+ rows" when there are more; when the RDD has at
 * most n rows the count is exact for free.
 */
public final class RddView {
    public static final int DEFAULT_ROWS = 10;

    private RddView() {}

    public static MimeBundle render(JavaRDDLike<?, ?> rdd, int rows) {
        return render(rdd.rdd(), rows);
    }

    public static MimeBundle render(RDD<?> rdd, int rows) {
        List<Object> taken = take(rdd, rows + 1);
        boolean more = taken.size() > rows;
        List<Object> shown = more ? taken.subList(0, rows) : taken;
        String size = more ? rows + "+ rows" : shown.size() + (shown.size() == 1 ? " row" : " rows");
        String title = rdd.getClass().getSimpleName() + "[" + rdd.id() + "]"
                + (rdd.name() == null ? "" : " " + rdd.name()) + " · " + rdd.getNumPartitions() + " partitions · " + size;
        Table table = ValueTables.rows(shown.iterator(), shown.size(), rows, title);
        Table captioned = new Table(title, table.header(), table.rows(), more ? "first " + rows + " rows (count() not run)" : "");
        return Bundles.html(TextTable.render(captioned), HtmlTable.render(captioned));
    }

    private static List<Object> take(RDD<?> rdd, int n) {
        Object array = rdd.take(n); // a Scala Array erases to a Java array of the element class
        int length = java.lang.reflect.Array.getLength(array);
        List<Object> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) out.add(java.lang.reflect.Array.get(array, i));
        return out;
    }
}
