package sparkbook.kernel.api;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import sparkbook.display.MimeBundle;
import sparkbook.kernel.render.ValueRenderers;
import sparkbook.kernel.runtime.KernelRuntime;

import java.util.function.Supplier;

/**
 * Helpers every cell can call without a prefix (statically imported at start), compatible with IJava's:
 * {@code display(x)} returns a display id that {@code updateDisplay(id, y)} replaces in place.
 */
public final class Notebook {
    private Notebook() {}

    /**
     * Shows a value. A DStream (before {@code ssc.start()}) or the StreamingContext gets a live display that
     * updates in place with every batch; anything else is rendered once.
     */
    public static String display(Object value) {
        return display(value, 10);
    }

    /** A live display of a DStream showing {@code rows} rows of each batch. */
    public static String display(Object value, int rows) {
        java.util.Optional<String> live = KernelRuntime.services().displayLive(value, rows);
        return live.orElseGet(() -> show(render(value)));
    }

    /**
     * Shows what {@code value} gives, drawn again after every batch of the notebook's stream: a model a stream
     * trains, a chart of what a {@code foreachRDD} collects. The supplier runs on the kernel's display thread, at
     * most a few times a second.
     *
     * <pre>{@code
     * StreamingKMeans km = new StreamingKMeans().setK(2).setDecayFactor(1.0).setRandomCenters(2, 0.0, 42L);
     * km.trainOn(points.stream());
     * watch(() -> Arrays.toString(km.latestModel().clusterCenters()));
     * }</pre>
     */
    public static String watch(Supplier<?> value) {
        return KernelRuntime.services().watch(value);
    }

    /**
     * Starts the notebook's own Apache Kafka broker (KRaft, one node, on 127.0.0.1 with a free port, in a JVM the
     * kernel owns), or hands back the one running: so a cell that calls it can run again. Its server is resolved
     * from Maven Central the first time, then from the local repository.
     *
     * <pre>{@code
     * KafkaBroker kafka = startKafka();
     * kafka.createTopic("words", 1);
     * kafka.produce("words", "to be or not", "to be");
     * String brokers = kafka.bootstrapServers();   // for "bootstrap.servers"
     * }</pre>
     */
    public static sparkbook.engine.kafka.KafkaBroker startKafka() {
        return KernelRuntime.services().kafka();
    }

    /**
     * Waits until the notebook's stream has completed {@code batches} more batches, so a cell can let a stream run
     * "for three batches" without guessing how long those take on a busy machine. False if the stream stopped first
     * or after 2 minutes; interrupting the cell ends the wait.
     *
     * <pre>{@code
     * lines.push(List.of("to be or not to be"));
     * awaitBatches(2);   // the batch with the line, and one after it
     * }</pre>
     */
    public static boolean awaitBatches(int batches) throws InterruptedException {
        return KernelRuntime.spark().awaitBatches(batches, java.time.Duration.ofMinutes(2));
    }

    public static String display(Object value, String... mimeTypes) {
        return show(render(value, mimeTypes));
    }

    public static void updateDisplay(String displayId, Object value) {
        KernelRuntime.services().updateDisplay(displayId, ValueRenderers.toBundle(render(value)));
    }

    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        KernelRuntime.services().updateDisplay(displayId, ValueRenderers.toBundle(render(value, mimeTypes)));
    }

    /** Publishes rendered data; a DisplayData a cell gave its own display id keeps it. */
    private static String show(DisplayData data) {
        String id = data.hasDisplayId() ? data.getDisplayId() : null;
        return KernelRuntime.services().display(ValueRenderers.toBundle(data), id);
    }

    public static DisplayData render(Object value) {
        return ValueRenderers.render(KernelRuntime.services().renderer(), value);
    }

    /**
     * Renders as the given MIME types. Text asked for as a type nothing else renders it to is taken as already
     * in that format: {@code display("<b>hi</b>", "text/html")} shows bold text, as in IJava.
     */
    public static DisplayData render(Object value, String... mimeTypes) {
        if (mimeTypes.length == 0) return render(value);
        if (value instanceof MimeBundle bundle) { // the formats asked for, and text for consoles
            MimeBundle only = MimeBundle.text(bundle.text());
            for (String mime : mimeTypes) only = only.with(mime, bundle.get(mime));
            return ValueRenderers.toDisplayData(only);
        }
        DisplayData data = KernelRuntime.services().renderer().renderAs(value, mimeTypes);
        if (value instanceof CharSequence text) {
            for (String mime : mimeTypes) {
                if (data.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.parse(mime)) == null) {
                    data.putData(mime, text.toString());
                }
            }
            if (data.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN) == null) {
                data.putText(text.toString());
            }
        }
        return data;
    }

    /** The registry where a cell can teach the kernel to render its own types. */
    public static Renderer renderers() {
        return KernelRuntime.services().renderer();
    }

    /** Asks the user for a line of input in the front end. */
    public static String readInput(String prompt) throws java.io.IOException {
        return KernelRuntime.services().readLine(prompt, false);
    }

    public static String readPassword(String prompt) throws java.io.IOException {
        return KernelRuntime.services().readLine(prompt, true);
    }
}
