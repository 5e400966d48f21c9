package sparkbook.kernel;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import sparkbook.display.MimeBundle;
import sparkbook.engine.kafka.KafkaBroker;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.kafka.NotebookKafka;
import sparkbook.kernel.protocol.StdinBridge;
import sparkbook.kernel.render.ValueRenderers;
import sparkbook.kernel.runtime.LiveDisplayFactory;
import sparkbook.kernel.runtime.NotebookServices;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/** The kernel's side of the cell helpers: everything a cell shows goes through the cell-output port. */
final class KernelServices implements NotebookServices {
    private final Renderer renderer;
    private final CellOutput output;
    private final StdinBridge stdin;
    private final LiveDisplayFactory live;
    private final NotebookKafka kafka;

    KernelServices(Renderer renderer, CellOutput output, StdinBridge stdin, LiveDisplayFactory live, NotebookKafka kafka) {
        this.kafka = kafka;
        this.renderer = renderer;
        this.output = output;
        this.stdin = stdin;
        this.live = live;
    }

    @Override
    public Renderer renderer() {
        return renderer;
    }

    @Override
    public Optional<String> displayLive(Object value, int rows) {
        return live.open(value, rows);
    }

    @Override
    public KafkaBroker kafka() {
        return kafka.start();
    }

    @Override
    public String watch(Supplier<?> value) {
        return live.watch(() -> ValueRenderers.toBundle(ValueRenderers.render(renderer, value.get())));
    }

    @Override
    public String display(MimeBundle bundle, String displayId) {
        return output.display(bundle, displayId);
    }

    @Override
    public void updateDisplay(String displayId, MimeBundle bundle) {
        output.updateDisplay(displayId, bundle);
    }

    @Override
    public String readLine(String prompt, boolean password) throws IOException {
        output.flushNow();
        return stdin.readLine(prompt, password);
    }
}
