package sparkbook.kernel.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The content of history_reply. */
final class History {
    static final MessageType<Reply> REPLY = new MessageType<>("history_reply");

    private History() {}

    /**
     * Each row is the protocol's tuple: {@code [session, line, input]}, or {@code [session, line, [input, output]]}
     * when the request asked for output (null when the cell showed no text).
     */
    record Reply(String status, List<List<Object>> history) {
        static Reply of(List<HistoryLog.Entry> entries, boolean withOutput) {
            List<List<Object>> rows = new ArrayList<>(entries.size());
            for (HistoryLog.Entry e : entries) {
                Object io = withOutput ? Arrays.asList(e.input(), e.output()) : e.input();
                rows.add(Arrays.asList(e.session(), e.line(), io));
            }
            return new Reply("ok", rows);
        }
    }
}
