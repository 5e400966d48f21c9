/**
 * Views of Structured Streaming queries, rendering the engine's {@link sparkbook.engine.query.QueryStatus} as it is:
 * the query dashboard (what Spark's Structured Streaming UI tab shows) and its chart.
 */
package sparkbook.display.query;
