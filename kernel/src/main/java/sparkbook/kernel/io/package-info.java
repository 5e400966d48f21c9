/**
 * The cell-output port: {@link sparkbook.kernel.io.CellOutput} decides which cell every piece of output belongs to
 * (text on System.out and System.err, displays, live displays that outlive their cell) and hands it to the kernel to
 * publish; {@code TextBuffers} and {@code StreamBuffer} buffer text per cell. Uses the display module's
 * {@code MimeBundle} and {@code DisplaySink}; knows nothing of JSON or sockets.
 */
package sparkbook.kernel.io;
