package sparkbook.kernel.io;

import com.google.gson.JsonObject;

/** Receives flushed text for a named stream ("stdout" or "stderr"). */
@FunctionalInterface
public interface StreamPublisher {
    void publish(OutputTarget target, String streamName, String text);
}
