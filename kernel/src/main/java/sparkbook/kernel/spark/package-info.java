/**
 * The notebook's Spark, split by job: {@code NotebookSpark} (the session's life: start, replace, settings, stop),
 * {@code SparkVariables} ({@code sc}, {@code spark}, {@code ssc} set in place), {@code SparkCellHooks} (around each
 * cell and snippet: job groups, interrupts, a context of the cell's own, the stream's cell), {@code StreamDisplays}
 * (live displays of streams), {@code SparkMagics} ({@code %spark}, {@code %stream}, {@code %%stream}). Uses the
 * engine, the display module's live displays, the interpreter's {@code SnippetRuntime} and the cell-output port.
 */
package sparkbook.kernel.spark;
