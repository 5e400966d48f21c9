package sparkbook.kernel.protocol;

/** The content of interrupt_reply. */
public final class Interrupt {
    public static final MessageType<Reply> REPLY = new MessageType<>("interrupt_reply");

    private Interrupt() {}

    public record Reply(String status) {
        public static final Reply OK = new Reply("ok");
    }
}
