package sparkbook.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import sparkbook.display.MimeBundle;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/** What cells reach through {@link sparkbook.kernel.api.Notebook}: rendering, the cell's displays, and stdin. */
public interface NotebookServices {
    /** The registry cells extend with their own renderers (IJava's). */
    Renderer renderer();

    /**
     * Shows a bundle in the calling thread's cell (the running cell, or the cell a background thread belongs to);
     * returns its display id, {@code displayId} itself when given.
     */
    String display(MimeBundle bundle, String displayId);

    void updateDisplay(String displayId, MimeBundle bundle);

    /**
     * Opens a live display for a value that changes with the stream (a DStream, a StreamingContext);
     * empty when the value is not such a thing and renders as a plain display.
     */
    Optional<String> displayLive(Object value, int rows);

    /** A live display of {@code value}'s rendering, drawn again after every batch of the notebook's stream. */
    String watch(Supplier<?> value);

    /** The notebook's Kafka broker: the running one, or one started now. */
    sparkbook.engine.kafka.KafkaBroker kafka();

    /** Reads one line from the front end, when the running request allows stdin. */
    String readLine(String prompt, boolean password) throws IOException;
}
