package sparkbook.engine.input;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.streaming.SparkbookStreamingAccess;
import org.apache.spark.streaming.StreamingContextState;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.util.ManualClock;
import sparkbook.engine.errors.SparkAdvice;

import java.time.Duration;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Drives a manual-clock StreamingContext batch by batch: {@link #step(int)} advances the clock by
 * n batch intervals and returns once those n batches have completed, as reported by Spark's
 * onBatchCompleted (no sleeping). A failed batch or a context error ends the wait at once.
 *
 * <pre>{@code
 * JavaStreamingContext ssc = session.ssc();          // session made with config.withManualClock()
 * ... define the pipeline ...
 * ManualClockStepper clock = ManualClockStepper.attach(ssc);   // before start
 * ssc.start();
 * clock.step(3);                                      // three batches have run
 * }</pre>
 */
public final class ManualClockStepper {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final JavaStreamingContext ssc;
    private final ManualClock clock;
    private final long batchMs;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progressed = lock.newCondition();
    private final NavigableMap<Long, String> failures = new TreeMap<>();
    private long completedUpTo;
    private Throwable contextError;
    private Thread errorWatch;

    private ManualClockStepper(JavaStreamingContext ssc) {
        this.ssc = ssc;
        this.clock = SparkbookStreamingAccess.manualClock(ssc);
        this.batchMs = ssc.ssc().graph().batchDuration().milliseconds();
        this.completedUpTo = clock.getTimeMillis();
        ssc.addStreamingListener(new CompletionListener());
        // Spark posts nothing for a batch without jobs; a no-op output makes every batch observable.
        new JavaDStream<>(new HeartbeatDStream(ssc.ssc()), LiveQueue.anyRefTag()).foreachRDD(new NoOp());
    }

    /** Call before {@code ssc.start()}: it adds a no-op output so that every batch can be awaited. */
    public static ManualClockStepper attach(JavaStreamingContext ssc) {
        if (ssc.getState() != StreamingContextState.INITIALIZED) {
            throw new IllegalStateException("ManualClockStepper.attach must be called before ssc.start(): the pipeline "
                    + "is fixed once started. Rebuild it (session.renew() or %%stream) and attach the stepper while defining it.");
        }
        return new ManualClockStepper(ssc);
    }

    /** Runs the next {@code n} batches; returns the time (ms) of the last one. */
    public long step(int n) {
        return step(n, DEFAULT_TIMEOUT);
    }

    /**
     * Runs the next {@code n} batches; returns the last batch time (ms). {@code timeout} bounds the wait for each
     * batch, counted from the previous one's completion, so stepping many slow batches is not mistaken for a hang.
     */
    public long step(int n, Duration timeout) {
        if (n < 1) {
            throw new IllegalArgumentException("step needs n >= 1, got " + n);
        }
        if (ssc.getState() != StreamingContextState.ACTIVE) {
            throw new IllegalStateException("The StreamingContext is " + ssc.getState()
                    + ": start() it before stepping the clock (a stopped context needs session.renew()).");
        }
        startErrorWatch();
        long from = clock.getTimeMillis();
        long target = from + n * batchMs;
        lock.lock();
        try {
            failures.headMap(from, true).clear(); // failures of batches stepped before are reported already
            failIfBroken(from, target);
            clock.setTime(target);
            long remaining = timeout.toNanos();
            long seen = completedUpTo;
            while (completedUpTo < target) {
                failIfBroken(from, target);
                if (completedUpTo > seen) { // progress: the next batch gets the whole timeout again
                    seen = completedUpTo;
                    remaining = timeout.toNanos();
                }
                if (remaining <= 0) {
                    throw new IllegalStateException("Batch at " + (completedUpTo + batchMs) + " ms did not complete within "
                            + timeout.toMillis() + " ms of the batch before. The pipeline may be stuck (a receiver holding "
                            + "all cores, a blocking function); see the Spark log.");
                }
                remaining = progressed.awaitNanos(remaining);
            }
            failIfBroken(from, target);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for batches", e);
        } finally {
            lock.unlock();
        }
    }

    /** The clock's current time: the time of the last batch stepped to. */
    public long timeMs() {
        return clock.getTimeMillis();
    }

    public long batchIntervalMs() {
        return batchMs;
    }

    private void failIfBroken(long from, long to) {
        for (var failure : failures.entrySet()) {
            if (failure.getKey() > from && failure.getKey() <= to) {
                throw new BatchFailedException(failure.getKey(), "Batch at " + failure.getKey() + " ms failed: " + failure.getValue(), null);
            }
        }
        if (contextError != null) {
            long at = Math.min(completedUpTo + batchMs, to);
            throw new BatchFailedException(at, "Batch at " + at + " ms failed: " + SparkAdvice.describe(contextError), contextError);
        }
    }

    /** Spark reports job-generation errors only to awaitTermination, so a thread waits there for them. */
    private void startErrorWatch() {
        lock.lock();
        try {
            if (errorWatch != null) {
                return;
            }
            errorWatch = new Thread(this::watchForContextError, "sparkbook-stepper-error-watch");
            errorWatch.setDaemon(true);
            errorWatch.start();
        } finally {
            lock.unlock();
        }
    }

    private void watchForContextError() {
        try {
            ssc.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable error) {
            lock.lock();
            try {
                contextError = error;
                progressed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private final class CompletionListener implements StreamingListener {
        @Override
        public void onBatchCompleted(StreamingListenerBatchCompleted event) {
            var info = event.batchInfo();
            long time = info.batchTime().milliseconds();
            String failure = null;
            var ops = info.outputOperationInfos().valuesIterator();
            while (ops.hasNext() && failure == null) {
                var op = ops.next();
                if (op.failureReason().isDefined()) {
                    failure = op.failureReason().get().lines().findFirst().orElse("");
                }
            }
            lock.lock();
            try {
                completedUpTo = Math.max(completedUpTo, time);
                if (failure != null) {
                    failures.put(time, failure);
                }
                progressed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static final class NoOp implements VoidFunction<JavaRDD<Object>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void call(JavaRDD<Object> rdd) {
            // only there so the batch has a job
        }
    }

}
