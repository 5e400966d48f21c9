package sparkbook.engine.testing;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of a {@link StreamCheck}: one {@link BatchCheck} per batch that ran and, if the
 * operation threw, the {@link StreamCheckFailure}. Read by JUnit ({@link #assertPassed()}) and by
 * the display ({@link #toText()} or the records themselves). {@link QueryCheck} reports the same way, its batches
 * being the input steps of a Structured Streaming query.
 *
 * @param subject "stream check" (DStreams) or "query check" (Structured Streaming), for headlines
 */
public record StreamCheckReport(String subject, boolean passed, RowOrder order, long batchIntervalMs, int expectedBatches,
                                List<BatchCheck> batches, Optional<StreamCheckFailure> failure, long elapsedMs) {
    public static final String STREAM_CHECK = "stream check";
    public static final String QUERY_CHECK = "query check";

    public StreamCheckReport {
        batches = List.copyOf(batches);
    }

    public List<BatchCheck> failedBatches() {
        return batches.stream().filter(b -> !b.passed()).toList();
    }

    /** Throws an AssertionError naming each failing batch and its missing / unexpected rows. */
    public StreamCheckReport assertPassed() {
        if (!passed) {
            throw new AssertionError(toText());
        }
        return this;
    }

    /** A plain-text account: a verdict line, then each batch; failing batches show both sides and the difference. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(headline()).append('\n');
        for (BatchCheck b : batches) {
            out.append(b.note().isEmpty() ? String.format("batch[%d] @ %d ms: ", b.index(), b.batchTimeMs())
                    : String.format("batch[%d] (%s): ", b.index(), b.note()));
            if (b.passed()) {
                out.append("ok (").append(b.actual().size()).append(b.actual().size() == 1 ? " row)" : " rows)").append('\n');
                continue;
            }
            out.append(b.onlyOrderDiffers() ? "same rows, different order\n" : "DIFFERS\n");
            out.append(sideBySide(b.expected(), b.actual()));
            if (!b.missing().isEmpty()) {
                out.append("  - missing:    ").append(rows(b.missing())).append('\n');
            }
            if (!b.unexpected().isEmpty()) {
                out.append("  + unexpected: ").append(rows(b.unexpected())).append('\n');
            }
        }
        failure.ifPresent(f -> out.append(f.beforeFirstBatch()
                        ? "failed before the first batch: "
                        : f.batchTimeMs() == 0 ? String.format("batch[%d] FAILED: ", f.batchIndex())
                        : String.format("batch[%d] @ %d ms FAILED: ", f.batchIndex(), f.batchTimeMs()))
                .append(f.summary()).append('\n'));
        return out.toString();
    }

    private String headline() {
        String compared = order == RowOrder.EXACT ? "rows compared in order" : "rows compared in any order";
        if (passed) {
            return subject + " passed: " + batches.size() + " batches (" + compared + ", " + elapsedMs + " ms)";
        }
        long differing = batches.stream().filter(b -> !b.passed()).count();
        String what = failure.isPresent() ? "the operation failed" : differing + " of " + expectedBatches + " batches differ";
        if (failure.isPresent() && differing > 0) {
            what += " and " + differing + " batches differ";
        }
        return subject + " FAILED: " + what + " (" + compared + ")";
    }

    private static String sideBySide(List<Object> expected, List<Object> actual) {
        int width = Math.max("expected".length(),
                expected.stream().mapToInt(r -> String.valueOf(r).length()).max().orElse(0));
        width = Math.min(width, 60);
        StringBuilder out = new StringBuilder(String.format("    %-" + width + "s | %s%n", "expected", "actual"));
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String left = i < expected.size() ? String.valueOf(expected.get(i)) : "";
            String right = i < actual.size() ? String.valueOf(actual.get(i)) : "";
            out.append(String.format("    %-" + width + "s | %s%n", left, right));
        }
        if (expected.isEmpty() && actual.isEmpty()) {
            out.append("    (both empty)\n");
        }
        return out.toString();
    }

    private static String rows(List<Object> rows) {
        return rows.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
