/**
 * StreamCheck: runs an operation on given batches and compares each batch with the expected rows; its report records
 * are rendered by the display. May import api, input, errors and SparkbookStreamingAccess.
 */
package sparkbook.engine.testing;
