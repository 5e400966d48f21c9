package sparkbook.display.stream;

/** One receiver as shown in {@link ReceiversTable}; {@code lastError} is empty when there is none. */
public record ReceiverInfo(int streamId, String name, boolean active, String location, String lastError,
                           double recordsPerSecond) {
    public ReceiverInfo {
        name = name == null ? "" : name;
        location = location == null ? "" : location;
        lastError = lastError == null ? "" : lastError;
    }
}
