package sparkbook.kernel.protocol;

import java.util.Map;

/** The contents of comm_info_reply and comm_close. */
final class Comm {
    static final MessageType<InfoReply> INFO_REPLY = new MessageType<>("comm_info_reply");
    static final MessageType<Close> CLOSE = new MessageType<>("comm_close");

    private Comm() {}

    /** The open comms by id. */
    record InfoReply(String status, Map<String, Target> comms) {}

    record Target(String targetName) {}

    record Close(String commId, Map<String, Object> data) {}
}
