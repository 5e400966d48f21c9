package sparkbook.engine.api;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The last error Spark logged, read from the end of the session's log file (as {@link SparkLogging} writes it). */
final class SparkLogTail {
    private static final int TAIL_BYTES = 256 * 1024;
    private static final Pattern ERROR = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR \\[[^\\]]*\\] (\\w+): (.*)$");
    /** What Spark logs as it gives up, after the error that made it give up. */
    private static final List<String> AFTERMATH = List.of("Error initializing SparkContext", "System.exit(",
            "Uncaught exception in thread");
    private static final int MAX_LENGTH = 400;

    private SparkLogTail() {}

    /** "SparkUI: Failed to bind SparkUI — java.net.BindException: Failed to bind to ..." or empty. */
    static Optional<String> lastError(Path log) {
        List<String> lines;
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, f.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            lines = new String(tail, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = ERROR.matcher(lines.get(i));
            if (!m.matches() || AFTERMATH.stream().anyMatch(m.group(2)::contains)) continue;
            String text = m.group(1) + ": " + m.group(2);
            // the exception the error was logged with starts on the next line
            if (i + 1 < lines.size() && !ERROR.matcher(lines.get(i + 1)).matches() && !lines.get(i + 1).isBlank()
                    && !lines.get(i + 1).startsWith("\tat ")) {
                text += " — " + lines.get(i + 1).strip();
            }
            return Optional.of(text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH - 1) + "…" : text);
        }
        return Optional.empty();
    }
}
