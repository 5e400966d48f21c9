package sparkbook.kernel.protocol;

import java.util.List;

/** The content of any reply whose handler failed: status error, what went wrong, no traceback. */
public record ErrorReply(String status, String ename, String evalue, List<String> traceback) {
    public ErrorReply(String ename, String evalue) {
        this("error", ename, evalue, List.of());
    }

    /** The reply type that answers {@code requestType}: kernel_info_request is answered by kernel_info_reply. */
    public static MessageType<ErrorReply> answering(String requestType) {
        return new MessageType<>(requestType.replace("_request", "_reply"));
    }
}
