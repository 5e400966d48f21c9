package sparkbook.kernel.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes one cell's threads wrote to System.out or System.err, held until the next flush.
 * Text is decoded only at flush time, and a UTF-8 sequence split across writes is kept whole.
 * A writer that outruns the flusher flushes itself, so the buffer stays bounded.
 */
final class StreamBuffer {
    private static final int MAX_PENDING = 256 * 1024;
    private final String name;
    private final TextBuffers router;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(8192);
    /** Set once the router dropped this buffer (its cell's output was all flushed): appends must go elsewhere. */
    private boolean retired;
    /** Held while text is taken and published; appends only take {@code this}, so writers are not held up. */
    private final Object publishing = new Object();

    StreamBuffer(String name, TextBuffers router) {
        this.name = name;
        this.router = router;
    }

    static final int APPENDED = 0, FLUSH_NOW = 1, RETIRED = -1;

    /** Appends bytes: RETIRED if this buffer was dropped, FLUSH_NOW when the writer should flush it itself. */
    synchronized int append(byte[] b, int off, int len) {
        if (retired) return RETIRED;
        if (pending.remaining() < len) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + len));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(b, off, len);
        return pending.position() > MAX_PENDING ? FLUSH_NOW : APPENDED;
    }

    /** Retires both buffers of a cell if both are empty (locks taken in the order out, err). */
    static boolean retireIfEmpty(StreamBuffer out, StreamBuffer err) {
        synchronized (out) {
            synchronized (err) {
                if (out.pending.position() != 0 || err.pending.position() != 0) return false;
                out.retired = true;
                err.retired = true;
                return true;
            }
        }
    }

    /**
     * Publishes whatever complete text is pending to the given target. Taking the text and publishing it are one
     * step: a flush that finds the buffer empty while another thread is still publishing what it took waits for it,
     * so the cell's end (which flushes, then replies and goes idle) never overtakes the periodic flusher's last text.
     */
    void flushTo(OutputTarget target) {
        synchronized (publishing) {
            String text;
            synchronized (this) {
                if (pending.position() == 0) return;
                pending.flip();
                CharBuffer out = CharBuffer.allocate(pending.remaining() + 1);
                CoderResult r = decoder.decode(pending, out, false);
                if (r.isError()) pending.position(pending.limit());
                pending.compact(); // keeps an incomplete trailing sequence for next time
                if (pending.capacity() > 64 * 1024 && pending.position() < 8192) {
                    ByteBuffer smaller = ByteBuffer.allocate(8192);
                    pending.flip();
                    smaller.put(pending);
                    pending = smaller;
                }
                out.flip();
                text = out.toString();
            }
            if (!text.isEmpty()) router.publish(target, name, text);
        }
    }
}
