/**
 * The Jupyter kernel's wiring: {@code Main} reads the connection file, {@code SparkbookKernel} builds the channels,
 * the protocol handlers, the interpreter, the cell-output port and the notebook's Spark, and serves the shell and
 * control channels. Each subpackage has one job; only this package knows all of them.
 */
package sparkbook.kernel;
