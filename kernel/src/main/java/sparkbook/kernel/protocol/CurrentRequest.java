package sparkbook.kernel.protocol;

import sparkbook.kernel.channels.Message;

/** The execute request now running, for stdin, which must answer to it. */
public final class CurrentRequest {
    private volatile Message request;

    void begin(Message request) {
        this.request = request;
    }

    void end() {
        this.request = null;
    }

    public Message request() {
        return request;
    }
}
