/**
 * Per-batch samples of a DStream, of windows and of state, shared by the displays of one stream, and StreamShape (what
 * kind of stream it is). May import metrics and SparkbookStreamingAccess; its records (TapSample, StateSnapshot,
 * WindowSpec, StreamShape) are what the display renders.
 */
package sparkbook.engine.tap;
