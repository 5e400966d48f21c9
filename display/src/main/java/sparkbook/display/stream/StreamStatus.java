package sparkbook.display.stream;

import java.util.List;

/**
 * Everything the dashboard shows about one StreamingContext at one moment.
 *
 * @param state the context's state name, e.g. "ACTIVE", "STOPPED", "INITIALIZED"
 */
public record StreamStatus(String state, StreamHistory history, List<ReceiverInfo> receivers) {
    public StreamStatus {
        receivers = List.copyOf(receivers);
    }
}
