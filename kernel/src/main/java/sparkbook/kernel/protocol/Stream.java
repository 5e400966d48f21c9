package sparkbook.kernel.protocol;

/** The content of stream: text a cell printed, {@code name} "stdout" or "stderr". */
public record Stream(String name, String text) {
    public static final MessageType<Stream> TYPE = new MessageType<>("stream");
}
