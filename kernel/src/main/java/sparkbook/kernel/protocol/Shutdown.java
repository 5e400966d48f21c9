package sparkbook.kernel.protocol;

/** The content of shutdown_reply, sent to the peer that asked and published on iopub. */
public final class Shutdown {
    public static final MessageType<Reply> REPLY = new MessageType<>("shutdown_reply");

    private Shutdown() {}

    public record Reply(String status, boolean restart) {
        public Reply(boolean restart) {
            this("ok", restart);
        }
    }
}
