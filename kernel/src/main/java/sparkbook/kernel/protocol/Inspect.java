package sparkbook.kernel.protocol;

import java.util.Map;

/** The content of inspect_reply. */
final class Inspect {
    static final MessageType<Reply> REPLY = new MessageType<>("inspect_reply");

    private Inspect() {}

    /** {@code data} is empty when nothing was found. */
    record Reply(String status, boolean found, Map<String, String> data, Map<String, Object> metadata) {
        static Reply found(String text) {
            return new Reply("ok", true, Map.of("text/plain", text), Map.of());
        }

        static Reply nothing() {
            return new Reply("ok", false, Map.of(), Map.of());
        }
    }
}
