package sparkbook.engine.metrics;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The latest completed batches, bounded, plus running totals that survive eviction. */
public final class BatchHistory {
    public static final int DEFAULT_CAPACITY = 1000;

    private final BoundedHistory<BatchSnapshot> batches;
    private final BoundedHistory<OutputFailure> failures;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final long batchIntervalMs;

    public BatchHistory(int capacity, long batchIntervalMs) {
        this.batches = new BoundedHistory<>(capacity);
        this.failures = new BoundedHistory<>(Math.min(capacity, 100));
        this.batchIntervalMs = batchIntervalMs;
    }

    void add(BatchSnapshot batch) {
        batches.add(batch);
        completed.incrementAndGet();
        if (batch.failed()) {
            failed.incrementAndGet();
            batch.failures().forEach(failures::add);
        }
    }

    /** Oldest first, at most {@link #capacity()} batches. */
    public List<BatchSnapshot> snapshot() {
        return batches.snapshot();
    }

    public Optional<BatchSnapshot> latest() {
        return batches.latest();
    }

    /** The latest output-operation failures, oldest first (for the kernel to show in the cell). */
    public List<OutputFailure> recentFailures() {
        return failures.snapshot();
    }

    public long completedBatches() {
        return completed.get();
    }

    public long failedBatches() {
        return failed.get();
    }

    public int capacity() {
        return batches.capacity();
    }

    public long batchIntervalMs() {
        return batchIntervalMs;
    }

    void clear() {
        batches.clear();
        failures.clear();
        completed.set(0);
        failed.set(0);
    }
}
