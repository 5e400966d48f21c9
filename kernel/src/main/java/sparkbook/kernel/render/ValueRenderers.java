package sparkbook.kernel.render;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import sparkbook.display.Mime;
import sparkbook.display.MimeBundle;
import sparkbook.display.values.ValueViews;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import sparkbook.kernel.channels.WireCodec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Connects the display module's bundles to the kernel's renderer (IJava's registry, which cells extend with
 * {@code renderers()}): the value views become registrations, a {@link MimeBundle} a cell returns or displays goes
 * out as it is, and what the renderer makes ({@link DisplayData}) becomes a bundle here, once: the bundle is what
 * the kernel publishes. Render parameter {@code "rows"} overrides a view's row cap.
 */
public final class ValueRenderers {
    private ValueRenderers() {}

    /** Registers a table view for each type {@link ValueViews} knows. */
    public static void registerAll(Renderer renderer) {
        for (ValueViews.ViewOf<?> view : ValueViews.all()) register(renderer, view);
    }

    /** The bundle for any value: bundles pass through, everything else goes through the renderer's registrations. */
    public static DisplayData render(Renderer renderer, Object value) {
        if (value instanceof DisplayData d) return d;
        if (value instanceof MimeBundle b) return toDisplayData(b);
        return renderer.render(value);
    }

    /** Any value as the bundle the kernel publishes: bundles as they are, everything else rendered, then converted. */
    public static MimeBundle bundle(Renderer renderer, Object value) {
        if (value instanceof MimeBundle b) return b;
        return toBundle(render(renderer, value));
    }

    /**
     * The renderer's DisplayData as a bundle, with its metadata. Its fields are private, so they are read through
     * their JSON form; JSON values (Vega-Lite, application/json) stay JSON trees, which the wire writes as they are.
     */
    public static MimeBundle toBundle(DisplayData d) {
        JsonObject tree = WireCodec.GSON.toJsonTree(d).getAsJsonObject();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(Mime.TEXT, "");
        members(tree.get("data"), data);
        Map<String, Object> metadata = new LinkedHashMap<>();
        members(tree.get("metadata"), metadata);
        return new MimeBundle(data, metadata);
    }

    private static void members(JsonElement object, Map<String, Object> into) {
        if (object == null || !object.isJsonObject()) return;
        for (Map.Entry<String, JsonElement> e : object.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            into.put(e.getKey(), v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? v.getAsString() : v);
        }
    }

    /** A bundle as IJava's DisplayData, for the {@code render(...)} helpers cells call. */
    public static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData data = new DisplayData(bundle.text());
        for (Map.Entry<String, Object> e : bundle.data().entrySet()) {
            if (!e.getKey().equals(Mime.TEXT)) data.putData(e.getKey(), e.getValue());
        }
        bundle.metadata().forEach(data::putMetaData);
        return data;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(Renderer renderer, ValueViews.ViewOf<?> view) {
        ((Renderer.RenderRegistration) renderer.createRegistration(view.type()))
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((value, ctx) -> copyInto(view.render(value, rows((RenderContext) ctx)), (RenderContext) ctx));
    }

    private static int rows(RenderContext ctx) {
        Integer rows = ctx.getParameterAsInt("rows", -1);
        return rows == null ? -1 : rows;
    }

    /** Fills only the MIME types the caller asked for (display vs. renderAs). */
    private static void copyInto(MimeBundle bundle, RenderContext ctx) {
        for (MIMEType type : new MIMEType[]{MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN}) {
            Object content = bundle.get(type.toString());
            if (content != null) ctx.renderIfRequested(type, (Supplier<Object>) () -> content);
        }
    }
}
