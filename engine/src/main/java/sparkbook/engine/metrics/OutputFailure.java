package sparkbook.engine.metrics;

/**
 * An output operation (print, foreachRDD, a tap...) that failed in a batch.
 *
 * @param summary the first line of the failure, fit for a cell
 * @param detail  Spark's full failure text (with stack trace), for a log or an expandable view
 */
public record OutputFailure(long batchTimeMs, int outputOpId, String name, String summary, String detail) {
}
