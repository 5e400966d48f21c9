package sparkbook.engine.tap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A window over a stream, in milliseconds: which batches a window covers and when it fires. The
 * display draws it; the constructor checks the multiples Spark insists on, with advice.
 */
public record WindowSpec(long batchMs, long windowMs, long slideMs) {

    public WindowSpec {
        if (batchMs <= 0 || windowMs <= 0 || slideMs <= 0) {
            throw new IllegalArgumentException("batch, window and slide must be positive");
        }
        if (windowMs % batchMs != 0 || slideMs % batchMs != 0) {
            throw new IllegalArgumentException("Window " + windowMs + " ms and slide " + slideMs + " ms must be whole "
                    + "multiples of the batch interval " + batchMs + " ms: e.g. window " + roundUp(windowMs, batchMs)
                    + " ms, slide " + roundUp(slideMs, batchMs) + " ms.");
        }
    }

    public static WindowSpec of(Duration batch, Duration window, Duration slide) {
        return new WindowSpec(batch.toMillis(), window.toMillis(), slide.toMillis());
    }

    public int batchesPerWindow() {
        return (int) (windowMs / batchMs);
    }

    public int batchesPerSlide() {
        return (int) (slideMs / batchMs);
    }

    /** Batch times covered by the window that ends with (includes) the batch at {@code windowEndMs}, oldest first. */
    public List<Long> coveredBatchTimes(long windowEndMs) {
        List<Long> times = new ArrayList<>();
        for (long t = windowEndMs - windowMs + batchMs; t <= windowEndMs; t += batchMs) {
            times.add(t);
        }
        return List.copyOf(times);
    }

    /** Spark's window ending at {@code windowEndMs} covers the batches in (end - window, end]. */
    public boolean covers(long windowEndMs, long batchTimeMs) {
        return batchTimeMs <= windowEndMs && batchTimeMs > windowEndMs - windowMs;
    }

    /**
     * Whether the window emits at {@code batchTimeMs}, for a context whose first batch ran at
     * {@code firstBatchMs} (Spark fires windows every slide counted from the batch before the first).
     */
    public boolean firesAt(long batchTimeMs, long firstBatchMs) {
        long zero = firstBatchMs - batchMs;
        return batchTimeMs > zero && (batchTimeMs - zero) % slideMs == 0;
    }

    private static long roundUp(long value, long unit) {
        return Math.max(unit, (value + unit - 1) / unit * unit);
    }
}
