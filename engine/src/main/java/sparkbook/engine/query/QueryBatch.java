package sparkbook.engine.query;

import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One micro-batch of a query, made once from Spark's {@code StreamingQueryProgress} (as Spark's UI makes its own
 * rows from it): rows in, rates, where the batch's time went, the watermark, and the state of its stateful operators.
 *
 * @param durationMs  Spark's phases of the batch ({@code addBatch}, {@code getBatch}, {@code latestOffset},
 *                    {@code queryPlanning}, {@code walCommit}, {@code triggerExecution}...), in its order
 * @param watermarkMs the global watermark after the batch, when the query has one
 */
public record QueryBatch(long batchId, long timestampMs, long inputRows, double inputRowsPerSecond,
                         double processedRowsPerSecond, long batchDurationMs, Map<String, Long> durationMs,
                         OptionalLong watermarkMs, long stateRows, long stateRowsUpdated, long stateRowsDroppedByWatermark,
                         long stateMemoryBytes) {
    public QueryBatch {
        durationMs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(durationMs));
    }

    static QueryBatch of(StreamingQueryProgress p) {
        long rows = 0, updated = 0, dropped = 0, memory = 0;
        for (StateOperatorProgress op : p.stateOperators()) {
            rows += op.numRowsTotal();
            updated += op.numRowsUpdated();
            dropped += op.numRowsDroppedByWatermark();
            memory += op.memoryUsedBytes();
        }
        String watermark = p.eventTime() == null ? null : p.eventTime().get("watermark");
        // Spark reports the epoch until the first event time is seen: no watermark yet.
        long wm = watermark == null ? 0 : Instant.parse(watermark).toEpochMilli();
        OptionalLong watermarkMs = wm == 0 ? OptionalLong.empty() : OptionalLong.of(wm);
        return new QueryBatch(p.batchId(), Instant.parse(p.timestamp()).toEpochMilli(), p.numInputRows(),
                finite(p.inputRowsPerSecond()), finite(p.processedRowsPerSecond()), p.batchDuration(),
                p.durationMs() == null ? Map.of() : p.durationMs(), watermarkMs, rows, updated, dropped, memory);
    }

    /** Spark reports NaN for a rate it cannot know (no rows, no time): 0 here, so sums and charts stay numbers. */
    private static double finite(double rate) {
        return Double.isFinite(rate) ? rate : 0;
    }

    public boolean stateful() {
        return stateRows > 0 || stateMemoryBytes > 0;
    }
}
