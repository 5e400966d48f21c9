package sparkbook.engine.metrics;

import java.util.List;

/**
 * Whether a stream keeps up, judged like the Spark UI: a DStream falls behind when batches take longer than the
 * interval or the scheduling delay keeps growing; a Structured Streaming query, when rows arrive faster than it
 * processes them. The one rule for both; the displays only label it.
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

    /** @param batches completed batches, oldest first (only the last {@value #WINDOW} count) */
    public static Stability of(List<BatchSnapshot> batches, long batchIntervalMs) {
        List<BatchSnapshot> recent = batches.subList(Math.max(0, batches.size() - WINDOW), batches.size());
        if (recent.isEmpty()) return UNKNOWN;
        double avgProcessing = recent.stream().mapToLong(b -> b.processingTimeMs().orElse(0)).average().orElse(0);
        if (avgProcessing > batchIntervalMs) return FALLING_BEHIND;
        if (recent.size() >= 3 && growing(recent)) return FALLING_BEHIND;
        return STABLE;
    }

    /**
     * @param inputRates     rows per second arriving, per completed micro-batch of a query, oldest first
     * @param processedRates rows per second processed, for the same batches (only the last {@value #WINDOW} count)
     */
    public static Stability ofRates(List<Double> inputRates, List<Double> processedRates) {
        int n = Math.min(WINDOW, inputRates.size());
        if (n == 0) return UNKNOWN;
        if (n < 3) return STABLE;
        for (int i = inputRates.size() - n; i < inputRates.size(); i++) {
            if (inputRates.get(i) == 0 || inputRates.get(i) <= processedRates.get(i)) return STABLE;
        }
        return FALLING_BEHIND;
    }

    private static boolean growing(List<BatchSnapshot> recent) {
        for (int i = 1; i < recent.size(); i++) {
            if (recent.get(i).schedulingDelayMs().orElse(0) <= recent.get(i - 1).schedulingDelayMs().orElse(0)) return false;
        }
        return true;
    }
}
