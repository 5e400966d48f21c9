/**
 * Values to MIME bundles: the display module's value views registered with IJava's renderer (which cells extend), and
 * the one conversion from the renderer's {@code DisplayData} to the {@code MimeBundle} the kernel publishes.
 */
package sparkbook.kernel.render;
