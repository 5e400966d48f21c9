package sparkbook.kernel.protocol;

/** The content of is_complete_reply: complete, incomplete (with the next line's indent), invalid or unknown. */
final class IsComplete {
    static final MessageType<Reply> REPLY = new MessageType<>("is_complete_reply");

    private IsComplete() {}

    sealed interface Reply {}

    /** A status alone. */
    record Verdict(String status) implements Reply {}

    /** A status with the indent the next line starts with. */
    record Indented(String status, String indent) implements Reply {}
}
