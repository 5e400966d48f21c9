package sparkbook.kernel.spark;

import org.apache.spark.streaming.api.java.JavaStreamingContext;
import sparkbook.display.engine.LiveStreams;
import sparkbook.engine.api.StreamingSession;
import sparkbook.kernel.io.OutputTarget;
import sparkbook.kernel.runtime.LiveDisplayFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code display(stream)} and {@code display(ssc)}: a DStream gets the live view {@link LiveStreams#display} picks
 * for it (state, window or batches), the StreamingContext gets the stream dashboard. Here only the kernel's part:
 * the session, display ids, slots and the variable's name.
 */
public final class StreamDisplays implements LiveDisplayFactory {
    private final SparkSupport spark;
    private String slotRequest;
    private int slotsInRequest;

    public StreamDisplays(SparkSupport spark) {
        this.spark = spark;
    }

    @Override
    public Optional<String> open(Object value, int rows, OutputTarget target) {
        if (value instanceof JavaStreamingContext || value instanceof StreamingSession) {
            StreamingSession s = spark.session();
            if (value instanceof JavaStreamingContext j && j != s.ssc()) {
                throw new IllegalArgumentException("display(ssc) shows the notebook's StreamingContext, and this one was "
                        + "made in a cell. Use the predefined ssc (or %%stream to rebuild it) to get the dashboard.");
            }
            String id = newDisplay(target);
            String chartId = newDisplay(target);
            spark.liveStreams().dashboard("dashboard", id, chartId, s); // one dashboard: a new one replaces it
            return Optional.of(id);
        }
        if (!LiveStreams.isStream(value)) return Optional.empty();
        long batchMs = spark.session().config().batchInterval().toMillis();
        String id = newDisplay(target);
        spark.liveStreams().display(slot(target, id), id, spark.variableNameOf(value).orElse(null), value, batchMs, rows);
        return Optional.of(id);
    }

    /**
     * The n-th stream display of a notebook cell keeps its slot when the cell runs again, so the new display
     * replaces the old one, which stops updating and sampling. Without a cell id each display has its own slot.
     */
    private synchronized String slot(OutputTarget target, String displayId) {
        if (target.cellId() == null) return displayId;
        if (!Objects.equals(target.requestId(), slotRequest)) {
            slotRequest = target.requestId();
            slotsInRequest = 0;
        }
        return "cell " + target.cellId() + " #" + slotsInRequest++;
    }

    private String newDisplay(OutputTarget target) {
        String id = UUID.randomUUID().toString();
        spark.bindDisplay(id, target);
        return id;
    }
}
