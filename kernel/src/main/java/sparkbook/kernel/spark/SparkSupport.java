package sparkbook.kernel.spark;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import sparkbook.display.engine.LiveStreams;
import sparkbook.display.MimeBundle;
import sparkbook.display.live.DisplaySink;
import sparkbook.display.live.UpdateCoalescer;
import sparkbook.engine.api.SessionConfig;
import sparkbook.engine.api.SessionState;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.api.StreamingTraps;
import sparkbook.engine.metrics.BatchSnapshot;
import sparkbook.engine.metrics.OutputFailure;
import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.interpreter.Interpreter;
import sparkbook.kernel.render.ValueRenderers;
import sparkbook.kernel.io.OutputRouter;
import sparkbook.kernel.io.OutputTarget;
import sparkbook.kernel.magic.CellRunner;
import sparkbook.kernel.protocol.CellHooks;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The notebook's Spark: starts the session in the background once JShell is up, defines {@code sc},
 * {@code spark} and {@code ssc} in the first cell that uses them, routes batch output and failures to the cell
 * that started the stream, and explains Spark's streaming traps when a cell hits one.
 */
public final class SparkSupport implements CellHooks {
    private static final Pattern USES_VARIABLES = Pattern.compile("\\b(sc|ssc|spark)\\b");
    /** A cell that builds its own SparkConf wants its own SparkContext (Spark's examples do). */
    private static final Pattern OWN_CONTEXT = Pattern.compile("new\\s+SparkConf\\s*\\(");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final CompletableFuture<Interpreter> interpreterBuilt;
    private final CompletableFuture<CellRunner> runner;
    private final OutputRouter output;
    private final Path workDir;
    private final UpdateCoalescer coalescer;
    private final LiveStreams liveStreams;
    /** How long a final render waits for batch samples still on their way (a slow job is not waited for forever). */
    static final java.time.Duration SAMPLES_TIMEOUT = java.time.Duration.ofSeconds(10);
    private final Map<String, OutputTarget> displayTargets = new ConcurrentHashMap<>();
    private volatile SessionConfig config;
    private volatile CompletableFuture<StreamingSession> session;
    private volatile boolean variablesDefined;
    private final java.util.concurrent.atomic.AtomicBoolean sqlWarmed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile org.apache.spark.streaming.StreamingContext ownedStream;

    /** @param publish sends a display message ("display_data" or "update_display_data") to a given cell */
    public SparkSupport(CompletableFuture<Interpreter> interpreterBuilt, CompletableFuture<CellRunner> runner,
                        OutputRouter output, Path workDir, PublishToCell publish) {
        this.interpreterBuilt = interpreterBuilt;
        this.runner = runner;
        this.output = output;
        this.workDir = workDir;
        this.config = SessionConfig.fromEnvironment(System.getenv()).withWorkDir(workDir.resolve("spark"));
        this.coalescer = new UpdateCoalescer(new DisplaySink() {
            @Override
            public void show(String displayId, MimeBundle data) {
                publish.publish(displayTargets.get(displayId), "display_data", displayId, ValueRenderers.toDisplayData(data));
            }

            /**
             * Updates go out under the cell running now, as ipykernel does: front ends find the display by its id
             * in any cell, and clients that follow only the running cell (nbclient) still see them.
             */
            @Override
            public void update(String displayId, MimeBundle data) {
                OutputTarget running = output.runningCell();
                publish.publish(running != null ? running : displayTargets.get(displayId), "update_display_data", displayId,
                        ValueRenderers.toDisplayData(data));
            }
        });
        this.liveStreams = new LiveStreams(coalescer);
    }

    /** Sends one display message to the cell that owns the display. */
    @FunctionalInterface
    public interface PublishToCell {
        void publish(OutputTarget target, String type, String displayId, DisplayData data);
    }

    public SessionConfig config() {
        return config;
    }

    /** The notebook variable holding {@code value}, to title its display; empty before JShell is up. */
    public Optional<String> variableNameOf(Object value) {
        Interpreter i = interpreterBuilt.getNow(null);
        return i == null ? Optional.empty() : i.variableNameOf(value);
    }

    public LiveStreams liveStreams() {
        return liveStreams;
    }

    /** Starts Spark in the background as soon as JShell exists: kernel_info and plain cells never wait for it. */
    public synchronized void startInBackground() {
        if (session != null) return;
        SessionConfig cfg = config;
        session = interpreterBuilt.thenApplyAsync(i -> open(cfg, i), r -> {
            Thread t = new Thread(r, "sparkbook-spark-start");
            t.setDaemon(true);
            t.start();
        });
    }

    private StreamingSession open(SessionConfig cfg, Interpreter interpreter) {
        interpreter.setSnippetGuard(new RemoteClosureCheck(() -> config.master())::check);
        // Snippet lambdas deserialise through the context class loader of the thread that made the SparkContext.
        Thread.currentThread().setContextClassLoader(interpreter.snippetClassLoader());
        SessionConfig full = cfg.withClassOutputDir(interpreter.classOutputDir());
        // A SparkConf built in a cell (as Spark's examples do) picks these up: it runs with the notebook's master.
        System.setProperty("spark.master", full.master());
        System.setProperty("spark.app.name", full.appName());
        System.setProperty("spark.repl.class.outputDir", interpreter.classOutputDir().toAbsolutePath().toString());
        StreamingSession s = StreamingSession.open(full);
        if (RemoteClosureCheck.executorsInOtherJvms(full.master())) shipEngineJar(s);
        s.metrics().onBatchCompleted(this::reportFailures);
        if (output.runningCell() == null) warmUpSqlOnce(s); // else after that cell: don't slow the first Spark result
        return s;
    }

    /** Taps and live queues run engine code on executors: executors in other JVMs need its jar. */
    private static void shipEngineJar(StreamingSession s) {
        try {
            java.net.URL jar = StreamingSession.class.getProtectionDomain().getCodeSource().getLocation();
            if (jar != null && jar.getPath().endsWith(".jar")) s.sc().addJar(jar.toString());
        } catch (SecurityException | IllegalArgumentException e) {
            System.err.println("sparkbook: could not ship the engine jar to executors (" + e.getMessage()
                    + "); add it with %classpath if live displays fail on the cluster.");
        }
    }

    /** Failed output operations show in the cell that started the stream, not only in the log. */
    private void reportFailures(BatchSnapshot batch) {
        for (OutputFailure f : batch.failures()) {
            System.err.println("Batch " + CLOCK.format(Instant.ofEpochMilli(batch.batchTimeMs())) + " failed in "
                    + f.name() + ": " + f.summary());
        }
    }

    /** The session, started if it was released; waits while it starts. */
    public StreamingSession session() {
        CompletableFuture<StreamingSession> s = session;
        if (s == null) {
            startInBackground();
            s = session;
        }
        if (!s.isDone()) {
            System.out.println("Waiting for Spark to start (" + config.master() + ")...");
            System.out.flush();
        }
        try {
            return s.join();
        } catch (java.util.concurrent.CompletionException e) {
            synchronized (this) {
                session = null; // the next use tries again, perhaps with other settings
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Spark did not start: " + cause.getMessage().lines().findFirst().orElse("")
                    + "\nCheck the settings with %spark, change them with %spark master=local[*] ..., and see the log "
                    + config.logFile(), cause);
        }
    }

    public Optional<StreamingSession> sessionIfReady() {
        CompletableFuture<StreamingSession> s = session;
        return s != null && s.isDone() && !s.isCompletedExceptionally() ? Optional.of(s.join()) : Optional.empty();
    }

    /** Applies new settings; a running Spark is restarted with them (its streams stop). */
    public synchronized void reconfigure(SessionConfig newConfig) {
        this.config = newConfig;
        release("Restarting Spark with master=" + newConfig.master() + ", batch=" + newConfig.batchInterval().toMillis() + " ms");
        startInBackground();
        if (variablesDefined) rebindVariables(true);
    }

    /** Stops the notebook's Spark (when a cell builds its own, or before new settings). */
    public synchronized void release(String why) {
        CompletableFuture<StreamingSession> s = session;
        session = null;
        finishDisplays();
        if (s == null) return;
        if (!s.isDone()) System.out.println("Waiting for Spark to finish starting before stopping it...");
        try {
            StreamingSession started = s.join();
            System.out.println(why + ".");
            started.close();
        } catch (RuntimeException e) {
            // It never started: nothing to stop.
        }
    }

    /** Renders every live display a last time, once the samples of the last batches have reached them. */
    public void finishDisplays() {
        liveStreams.awaitSamples(SAMPLES_TIMEOUT);
        coalescer.finishAll();
    }

    /** Makes a fresh StreamingContext (the SparkContext stays) and points {@code ssc} at it. */
    public JavaStreamingContext renewStream() {
        StreamingSession s = session();
        s.stop(); // first, so the displays' final state says STOPPED
        finishDisplays();
        JavaStreamingContext fresh = s.renew();
        rebindVariables(false);
        return fresh;
    }

    /** Defines sc, spark and ssc, or points them at the current session's objects. */
    public void rebindVariables(boolean all) {
        CellRunner r = runner.join();
        String from = "sparkbook.kernel.runtime.KernelRuntime.spark()";
        String code;
        if (!variablesDefined) {
            code = "org.apache.spark.api.java.JavaSparkContext sc = " + from + ".sc();\n"
                    + "org.apache.spark.sql.SparkSession spark = " + from + ".spark();\n"
                    + "org.apache.spark.streaming.api.java.JavaStreamingContext ssc = " + from + ".ssc();";
        } else {
            code = (all ? "sc = " + from + ".sc();\nspark = " + from + ".spark();\n" : "") + "ssc = " + from + ".ssc();";
        }
        EvalOutcome o = r.interpreter().eval(code);
        if (o instanceof EvalOutcome.Success) variablesDefined = true;
        else System.err.println("sparkbook: could not define sc, spark and ssc: " + o);
    }

    @Override
    public void beforeCell(String code, OutputTarget target) {
        String java = withoutMagicLines(code);
        if (OWN_CONTEXT.matcher(java).find() && session != null) {
            release("This cell builds its own SparkConf: stopped the notebook's SparkContext so it can create its own "
                    + "(Spark allows one per JVM). %spark starts the notebook's again");
            return;
        }
        if (!USES_VARIABLES.matcher(java).find()) return;
        Optional<StreamingSession> ready = sessionIfReady();
        if (ready.isPresent() && ready.get().sc().sc().isStopped()) {
            // ssc.stop() stops the SparkContext too (ssc.stop(false) keeps it): start a fresh one for this cell.
            synchronized (this) {
                session = null;
            }
            System.out.println("The SparkContext was stopped (ssc.stop() stops it too; ssc.stop(false) keeps it): starting a new one.");
            session();
            rebindVariables(true);
        } else if (!variablesDefined) {
            session();
            rebindVariables(true);
        }
    }

    /** The first SQL query in a JVM costs seconds: pay them while the kernel is idle, not in the first batch. */
    private void warmUpSqlOnce(StreamingSession s) {
        if (sqlWarmed.compareAndSet(false, true)) s.warmUpSql();
    }

    @Override
    public void afterCell(String code, OutputTarget target, EvalOutcome outcome) {
        sessionIfReady().ifPresent(this::warmUpSqlOnce);
        coalescer.flushAll(); // live displays show what the cell saw last, also in a notebook run headless
        // The cell during which a stream started owns its output from then on: the notebook's own stream, or
        // one a cell built from its own SparkConf, as Spark's examples do.
        scala.Option<org.apache.spark.streaming.StreamingContext> active = org.apache.spark.streaming.StreamingContext.getActive();
        if (active.isDefined() && active.get() != ownedStream) {
            ownedStream = active.get();
            output.setBackground(target);
            // ssc.start() called in the cell skips the session's checks: a starved stream still gets its warning.
            sessionIfReady().filter(s -> s.ssc().ssc() == active.get())
                    .ifPresent(s -> s.startProblems().forEach(p -> System.err.println("Warning: " + p)));
        }
    }

    @Override
    public Optional<String> explain(Throwable error) {
        return StreamingTraps.explain(error);
    }

    /** Interrupting a cell cancels the Spark jobs it started. */
    public void cancelJobs() {
        sessionIfReady().ifPresent(StreamingSession::cancelJobs);
    }

    public void shutdown() {
        coalescer.close();
        CompletableFuture<StreamingSession> s = session;
        if (s != null && s.isDone() && !s.isCompletedExceptionally()) {
            Thread stopper = new Thread(() -> s.join().close(), "sparkbook-spark-stop");
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Remembers which cell a live display answers to. */
    public void bindDisplay(String displayId, OutputTarget target) {
        displayTargets.put(displayId, target);
    }

    static String withoutMagicLines(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n")) if (!line.stripLeading().startsWith("%")) sb.append(line).append('\n');
        return sb.toString();
    }
}
