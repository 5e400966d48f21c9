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
    private final OutputRouter router;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(8192);

    StreamBuffer(String name, OutputRouter router) {
        this.name = name;
        this.router = router;
    }

    /** Appends bytes; true when so much is pending that the writer should flush it itself. */
    synchronized boolean append(byte[] b, int off, int len) {
        if (pending.remaining() < len) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + len));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(b, off, len);
        return pending.position() > MAX_PENDING;
    }

    synchronized boolean isEmpty() {
        return pending.position() == 0;
    }

    /** Publishes whatever complete text is pending to the given target. */
    void flushTo(OutputTarget target) {
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
        if (!text.isEmpty()) router.publisher().publish(target, name, text);
    }
}
