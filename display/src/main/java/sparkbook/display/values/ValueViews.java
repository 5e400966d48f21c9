package sparkbook.display.values;

import org.apache.spark.api.java.JavaRDDLike;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import scala.Tuple2;
import sparkbook.display.MimeBundle;
import sparkbook.display.stream.StreamCheckView;
import sparkbook.engine.testing.StreamCheckReport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which Spark and Java values get a table, and how many rows by default: Datasets like {@code show()} with the
 * schema, RDDs with a sample and count, tuples, records, maps, collections and arrays. The kernel registers each
 * with its renderer; nothing is registered for {@code Object}, so other values keep their {@code toString()}.
 */
public final class ValueViews {
    private ValueViews() {}

    /** Builds a bundle for a value under a row cap. */
    @FunctionalInterface
    public interface View<T> {
        MimeBundle render(T value, int rows);
    }

    /** The view for values of {@code type}. */
    public record ViewOf<T>(Class<T> type, View<? super T> view, int defaultRows) {
        /** Renders {@code value} (an instance of type) with {@code rows}, or the default cap when rows is negative. */
        public MimeBundle render(Object value, int rows) {
            return view.render(type.cast(value), rows < 0 ? defaultRows : rows);
        }
    }

    /** Most specific first, as a value is matched against them in this order. */
    public static List<ViewOf<?>> all() {
        List<ViewOf<?>> views = new ArrayList<>(List.of(
                new ViewOf<>(Dataset.class, (ds, rows) -> DatasetView.render(ds, rows), DatasetView.DEFAULT_ROWS),
                new ViewOf<>(JavaRDDLike.class, (rdd, rows) -> RddView.render(rdd, rows), RddView.DEFAULT_ROWS),
                new ViewOf<>(RDD.class, (rdd, rows) -> RddView.render(rdd, rows), RddView.DEFAULT_ROWS),
                new ViewOf<>(Tuple2.class, (t, rows) -> ValueTables.render(t), 1),
                new ViewOf<>(StreamCheckReport.class, (report, rows) -> StreamCheckView.render(report.subject(), report), 1),
                new ViewOf<>(Record.class, (r, rows) -> ValueTables.render(r), 1),
                new ViewOf<>(Map.class, (m, rows) -> ValueTables.bundle(ValueTables.map(m, rows), m), ValueTables.MAX_ROWS),
                new ViewOf<>(Collection.class, (c, rows) -> ValueTables.bundle(ValueTables.collection(c, rows), c),
                        ValueTables.MAX_ROWS)));
        // arrays are matched by their exact class only; other element types render through ValueTables directly
        for (Class<?> arrayClass : new Class<?>[]{Object[].class, String[].class, int[].class, long[].class,
                double[].class, float[].class, short[].class, boolean[].class, char[].class}) {
            views.add(new ViewOf<>(arrayClass, (a, rows) -> ValueTables.bundle(ValueTables.array(a, rows), a), ValueTables.MAX_ROWS));
        }
        return List.copyOf(views);
    }
}
