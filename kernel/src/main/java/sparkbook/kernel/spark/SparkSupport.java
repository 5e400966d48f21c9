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
import sparkbook.engine.api.StartFailure;
import sparkbook.engine.api.StreamingTraps;
import sparkbook.engine.jobs.CellJobs;
import org.apache.spark.streaming.SparkbookStreamingAccess;
import sparkbook.kernel.interpreter.CellInterruptedException;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** Guards the swaps of {@link #session} and {@link #stopped}; never held while waiting or evaluating. */
    private final Object lock = new Object();
    private volatile SessionConfig config;
    private volatile CompletableFuture<StreamingSession> session;
    /** Completes when every session released so far has stopped. */
    private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
    /** Completed by an interrupt of the running cell: the kernel's waits on its behalf end. */
    private volatile CompletableFuture<Void> interrupted = new CompletableFuture<>();
    /** The session and StreamingContext that sc, spark and ssc point at now (null: not defined yet). */
    private volatile StreamingSession boundSession;
    private volatile JavaStreamingContext boundSsc;
    private final AtomicBoolean sqlWarmed = new AtomicBoolean();
    private final AtomicInteger cellCount = new AtomicInteger();
    private volatile CellJobGroup cellJobs;
    /** Set when a snippet of the running cell creates a SparkContext of its own; that context, once it ran. */
    private volatile boolean cellCreatesContext;
    private volatile org.apache.spark.SparkContext cellsOwnContext;
    private volatile org.apache.spark.streaming.StreamingContext ownedStream;
    /** The cell that started the running stream, where its batch failures are reported. */
    private volatile OutputTarget streamHome;
    private final RemoteClosureCheck remoteClosures = new RemoteClosureCheck(() -> config.master());
    private volatile SnippetCalls snippetCalls;
    /** How long an interrupted cell waits for its Spark tasks to end before saying which still run. */
    static final java.time.Duration TASKS_END_TIMEOUT = java.time.Duration.ofSeconds(10);

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
        output.attributeSparkOutput(CellJobs::cellOfCurrentTask, new OutputRouter.BackgroundWork() {
            @Override
            public boolean streamRunning() {
                return org.apache.spark.streaming.StreamingContext.getActive().isDefined();
            }

            @Override
            public boolean runningCellUsesSpark() {
                CellJobGroup jobs = cellJobs;
                return jobs != null && CellJobs.hasActiveJobs(jobs.sc(), jobs.group());
            }
        });
        interpreterBuilt.thenAccept(i -> {
            snippetCalls = new SnippetCalls(i::snippetClass);
            i.setSnippetGuard(this::beforeSnippet);
        });
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
    public CompletableFuture<StreamingSession> startInBackground() {
        CompletableFuture<StreamingSession> started = new CompletableFuture<>();
        SessionConfig cfg;
        CompletableFuture<Void> previousStopped;
        synchronized (lock) {
            if (session != null) return session;
            session = started;
            cfg = config;
            previousStopped = stopped;
        }
        // After the previous session is fully stopped: two SparkContexts starting and stopping at once share
        // Spark's process-wide state (SparkEnv) and break each other.
        previousStopped.thenCombine(interpreterBuilt, (ignored, interpreter) -> interpreter).whenComplete((interpreter, error) -> {
            if (error != null) {
                started.completeExceptionally(error);
                return;
            }
            // Spark's threads are made by this one: they must not send their output to the cell that asked for Spark.
            output.withoutCell(() -> {
                Thread t = new Thread(() -> {
                    try {
                        started.complete(open(cfg, interpreter));
                    } catch (Throwable e) {
                        started.completeExceptionally(e);
                    }
                }, "sparkbook-spark-start");
                t.setDaemon(true);
                t.start();
            });
        });
        return started;
    }

    private StreamingSession open(SessionConfig cfg, Interpreter interpreter) {
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

    /** Runs in the cell's thread before each snippet: the snippet's Spark lambdas, its own context, its waits. */
    private void beforeSnippet(String className, byte[] bytes) {
        remoteClosures.check(className, bytes);
        if (bytes == null) return;
        SnippetCalls.Facts facts = snippetCalls.of(className, bytes);
        if (facts.awaitsStream()) output.claimStreamOutput();
        if (facts.createsContext()) {
            cellCreatesContext = true;
            release("This cell creates its own SparkContext: stopped the notebook's (Spark allows one per JVM). "
                    + "sc, spark and ssc come back in the next cell that uses them");
        }
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
        if (batch.failures().isEmpty()) return;
        output.writeFor(streamHome, () -> {
            for (OutputFailure f : batch.failures()) {
                System.err.println("Batch " + CLOCK.format(Instant.ofEpochMilli(batch.batchTimeMs())) + " failed in "
                        + f.name() + ": " + f.summary());
            }
        });
    }

    /**
     * The notebook's session, started if there is none and replaced if its SparkContext was stopped (by
     * {@code ssc.stop()}, {@code spark.stop()}, a cell's own context); waits while it starts, until the cell is
     * interrupted. A failed start throws with its cause and fix; the next call tries again.
     */
    public StreamingSession session() {
        while (true) {
            CompletableFuture<StreamingSession> s = startInBackground();
            if (!s.isDone()) {
                System.out.println("Waiting for Spark to start (" + config.master() + ")...");
                System.out.flush();
            }
            awaitOrInterrupt(s, "Interrupted while Spark was starting (master=" + config.master() + "). It goes on starting "
                    + "in the background; the next cell that uses sc waits for what is left.");
            StreamingSession ready;
            try {
                ready = s.join();
            } catch (CompletionException e) {
                forget(s);
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException(StartFailure.explain(config, cause), cause);
            }
            if (!ready.sc().sc().isStopped()) return ready;
            forget(s);
            stopInBackground(s, null);
            System.out.println("The notebook's SparkContext was stopped (ssc.stop() and spark.stop() stop it too; "
                    + "ssc.stop(false) keeps it): starting a new one.");
        }
    }

    /** Waits for {@code f}; an interrupt of the cell ends the wait (not {@code f}) with {@code why}. */
    private void awaitOrInterrupt(CompletableFuture<?> f, String why) {
        CompletableFuture.anyOf(f, interrupted).handle((v, e) -> null).join();
        if (!f.isDone()) throw new CellInterruptedException(why);
    }

    private void forget(CompletableFuture<StreamingSession> s) {
        synchronized (lock) {
            if (session == s) session = null;
        }
    }

    public Optional<StreamingSession> sessionIfReady() {
        CompletableFuture<StreamingSession> s = session;
        return s != null && s.isDone() && !s.isCompletedExceptionally() ? Optional.of(s.join()) : Optional.empty();
    }

    /** Applies new settings; a running Spark is restarted with them (its streams stop). */
    public void reconfigure(SessionConfig newConfig) {
        this.config = newConfig;
        release("Restarting Spark with master=" + newConfig.master() + ", batch=" + newConfig.batchInterval().toMillis() + " ms");
        startInBackground();
    }

    /**
     * Stops the notebook's Spark (when a cell builds its own, or before new settings), saying {@code why} if it was
     * running. Waits for the stop unless the cell is interrupted; the next start waits for it in any case.
     */
    public void release(String why) {
        CompletableFuture<StreamingSession> s;
        synchronized (lock) {
            s = session;
            session = null;
        }
        finishDisplays();
        if (s == null) return;
        if (!s.isDone()) System.out.println("Waiting for Spark to finish starting before stopping it...");
        CompletableFuture<Void> done = stopInBackground(s, why);
        awaitOrInterrupt(done, "Interrupted while the notebook's Spark was stopping; it goes on stopping in the background.");
    }

    /** Closes a session once it has started, saying {@code why} if its context still ran; the next start waits for this. */
    private CompletableFuture<Void> stopInBackground(CompletableFuture<StreamingSession> s, String why) {
        CompletableFuture<Void> done = s.handle((started, error) -> {
            if (started != null) {
                if (why != null && !started.sc().sc().isStopped()) System.out.println(why + ".");
                try {
                    started.close();
                } catch (RuntimeException e) {
                    System.err.println("sparkbook: stopping Spark failed: " + StreamingTraps.firstLine(e));
                }
            }
            return null;
        });
        synchronized (lock) {
            stopped = stopped.thenCombine(done, (a, b) -> null);
        }
        return done;
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
        defineVariables();
        return fresh;
    }

    /**
     * Points {@code sc}, {@code spark} and {@code ssc} at the live session, defining them the first time and
     * starting or replacing the session as {@link #session()} does. Evaluated between snippets, never inside one.
     */
    public void defineVariables() {
        StreamingSession live = session();
        if (boundSession == live && boundSsc == live.ssc()) return;
        String from = "sparkbook.kernel.runtime.KernelRuntime.spark()";
        String code;
        if (boundSession == null) {
            code = "org.apache.spark.api.java.JavaSparkContext sc = " + from + ".sc();\n"
                    + "org.apache.spark.sql.SparkSession spark = " + from + ".spark();\n"
                    + "org.apache.spark.streaming.api.java.JavaStreamingContext ssc = " + from + ".ssc();";
        } else {
            code = (boundSession != live ? "sc = " + from + ".sc();\nspark = " + from + ".spark();\n" : "") + "ssc = " + from + ".ssc();";
        }
        EvalOutcome o = runner.join().interpreter().eval(code);
        if (o instanceof EvalOutcome.Success) {
            boundSession = live;
            boundSsc = live.ssc();
        } else if (o instanceof EvalOutcome.Interrupted) {
            throw new CellInterruptedException("Interrupted while sc, spark and ssc were being defined.");
        } else {
            System.err.println("sparkbook: could not define sc, spark and ssc: " + o);
        }
    }

    @Override
    public void beforeCell(String code, OutputTarget target) {
        interrupted = new CompletableFuture<>();
        String java = withoutMagicLines(code);
        if (USES_VARIABLES.matcher(java).find()) defineVariables();
        // The cell's jobs form a group that an interrupt cancels, on whichever SparkContext runs (the notebook's,
        // or one a cell made itself); threads the cell makes inherit it.
        Optional<org.apache.spark.SparkContext> active = sessionIfReady().map(s -> s.sc().sc())
                .or(() -> Optional.ofNullable(cellsOwnContext)).filter(sc -> !sc.isStopped());
        if (active.isPresent() && target.requestId() != null) {
            String group = "sparkbook-cell-" + cellCount.incrementAndGet();
            CellJobs.enter(active.get(), group, "cell: " + firstLine(java), target.requestId());
            cellJobs = new CellJobGroup(active.get(), group);
        }
    }

    private record CellJobGroup(org.apache.spark.SparkContext sc, String group) {}

    private static String firstLine(String java) {
        String line = java.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 79) + "…" : line;
    }

    /** The running cell waits on the stream: the stream's output shows under it until it ends. */
    public void claimStreamOutput() {
        output.claimStreamOutput();
    }

    /** Interrupting a cell cancels its Spark jobs, interrupting their tasks, and ends the kernel's waits for it. */
    public void interruptCell() {
        interrupted.complete(null);
        CellJobGroup jobs = cellJobs;
        if (jobs != null && !jobs.sc().isStopped()) CellJobs.cancel(jobs.sc(), jobs.group());
    }

    /** The first SQL query in a JVM costs seconds: pay them while the kernel is idle, not in the first batch. */
    private void warmUpSqlOnce(StreamingSession s) {
        if (sqlWarmed.compareAndSet(false, true)) output.withoutCell(s::warmUpSql);
    }

    @Override
    public EvalOutcome afterCell(String code, OutputTarget target, EvalOutcome outcome) {
        EvalOutcome result = outcome;
        CellJobGroup jobs = cellJobs;
        cellJobs = null;
        if (cellCreatesContext) {
            // Spark's lock on the active context is held while a context starts: asked only after a cell made one.
            cellCreatesContext = false;
            cellsOwnContext = SparkbookStreamingAccess.activeContext().orElse(null);
        }
        if (jobs != null && !jobs.sc().isStopped()) {
            if (outcome instanceof EvalOutcome.Interrupted interrupted) result = afterInterrupt(jobs, interrupted);
            CellJobs.leave(jobs.sc());
        }
        sessionIfReady().ifPresent(this::warmUpSqlOnce);
        coalescer.flushAll(); // live displays show what the cell saw last, also in a notebook run headless
        // The cell during which a stream started owns its output from then on: the notebook's own stream, or
        // one a cell built from its own SparkConf, as Spark's examples do.
        scala.Option<org.apache.spark.streaming.StreamingContext> active = org.apache.spark.streaming.StreamingContext.getActive();
        if (active.isDefined() && active.get() != ownedStream) {
            ownedStream = active.get();
            streamHome = target;
            output.setBackground(target);
            // ssc.start() called in the cell skips the session's checks: a starved stream still gets its warning.
            sessionIfReady().filter(s -> s.ssc().ssc() == active.get())
                    .ifPresent(s -> s.startProblems().forEach(p -> System.err.println("Warning: " + p)));
        }
        return result;
    }

    /** The interrupted cell's reply says the kernel is ready only once its tasks have ended, or what still runs. */
    private static EvalOutcome afterInterrupt(CellJobGroup jobs, EvalOutcome.Interrupted interrupted) {
        Optional<String> left = CellJobs.awaitTasksEnded(jobs.sc(), jobs.group(), TASKS_END_TIMEOUT);
        if (left.isPresent()) {
            return new EvalOutcome.Interrupted("The cell was interrupted, but Spark tasks that ignore interrupts still run: "
                    + left.get() + ". They hold their cores until their code returns; to end them now, restart the kernel.");
        }
        if (interrupted.note() != null) return interrupted;
        boolean hadJobs = jobs.sc().statusTracker().getJobIdsForGroup(jobs.group()).length > 0;
        return new EvalOutcome.Interrupted("The cell was interrupted" + (hadJobs ? "; its Spark jobs were cancelled and their "
                + "cores are free" : "") + ". The kernel is ready for the next one.");
    }

    @Override
    public Optional<String> explain(Throwable error) {
        return StreamingTraps.explain(error);
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
