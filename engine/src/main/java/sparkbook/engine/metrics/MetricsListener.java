package sparkbook.engine.metrics;

import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverError;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStarted;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStopped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Records every completed batch and receiver change of the StreamingContexts it is added to
 * ({@code ssc.addStreamingListener(listener)}) into bounded histories the display reads with
 * {@code batches().snapshot()} and {@code receivers().snapshot()}.
 *
 * <p>Spark calls this on its single streaming listener-bus thread. Batch callbacks registered with
 * {@link #onBatchCompleted(Consumer)} run on that thread too, so they must return quickly (update a
 * model, offer to a queue); anything slow delays every later event. A callback that throws is logged
 * and skipped.
 */
public final class MetricsListener implements StreamingListener {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsListener.class);

    private final long batchIntervalMs;
    private final BatchHistory batches;
    private final ReceiverTable receivers;
    private final CopyOnWriteArrayList<Consumer<BatchSnapshot>> batchCallbacks = new CopyOnWriteArrayList<>();

    public MetricsListener(long batchIntervalMs) {
        this(batchIntervalMs, BatchHistory.DEFAULT_CAPACITY);
    }

    public MetricsListener(long batchIntervalMs, int capacity) {
        this.batchIntervalMs = batchIntervalMs;
        this.batches = new BatchHistory(capacity, batchIntervalMs);
        this.receivers = new ReceiverTable(batchIntervalMs);
    }

    public BatchHistory batches() {
        return batches;
    }

    public ReceiverTable receivers() {
        return receivers;
    }

    /** The context's batches and receivers now, with its {@code state} name, for the dashboard. */
    public StreamStatus status(String state) {
        return status(state, Map.of());
    }

    /** The same, naming the inputs ({@code inputNames}: input stream id to Spark's name for it). */
    public StreamStatus status(String state, Map<Integer, String> inputNames) {
        return new StreamStatus(state, batchIntervalMs, batches.completedBatches(), batches.snapshot(), receivers.snapshot(),
                inputNames);
    }

    /** Calls {@code callback} for each completed batch, on Spark's listener thread: keep it fast. */
    public Subscription onBatchCompleted(Consumer<BatchSnapshot> callback) {
        batchCallbacks.add(callback);
        return () -> batchCallbacks.remove(callback);
    }

    /** Forgets history, e.g. when the pipeline is rebuilt. */
    public void clear() {
        batches.clear();
        receivers.clear();
    }

    @Override
    public void onBatchCompleted(StreamingListenerBatchCompleted event) {
        BatchSnapshot batch = BatchSnapshots.from(event.batchInfo());
        batches.add(batch);
        receivers.recordBatch(batch);
        for (Consumer<BatchSnapshot> callback : batchCallbacks) {
            try {
                callback.accept(batch);
            } catch (RuntimeException e) {
                LOG.warn("A batch callback failed and was skipped: {}", e.toString());
            }
        }
    }

    @Override
    public void onReceiverStarted(StreamingListenerReceiverStarted event) {
        receivers.update(event.receiverInfo());
    }

    @Override
    public void onReceiverError(StreamingListenerReceiverError event) {
        receivers.update(event.receiverInfo());
    }

    @Override
    public void onReceiverStopped(StreamingListenerReceiverStopped event) {
        receivers.update(event.receiverInfo());
    }
}
