/**
 * Batch and receiver metrics from a StreamingListener, kept in bounded histories, and the Spark-free records the
 * display renders (BatchSnapshot, ReceiverSnapshot, StreamStatus) with the one Stability rule. Imports no other
 * sparkbook package; only BatchSnapshots converts Spark's Scala types.
 */
package sparkbook.engine.metrics;
