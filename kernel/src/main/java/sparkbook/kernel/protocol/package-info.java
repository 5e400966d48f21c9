/**
 * The Jupyter messaging protocol: a handler per request family, and the typed content of every message the kernel
 * sends (a file per family, made JSON by {@code Contents} alone). It sends through channels, runs cells with magic
 * and interpreter, routes their output with io and shows values with render; Spark comes in only as
 * {@code CellHooks}.
 */
package sparkbook.kernel.protocol;
