package sparkbook.engine.input;

import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.receiver.Receiver;


/**
 * A receiver producing consecutive numbers at a fixed rate, for demos and load tests:
 * {@code ssc.receiverStream(new RateReceiver(1000))}. Like every receiver it holds a core.
 */
public final class RateReceiver extends Receiver<Long> {
    private static final long serialVersionUID = 1L;
    private static final int TICKS_PER_SECOND = 10;

    private final int recordsPerSecond;

    public RateReceiver(int recordsPerSecond) {
        super(StorageLevel.MEMORY_ONLY()); // no replication: a local run has no peer to replicate to
        if (recordsPerSecond < 1) {
            throw new IllegalArgumentException("recordsPerSecond must be at least 1, got " + recordsPerSecond);
        }
        this.recordsPerSecond = recordsPerSecond;
    }

    @Override
    public void onStart() {
        Thread producer = new Thread(this::produce, "sparkbook-rate-receiver");
        producer.setDaemon(true);
        producer.start();
    }

    @Override
    public void onStop() {
        // produce() sees isStopped() and ends
    }

    private void produce() {
        long next = 0;
        long tickNanos = 1_000_000_000L / TICKS_PER_SECOND;
        long deadline = System.nanoTime();
        int tick = 0;
        while (!isStopped()) {
            // spread the per-second count over the ticks so each second totals exactly recordsPerSecond
            int count = (int) ((long) recordsPerSecond * (tick + 1) / TICKS_PER_SECOND
                    - (long) recordsPerSecond * tick / TICKS_PER_SECOND);
            tick = (tick + 1) % TICKS_PER_SECOND;
            // One record at a time: only single-record store() goes through Spark's rate limiter, so
            // spark.streaming.receiver.maxRate and backpressure can slow this receiver down.
            for (int i = 0; i < count && !isStopped(); i++) {
                store(next++);
            }
            deadline += tickNanos;
            long wait = deadline - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing the generator, not synchronisation
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
