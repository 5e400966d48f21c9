package sparkbook.kernel.spark;

import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import sparkbook.engine.api.SessionConfig;
import sparkbook.engine.api.StartFailure;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.errors.SparkAdvice;
import sparkbook.engine.metrics.BatchSnapshot;
import sparkbook.engine.metrics.OutputFailure;
import sparkbook.kernel.interpreter.CellInterruptedException;
import sparkbook.kernel.interpreter.SnippetRuntime;
import sparkbook.kernel.io.CellOutput;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The notebook's Spark session through its life: started in the background as soon as JShell exists, replaced when
 * its SparkContext was stopped, restarted with new settings, released when a cell builds a context of its own, and
 * stopped with the kernel. Every wait on it ends when the running cell is interrupted.
 */
public final class NotebookSpark {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final CompletableFuture<? extends SnippetRuntime> snippets;
    private final CellOutput output;
    private final StreamDisplays displays;
    private final NotebookQueries queries;
    /** Guards the swaps of {@link #session} and {@link #stopped}; never held while waiting or evaluating. */
    private final Object lock = new Object();
    private volatile SessionConfig config;
    private volatile CompletableFuture<StreamingSession> session;
    /** Completes when every session released so far has stopped. */
    private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);
    /** Completed by an interrupt of the running cell: the kernel's waits on its behalf end. */
    private volatile CompletableFuture<Void> interrupted = new CompletableFuture<>();
    private final AtomicBoolean sqlWarmed = new AtomicBoolean();

    /**
     * @param snippets completes once JShell exists: Spark starts with its snippet class loader
     * @param displays the live displays, finished before the context under them stops
     */
    public NotebookSpark(CompletableFuture<? extends SnippetRuntime> snippets, CellOutput output, StreamDisplays displays,
                         Path workDir) {
        this.snippets = snippets;
        this.output = output;
        this.displays = displays;
        this.queries = new NotebookQueries(output);
        this.config = SessionConfig.fromEnvironment(System.getenv()).withWorkDir(workDir.resolve("spark"));
    }

    /** The Structured Streaming queries cells started, by cell. */
    public NotebookQueries queries() {
        return queries;
    }

    public SessionConfig config() {
        return config;
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
        previousStopped.thenCombine(snippets, (ignored, runtime) -> runtime).whenComplete((runtime, error) -> {
            if (error != null) {
                started.completeExceptionally(error);
                return;
            }
            // Spark's threads are made by this one: they must not send their output to the cell that asked for Spark.
            output.withoutCell(() -> {
                Thread t = new Thread(() -> {
                    try {
                        started.complete(open(cfg, runtime));
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

    private StreamingSession open(SessionConfig cfg, SnippetRuntime runtime) {
        // Snippet lambdas deserialise through the context class loader of the thread that made the SparkContext.
        Thread.currentThread().setContextClassLoader(runtime.snippetClassLoader());
        SessionConfig full = cfg.withClassOutputDir(runtime.classOutputDir());
        // A SparkConf built in a cell (as Spark's examples do) picks these up: it runs with the notebook's master.
        System.setProperty("spark.master", full.master());
        System.setProperty("spark.app.name", full.appName());
        System.setProperty("spark.repl.class.outputDir", runtime.classOutputDir().toAbsolutePath().toString());
        StreamingSession s = StreamingSession.open(full);
        if (RemoteClosureCheck.executorsInOtherJvms(full.master())) shipJars(s);
        s.metrics().onBatchCompleted(this::reportFailures);
        queries.watch(s);
        if (output.runningCell() == null) warmUpSqlOnce(s); // else after that cell: don't slow the first Spark result
        return s;
    }

    /**
     * Executors in other JVMs run engine code (taps, live queues) and snippet code, which calls the kernel's
     * {@code CellThread} and {@code ExitGuard} (the interpreter rewrites snippet classes so): they need both jars.
     */
    private static void shipJars(StreamingSession s) {
        for (Class<?> c : List.of(StreamingSession.class, sparkbook.kernel.runtime.CellThread.class)) {
            try {
                java.net.URL jar = c.getProtectionDomain().getCodeSource().getLocation();
                if (jar != null && jar.getPath().endsWith(".jar")) s.sc().addJar(jar.toString());
            } catch (SecurityException | IllegalArgumentException e) {
                System.err.println("sparkbook: could not ship " + c.getName() + "'s jar to executors (" + e.getMessage()
                        + "); add it with %classpath if cells fail on the cluster.");
            }
        }
    }

    /** Failed output operations show in the cell that started the stream, not only in the log. */
    private void reportFailures(BatchSnapshot batch) {
        if (batch.failures().isEmpty()) return;
        output.writeForStream(() -> {
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

    public Optional<StreamingSession> sessionIfReady() {
        CompletableFuture<StreamingSession> s = session;
        return s != null && s.isDone() && !s.isCompletedExceptionally() ? Optional.of(s.join()) : Optional.empty();
    }

    /** The running Spark UI's address as the user's browser reaches it (see {@link SparkUiAddress}); empty without one. */
    public Optional<String> sparkUi() {
        return sessionIfReady().map(s -> s.sc().sc()).filter(sc -> !sc.isStopped()).flatMap(sc -> SparkUiAddress.of(
                sc.uiWebUrl().isDefined() ? Optional.of(sc.uiWebUrl().get()) : Optional.empty(),
                sc.getConf(), sc.applicationId(), System.getenv()));
    }

    /** A cell begins: waits on its behalf last until it is interrupted. */
    void cellBegins() {
        interrupted = new CompletableFuture<>();
    }

    /** The running cell was interrupted: the kernel's waits for it (Spark starting or stopping) end now. */
    void interruptWaits() {
        interrupted.complete(null);
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
        displays.finishAll();
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
                    System.err.println("sparkbook: stopping Spark failed: " + SparkAdvice.firstLine(e));
                }
            }
            return null;
        });
        synchronized (lock) {
            stopped = stopped.thenCombine(done, (a, b) -> null);
        }
        return done;
    }

    /** Stops the stream and makes a fresh StreamingContext (the SparkContext stays); its displays say STOPPED. */
    public JavaStreamingContext renewStream() {
        StreamingSession s = session();
        stopOtherStream(s);
        s.stop(); // first, so the displays' final state says STOPPED
        displays.finishStreamDisplays();
        return s.renew();
    }

    /**
     * Stops a stream a cell started on a StreamingContext of its own, as Spark's examples do: once their
     * {@code awaitTermination()} is interrupted nothing else can reach it, and Spark allows one active stream per JVM.
     * Its SparkContext stays, for the notebook to go on with.
     */
    public void stopOtherStream(StreamingSession notebooks) {
        scala.Option<StreamingContext> active = StreamingContext.getActive();
        if (active.isEmpty() || active.get() == notebooks.ssc().ssc()) return;
        active.get().stop(false, false);
        System.out.println("Stopped the StreamingContext a cell made of its own (" + active.get().sparkContext().appName()
                + "); its SparkContext still runs.");
    }

    /** The first SQL query in a JVM costs seconds: pay them while the kernel is idle, not in the first batch. */
    void warmUpSqlOnce(StreamingSession s) {
        if (sqlWarmed.compareAndSet(false, true)) output.withoutCell(s::warmUpSql);
    }

    /** Stops Spark as the kernel exits, within a second (the kernel halts the JVM after its shutdown hooks). */
    public void shutdown() {
        displays.close();
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
}
