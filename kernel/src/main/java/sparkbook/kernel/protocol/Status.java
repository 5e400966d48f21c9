package sparkbook.kernel.protocol;

/** The content of status: the kernel is starting, busy with a request, or idle again. */
public record Status(String executionState) {
    public static final MessageType<Status> TYPE = new MessageType<>("status");
    public static final Status STARTING = new Status("starting"), BUSY = new Status("busy"), IDLE = new Status("idle");
}
