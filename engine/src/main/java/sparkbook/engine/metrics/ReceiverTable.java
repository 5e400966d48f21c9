package sparkbook.engine.metrics;

import org.apache.spark.streaming.scheduler.ReceiverInfo;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Receivers by stream id, with their rates over the last {@value #RATE_WINDOW} batches. Thread-safe. */
public final class ReceiverTable {
    static final int RATE_WINDOW = 5;

    private final Map<Integer, ReceiverInfo> infos = new HashMap<>();
    private final Map<Integer, ArrayDeque<Long>> recentCounts = new HashMap<>();
    private final long batchIntervalMs;

    public ReceiverTable(long batchIntervalMs) {
        this.batchIntervalMs = batchIntervalMs;
    }

    synchronized void update(ReceiverInfo info) {
        infos.put(info.streamId(), info);
    }

    synchronized void recordBatch(BatchSnapshot batch) {
        for (Integer streamId : infos.keySet()) {
            var counts = recentCounts.computeIfAbsent(streamId, id -> new ArrayDeque<>());
            counts.addLast(batch.recordsPerStream().getOrDefault(streamId, 0L));
            if (counts.size() > RATE_WINDOW) {
                counts.removeFirst();
            }
        }
    }

    /** One row per receiver seen, by stream id. */
    public synchronized List<ReceiverSnapshot> snapshot() {
        return infos.values().stream()
                .sorted(Comparator.comparingInt(ReceiverInfo::streamId))
                .map(this::toSnapshot)
                .toList();
    }

    private ReceiverSnapshot toSnapshot(ReceiverInfo info) {
        var counts = recentCounts.getOrDefault(info.streamId(), new ArrayDeque<>());
        double rate = counts.isEmpty() ? 0.0
                : counts.stream().mapToLong(Long::longValue).sum() * 1000.0 / (counts.size() * (double) batchIntervalMs);
        String error = info.lastErrorMessage();
        return new ReceiverSnapshot(info.streamId(), info.name(), info.active(), info.location(), info.executorId(),
                error == null || error.isEmpty() ? Optional.empty() : Optional.of(error),
                info.lastErrorTime() < 0 ? OptionalLong.empty() : OptionalLong.of(info.lastErrorTime()),
                rate);
    }

    synchronized void clear() {
        infos.clear();
        recentCounts.clear();
    }
}
