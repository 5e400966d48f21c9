package sparkbook.kernel;

import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import sparkbook.kernel.channels.IoPub;
import sparkbook.kernel.io.OutputRouter;
import sparkbook.kernel.io.OutputTarget;
import sparkbook.kernel.protocol.DisplayContent;
import sparkbook.kernel.protocol.StdinBridge;
import sparkbook.kernel.runtime.NotebookServices;

import java.io.IOException;
import java.util.UUID;

/** The kernel's side of the cell helpers: displays go out on iopub, to the cell that is running (or started the stream). */
final class KernelServices implements NotebookServices {
    private final Renderer renderer;
    private final IoPub iopub;
    private final OutputRouter output;
    private final StdinBridge stdin;
    private volatile sparkbook.kernel.runtime.LiveDisplayFactory live;

    KernelServices(Renderer renderer, IoPub iopub, OutputRouter output, StdinBridge stdin) {
        this.renderer = renderer;
        this.iopub = iopub;
        this.output = output;
        this.stdin = stdin;
    }

    @Override
    public Renderer renderer() {
        return renderer;
    }

    void setLiveDisplays(sparkbook.kernel.runtime.LiveDisplayFactory factory) {
        this.live = factory;
    }

    @Override
    public java.util.Optional<String> displayLive(Object value, int rows) {
        sparkbook.kernel.runtime.LiveDisplayFactory f = live;
        return f == null ? java.util.Optional.empty() : f.open(value, rows, output.target());
    }

    @Override
    public String display(DisplayData data) {
        String id = data.hasDisplayId() ? data.getDisplayId() : UUID.randomUUID().toString();
        publish("display_data", id, data);
        return id;
    }

    @Override
    public void updateDisplay(String displayId, DisplayData data) {
        publish("update_display_data", displayId, data);
    }

    private void publish(String type, String id, DisplayData data) {
        output.flushNow(); // text printed before the display stays before it
        publishTo(output.target(), type, id, data);
    }

    /** Publishes to a given cell: live displays keep answering the cell that opened them. */
    void publishTo(OutputTarget target, String type, String id, DisplayData data) {
        if (target == null || target.silent() || target.parentHeader() == null) return;
        JsonObject c = DisplayContent.of(data);
        JsonObject transientPart = c.has("transient") ? c.getAsJsonObject("transient") : new JsonObject();
        transientPart.addProperty("display_id", id);
        c.add("transient", transientPart);
        iopub.publish(target.parentHeader(), type, c);
    }

    @Override
    public String readLine(String prompt, boolean password) throws IOException {
        output.flushNow();
        return stdin.readLine(prompt, password);
    }
}
