package sparkbook.display.values;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.apache.spark.api.java.JavaRDDLike;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import scala.Tuple2;

import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registers table renderers for Spark and Java values with the kernel's {@link Renderer}.
 * Render parameter {@code "rows"} overrides the row cap, e.g. {@code display(ds, Map.of("rows", 50))}.
 *
 * <p>The renderer picks the first class in a value's hierarchy that has registrations, so nothing
 * is registered on {@code Object}; arrays are matched only by the exact array classes below
 * (for other element types call {@link ValueTables#render} directly).
 */
public final class SparkRenderers {
    private SparkRenderers() {}

    public static void registerAll(Renderer renderer) {
        register(renderer, Dataset.class, (ds, rows) -> DatasetView.render(ds, rows), DatasetView.DEFAULT_ROWS);
        register(renderer, JavaRDDLike.class, (rdd, rows) -> RddView.render(rdd, rows), RddView.DEFAULT_ROWS);
        register(renderer, RDD.class, (rdd, rows) -> RddView.render(rdd, rows), RddView.DEFAULT_ROWS);
        register(renderer, Tuple2.class, (t, rows) -> ValueTables.render(t), 1);
        register(renderer, sparkbook.engine.testing.StreamCheckReport.class,
                (report, rows) -> sparkbook.display.engine.LiveStreams.check("stream check", report), 1);
        register(renderer, Record.class, (r, rows) -> ValueTables.render(r), 1);
        register(renderer, Map.class, (m, rows) -> ValueTables.bundle(ValueTables.map(m, rows), m), ValueTables.MAX_ROWS);
        register(renderer, Collection.class,
                (c, rows) -> ValueTables.bundle(ValueTables.collection(c, rows), c), ValueTables.MAX_ROWS);
        for (Class<?> arrayClass : new Class<?>[]{Object[].class, String[].class, int[].class, long[].class,
                double[].class, float[].class, short[].class, boolean[].class, char[].class}) {
            register(renderer, arrayClass, (a, rows) -> ValueTables.bundle(ValueTables.array(a, rows), a), ValueTables.MAX_ROWS);
        }
    }

    /** Builds a bundle for a value given the row cap. */
    @FunctionalInterface
    private interface View<T> {
        DisplayData render(T value, int rows);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> void register(Renderer renderer, Class<T> type, View<? super T> view, int defaultRows) {
        ((Renderer.RenderRegistration) renderer.createRegistration(type))
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((value, ctx) -> copyInto(((View) view).render(value, rows((RenderContext) ctx, defaultRows)),
                        (RenderContext) ctx));
    }

    private static int rows(RenderContext ctx, int defaultRows) {
        Integer rows = ctx.getParameterAsInt("rows", defaultRows);
        return rows == null || rows < 0 ? defaultRows : rows;
    }

    /** Fills only the MIME types the caller asked for (display vs. renderAs). */
    private static void copyInto(DisplayData data, RenderContext ctx) {
        for (MIMEType type : new MIMEType[]{MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN}) {
            Object content = data.getData(type);
            if (content != null) ctx.renderIfRequested(type, (Supplier<Object>) () -> content);
        }
    }
}
