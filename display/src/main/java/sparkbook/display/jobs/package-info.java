/**
 * A cell's Spark jobs as its live progress display: bars per stage while they run, one summary line after.
 * Imports the engine's {@code jobs} snapshots only.
 */
package sparkbook.display.jobs;
