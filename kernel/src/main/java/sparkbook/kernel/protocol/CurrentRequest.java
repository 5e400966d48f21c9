package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.Message;
import sparkbook.kernel.io.OutputTarget;

/** The execute request now running, for stdin and displays that must answer to it. */
public final class CurrentRequest {
    private volatile Message request;
    private volatile OutputTarget target;

    void begin(Message request, OutputTarget target) {
        this.request = request;
        this.target = target;
    }

    void end() {
        this.request = null;
    }

    public Message request() {
        return request;
    }

    /** The running cell's target, or the last one (displays from batches after the cell ended go there). */
    public OutputTarget lastTarget() {
        return target;
    }
}
