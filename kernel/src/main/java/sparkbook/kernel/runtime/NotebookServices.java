package sparkbook.kernel.runtime;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;

/** What cells reach through {@link sparkbook.kernel.api.Notebook}: rendering and the display channel. */
public interface NotebookServices {
    Renderer renderer();

    /** Publishes display_data for the running cell (or the background owner); returns the display id. */
    String display(DisplayData data);

    void updateDisplay(String displayId, DisplayData data);

    /** Reads one line from the front end, when the running request allows stdin. */
    String readLine(String prompt, boolean password) throws java.io.IOException;
}
