package sparkbook.engine.kafka;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One {@link BrokerProcess} child JVM and the pipes to it: lines in on its stdin, lines out of its stdout (read by a
 * daemon thread into a queue so a caller can wait for the next one with a deadline), stderr into a log file. The child
 * lives only as long as its stdin is open, so it also dies when this JVM dies, however it dies.
 */
final class ChildJvm {
    /**
     * Kafka's own default heap is 1 GiB; a single-node broker for notebooks and tests runs well in less. C1 only
     * (TieredStopAtLevel=1): on 2 cores C2 compiling Kafka's start-up code competes with it, and ready came after
     * 5.5 to 7 s instead of 8.6 to 12.6 s; a notebook's record rates do not need C2's peak.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true");

    /**
     * The child's main class, by name: {@code BrokerProcess.class} would make this JVM load it, and with it possibly
     * Kafka classes it does not have.
     */
    static final String MAIN_CLASS = "sparkbook.engine.kafka.BrokerProcess";

    private final Process process;
    private final Path logFile;
    private final Writer stdin;
    /** Lines from the child's stdout; an empty Optional marks its end. */
    private final BlockingQueue<Optional<String>> stdout = new LinkedBlockingQueue<>();
    private boolean stdoutEnded;

    private ChildJvm(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::readStdout, "sparkbook-kafka-replies-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * {@code java -cp <engine classes>:<kafkaClassPath> sparkbook.engine.kafka.BrokerProcess args...}, with the
     * {@code java} of this JVM. The engine's location comes first; it holds nothing Kafka's class path also has.
     */
    static List<String> command(List<Path> kafkaClassPath, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classPath(kafkaClassPath));
        command.add(MAIN_CLASS);
        command.addAll(args);
        return command;
    }

    private static String classPath(List<Path> kafkaClassPath) {
        if (kafkaClassPath.isEmpty()) {
            throw new IllegalArgumentException("The Kafka class path is empty: resolve KafkaBroker.SERVER_ARTIFACTS first");
        }
        List<Path> entries = new ArrayList<>();
        entries.add(engineLocation());
        entries.addAll(kafkaClassPath);
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** The jar or classes folder this class came from: it holds BrokerProcess and nothing of Kafka's. */
    private static Path engineLocation() {
        try {
            return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Cannot tell where sparkbook.engine.kafka was loaded from", e);
        }
    }

    static ChildJvm start(List<String> command, Path logFile) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new ChildJvm(process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    void send(List<String> lines) {
        try {
            for (String line : lines) {
                stdin.write(line);
                stdin.write('\n');
            }
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException("The Kafka broker process is gone (writing to it failed: " + e.getMessage()
                    + "). Its last log lines:\n" + logTail(), e);
        }
    }

    /**
     * The child's next stdout line, waiting at most {@code timeout}; empty once its stdout has ended (it exited).
     *
     * @throws TimeoutException if no line came in time
     */
    synchronized Optional<String> nextLine(Duration timeout) throws TimeoutException, InterruptedException {
        if (stdoutEnded) {
            return Optional.empty();
        }
        Optional<String> line = stdout.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == null) {
            throw new TimeoutException();
        }
        stdoutEnded = line.isEmpty();
        return line;
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                stdout.add(Optional.of(line));
            }
        } catch (IOException e) {
            // The pipe broke: same as its end for the reader.
        } finally {
            stdout.add(Optional.empty());
        }
    }

    String logTail() {
        return LogTail.lastLines(logFile, 40);
    }

    /** The exit code, or a note that it is still running, for error messages. */
    boolean isAlive() {
        return process.isAlive();
    }

    String exitState() {
        return process.isAlive() ? "still running" : "exited with code " + process.exitValue();
    }

    /**
     * Closes the child's stdin, which asks it to stop; waits up to {@code grace} for it to exit, then kills it.
     * Returns when it is gone.
     */
    void stop(Duration grace) {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already gone: nothing to ask.
        }
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            kill();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the child and waits (briefly, uninterruptibly) for it to be reaped. */
    void kill() {
        process.destroyForcibly();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
