package sparkbook.kernel.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * System.in for cells: each line is asked of the front end with an input_request, when the request allows stdin.
 */
public final class StdinReader extends InputStream {
    /** Asks the front end for one line; throws when the current request does not allow stdin. */
    @FunctionalInterface
    public interface LineSource {
        String readLine(String prompt, boolean password) throws IOException;
    }

    private final LineSource source;
    private byte[] line = new byte[0];
    private int pos;

    public StdinReader(LineSource source) {
        this.source = source;
    }

    @Override
    public synchronized int read() throws IOException {
        if (pos >= line.length) {
            line = (source.readLine("", false) + "\n").getBytes(StandardCharsets.UTF_8);
            pos = 0;
        }
        return line[pos++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        int first = read();
        b[off] = (byte) first;
        int n = 1;
        while (n < len && pos < line.length) b[off + n++] = line[pos++];
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - pos;
    }
}
