package sparkbook.kernel.protocol;

import java.util.List;
import java.util.Map;

/** The content of complete_reply. */
final class Complete {
    static final MessageType<Reply> REPLY = new MessageType<>("complete_reply");

    private Complete() {}

    /** {@code cursorStart} and {@code cursorEnd} count Unicode code points, as Jupyter does. */
    record Reply(List<String> matches, int cursorStart, int cursorEnd, Map<String, Object> metadata, String status) {
        /** The matches that replace {@code code} from char index {@code start} to {@code end}. */
        static Reply at(String code, List<String> matches, int start, int end) {
            return new Reply(matches, CodePoints.toCodePoints(code, start), CodePoints.toCodePoints(code, end), Map.of(), "ok");
        }
    }
}
