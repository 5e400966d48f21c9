/**
 * The Jupyter wire: ZeroMQ sockets, message framing, HMAC signing and headers. It knows messages as JSON parts, not
 * what their contents mean, and uses nothing else of the kernel.
 */
package sparkbook.kernel.channels;
