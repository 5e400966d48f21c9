/**
 * Views of streams: batch tables, windows, state, throughput chart, dashboard, receivers and stream-check reports. They
 * render the engine's Spark-free records (metrics, tap and testing records) as they are, with no model of their own;
 * may import the display root, table and chart, and those engine records, never the engine's live machinery.
 */
package sparkbook.display.stream;
