package sparkbook.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;

/** What cells reach through {@link sparkbook.kernel.api.Notebook}: rendering and the display channel. */
public interface NotebookServices {
    Renderer renderer();

    /** Publishes display_data for the running cell (or the background owner); returns the display id. */
    String display(DisplayData data);

    void updateDisplay(String displayId, DisplayData data);

    /**
     * Opens a live display for a value that changes with the stream (a DStream, a StreamingContext);
     * empty when the value is not such a thing and renders as a plain display.
     */
    default java.util.Optional<String> displayLive(Object value, int rows) {
        return java.util.Optional.empty();
    }

    /** Reads one line from the front end, when the running request allows stdin. */
    String readLine(String prompt, boolean password) throws java.io.IOException;
}
