package sparkbook.kernel.protocol;

import sparkbook.display.MimeBundle;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.io.OutputTarget;

/** What the cell-output port publishes, as iopub messages answering the cell's request. */
public final class IopubPublisher implements CellOutput.Publisher {
    private final Outbox outbox;

    public IopubPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void stream(OutputTarget target, String name, String text) {
        outbox.publish(target.parentHeader(), Stream.TYPE, new Stream(name, text));
    }

    @Override
    public void display(OutputTarget target, boolean update, String displayId, MimeBundle bundle) {
        outbox.publish(target.parentHeader(), update ? Display.UPDATE : Display.DATA, Display.Data.of(bundle, displayId));
    }
}
