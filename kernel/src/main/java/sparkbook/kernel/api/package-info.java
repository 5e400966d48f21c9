/**
 * What cells call by name: {@code Notebook}'s {@code display}, {@code updateDisplay}, {@code render} and
 * {@code readInput} (statically imported in every cell, as in IJava), and {@code StreamingExamples}, so Spark's
 * examples paste as written.
 */
package sparkbook.kernel.api;
