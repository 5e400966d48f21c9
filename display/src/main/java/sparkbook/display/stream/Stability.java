package sparkbook.display.stream;

import java.util.List;

/**
 * Whether the stream keeps up with its batch interval, judged like the Spark UI: it falls behind
 * when batches take longer than the interval or the scheduling delay keeps growing.
 */
public enum Stability {
    STABLE("stable"), FALLING_BEHIND("falling behind"), UNKNOWN("no batches yet");

    /** Batches looked at; enough to ignore a single slow batch (e.g. the JIT-cold first one). */
    static final int WINDOW = 5;

    private final String label;

    Stability(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Stability of(StreamHistory history) {
        List<BatchStats> recent = history.last(WINDOW);
        if (recent.isEmpty()) return UNKNOWN;
        double avgProcessing = recent.stream().mapToLong(BatchStats::processingTimeMs).average().orElse(0);
        if (avgProcessing > history.batchIntervalMs()) return FALLING_BEHIND;
        if (recent.size() >= 3 && growing(recent)) return FALLING_BEHIND;
        return STABLE;
    }

    private static boolean growing(List<BatchStats> recent) {
        for (int i = 1; i < recent.size(); i++) {
            if (recent.get(i).schedulingDelayMs() <= recent.get(i - 1).schedulingDelayMs()) return false;
        }
        return true;
    }
}
