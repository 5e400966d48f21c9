package sparkbook.engine.testing;

/**
 * The operation threw, or the run could not finish.
 *
 * @param batchIndex the failing batch (0-based), or -1 when it failed while building or starting the pipeline
 * @param summary    one line: exception and message, or advice for a known Spark trap
 * @param detail     the full text, stack trace included
 */
public record StreamCheckFailure(int batchIndex, long batchTimeMs, String summary, String detail) {

    public boolean beforeFirstBatch() {
        return batchIndex < 0;
    }
}
