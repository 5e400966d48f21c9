package sparkbook.engine.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One batch of a stream check: expected against actual rows and their difference.
 *
 * @param index       the batch's position in the input / expected lists (0-based)
 * @param batchTimeMs the DStream batch's time; 0 for a query check, whose batches are input steps
 * @param missing     expected rows that did not appear (with multiplicity)
 * @param unexpected  rows that appeared but were not expected (with multiplicity)
 * @param passed      rows agree under the check's {@link RowOrder}
 * @param note        what else the batch ran through, for a query check: its micro-batches and the watermark after
 *                    them ("micro-batches 2-3 · watermark 2026-01-01T12:00:21Z"); empty for a DStream batch
 */
public record BatchCheck(int index, long batchTimeMs, List<Object> expected, List<Object> actual,
                         List<Object> missing, List<Object> unexpected, boolean passed, String note) {

    public BatchCheck {
        note = note == null ? "" : note;
        expected = frozen(expected);
        actual = frozen(actual);
        missing = frozen(missing);
        unexpected = frozen(unexpected);
    }

    /** Same rows, but the order differs (only possible with {@link RowOrder#EXACT}). */
    public boolean onlyOrderDiffers() {
        return !passed && missing.isEmpty() && unexpected.isEmpty();
    }

    static BatchCheck compare(int index, long batchTimeMs, List<?> expected, List<?> actual, RowOrder order) {
        return compare(index, batchTimeMs, expected, actual, order, "");
    }

    static BatchCheck compare(int index, long batchTimeMs, List<?> expected, List<?> actual, RowOrder order,
                              String note) {
        List<Object> missing = new ArrayList<>(expected);
        List<Object> unexpected = new ArrayList<>();
        for (Object row : actual) {
            if (!missing.remove(row)) {
                unexpected.add(row);
            }
        }
        boolean sameRows = missing.isEmpty() && unexpected.isEmpty();
        boolean passed = order == RowOrder.EXACT ? sameRows && expected.equals(actual) : sameRows;
        return new BatchCheck(index, batchTimeMs, new ArrayList<>(expected), new ArrayList<>(actual), missing, unexpected, passed,
                note);
    }

    // rows may legitimately be null, which List.copyOf rejects
    private static List<Object> frozen(List<Object> rows) {
        return Collections.unmodifiableList(new ArrayList<>(rows));
    }
}
