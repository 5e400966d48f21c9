package sparkbook.display.engine;

import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.metrics.BatchHistory;
import sparkbook.engine.metrics.BatchSnapshot;
import sparkbook.engine.metrics.ReceiverSnapshot;
import sparkbook.engine.tap.StateSnapshot;
import sparkbook.engine.tap.TapSample;
import sparkbook.engine.testing.BatchCheck;
import sparkbook.engine.testing.StreamCheckReport;
import sparkbook.display.stream.BatchStats;
import sparkbook.display.stream.CheckReport;
import sparkbook.display.stream.ReceiverInfo;
import sparkbook.display.stream.StateInfo;
import sparkbook.display.stream.StreamHistory;
import sparkbook.display.stream.StreamStatus;
import sparkbook.display.stream.TapBatch;
import sparkbook.display.stream.WindowSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps engine snapshots to this module's view models, so views stay testable without Spark and
 * engine record changes are absorbed in one place.
 */
public final class EngineViews {
    private EngineViews() {}

    public static StreamStatus status(StreamingSession session) {
        var metrics = session.metrics();
        return new StreamStatus(session.state().name(), history(metrics.batches()), receivers(metrics.receivers().snapshot()));
    }

    public static StreamHistory history(BatchHistory history) {
        return new StreamHistory(history.batchIntervalMs(), history.completedBatches(),
                history.snapshot().stream().map(EngineViews::batch).toList());
    }

    public static BatchStats batch(BatchSnapshot b) {
        Map<String, Long> perInput = new LinkedHashMap<>();
        new TreeMap<>(b.recordsPerStream()).forEach((id, n) -> perInput.put("input " + id, n));
        int failed = b.failures().size();
        return new BatchStats(b.batchTimeMs(), perInput, b.totalRecords(),
                b.schedulingDelayMs().orElse(0), b.processingTimeMs().orElse(0), b.totalDelayMs().orElse(0),
                b.outputOperations(), failed);
    }

    public static List<ReceiverInfo> receivers(List<ReceiverSnapshot> receivers) {
        return receivers.stream().map(r -> new ReceiverInfo(r.streamId(), r.name(), r.active(),
                r.location() + (r.executorId() == null || r.executorId().isEmpty() ? "" : " (executor " + r.executorId() + ")"),
                r.lastError().orElse(""), r.recordsPerSecond())).toList();
    }

    public static TapBatch tap(TapSample<?> sample) {
        return new TapBatch(sample.batchTimeMs(), sample.count(), sample.rows());
    }

    public static WindowSpec window(sparkbook.engine.tap.WindowSpec spec) {
        return new WindowSpec(spec.batchMs(), spec.windowMs(), spec.slideMs());
    }

    public static StateInfo state(StateSnapshot<?, ?> state) {
        return new StateInfo(state.batchTimeMs(), state.size(),
                state.top().stream().map(e -> new StateInfo.KeyValue(e.getKey(), e.getValue())).toList());
    }

    public static CheckReport check(String name, StreamCheckReport report) {
        List<CheckReport.BatchMismatch> failures = report.failedBatches().stream()
                .map(EngineViews::mismatch).toList();
        return new CheckReport(name, report.passed(), Math.max(report.expectedBatches(), report.batches().size()), failures);
    }

    private static CheckReport.BatchMismatch mismatch(BatchCheck b) {
        String message = b.onlyOrderDiffers() ? "same rows, different order"
                : b.missing().size() + " missing, " + b.unexpected().size() + " unexpected";
        return new CheckReport.BatchMismatch(b.batchTimeMs(), b.expected(), b.actual(), message);
    }
}
