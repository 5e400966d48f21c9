package sparkbook.kernel.protocol;

/** The content of input_request, sent on stdin; the front end answers with input_reply's value. */
final class Input {
    static final MessageType<Request> REQUEST = new MessageType<>("input_request");

    private Input() {}

    record Request(String prompt, boolean password) {}
}
