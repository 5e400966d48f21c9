package sparkbook.kernel.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.streaming.SparkbookStreamingAccess;
import org.apache.spark.streaming.StreamingContext;
import sparkbook.display.live.UpdateCoalescer;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.errors.SparkAdvice;
import sparkbook.engine.jobs.CellJobs;
import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.interpreter.SnippetRuntime;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.io.OutputTarget;
import sparkbook.kernel.magic.MagicLine;
import sparkbook.kernel.protocol.CellHooks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Spark adds around every cell: {@code sc}, {@code spark} and {@code ssc} ready before a cell that names them;
 * the cell's jobs in a job group that an interrupt cancels; each snippet checked before it runs (a lambda reading a
 * notebook variable on remote executors, a context of its own, a wait on the stream); afterwards, the stream a cell
 * started owns the output of its batches, and a cell that hit a streaming trap is told what to do. A cell whose
 * jobs run for a while shows their progress ({@link CellProgress}).
 */
public final class SparkCellHooks implements CellHooks {
    /** How long an interrupted cell waits for its Spark tasks to end before saying which still run. */
    static final Duration TASKS_END_TIMEOUT = Duration.ofSeconds(10);

    private final NotebookSpark spark;
    private final SparkVariables variables;
    private final StreamDisplays displays;
    private final CellOutput output;
    private final RemoteClosureCheck remoteClosures;
    private final CellProgress progress;
    private volatile SnippetCalls snippetCalls;
    private volatile ClassLoader snippetLoader;
    private final AtomicInteger cellCount = new AtomicInteger();
    private volatile CellJobGroup cellJobs;
    /** Set when a snippet of the running cell creates a SparkContext of its own; that context, once it ran. */
    private volatile boolean cellCreatesContext;
    private volatile SparkContext cellsOwnContext;
    private volatile StreamingContext ownedStream;
    /**
     * Whether a StreamingContext was active when a cell last began or ended. Output routing reads this, never
     * Spark: any thread writing a line (Spark's own, inside its class initializers) would otherwise ask Spark,
     * and a first {@code StreamingContext.getActive()} initializes Spark classes that may wait on that very thread.
     */
    private volatile boolean streamActive;

    public SparkCellHooks(NotebookSpark spark, SparkVariables variables, StreamDisplays displays, CellOutput output,
                          UpdateCoalescer liveDisplays, CompletableFuture<? extends SnippetRuntime> snippets) {
        this.spark = spark;
        this.progress = new CellProgress(output, liveDisplays, site -> {
            SnippetRuntime runtime = snippets.getNow(null);
            return runtime == null ? site : runtime.readableCallSite(site);
        }, spark::sparkUi);
        this.variables = variables;
        this.displays = displays;
        this.output = output;
        this.remoteClosures = new RemoteClosureCheck(() -> spark.config().master());
        output.attributeSparkOutput(CellJobs::cellOfCurrentTask, new CellOutput.BackgroundWork() {
            @Override
            public boolean streamRunning() {
                return streamActive;
            }

            @Override
            public boolean runningCellUsesSpark() {
                CellJobGroup jobs = cellJobs;
                return jobs != null && CellJobs.hasActiveJobs(jobs.sc(), jobs.group());
            }
        });
        snippets.thenAccept(runtime -> {
            snippetLoader = runtime.snippetClassLoader();
            snippetCalls = new SnippetCalls(runtime::snippetClass);
            runtime.setSnippetGuard(this::beforeSnippet);
        });
    }

    private record CellJobGroup(SparkContext sc, String group) {}

    @Override
    public void beforeCell(String code, OutputTarget target) {
        spark.cellBegins();
        streamActive = StreamingContext.getActive().isDefined(); // a stream may have stopped since the last cell
        // Magics run here, not in JShell's thread: the threads Spark makes for them (%%stream's batches) must find
        // what cells added (%maven jars, their JDBC drivers) through the context class loader, as a cell's own do.
        ClassLoader loader = snippetLoader;
        if (loader != null) Thread.currentThread().setContextClassLoader(loader);
        String java = MagicLine.javaOnly(code);
        if (SparkVariables.usedBy(java)) variables.bind();
        if (NotebookQueries.mayStartQueries(java)) spark.sessionIfReady().ifPresent(StreamingSession::queries);
        // The cell's jobs form a group that an interrupt cancels, on whichever SparkContext runs (the notebook's,
        // or one a cell made itself); threads the cell makes inherit it.
        Optional<SparkContext> active = spark.sessionIfReady().map(s -> s.sc().sc())
                .or(() -> Optional.ofNullable(cellsOwnContext)).filter(sc -> !sc.isStopped());
        if (active.isPresent() && target.requestId() != null) {
            String group = "sparkbook-cell-" + cellCount.incrementAndGet();
            CellJobs.enter(active.get(), group, "cell: " + firstLine(java), target.requestId());
            cellJobs = new CellJobGroup(active.get(), group);
            progress.begin(active.get(), group, target);
        }
    }

    /** Runs in the cell's thread before each snippet: the snippet's Spark lambdas, its own context, its waits. */
    private void beforeSnippet(String className, byte[] bytes) {
        remoteClosures.check(className, bytes);
        if (bytes == null) return;
        SnippetCalls.Facts facts = snippetCalls.of(className, bytes);
        if (facts.awaitsStream()) output.claimStreamOutput();
        if (facts.createsContext()) {
            cellCreatesContext = true;
            spark.release("This cell creates its own SparkContext: stopped the notebook's (Spark allows one per JVM). "
                    + "sc, spark and ssc come back in the next cell that uses them");
        }
    }

    /** What the stop control of a cell's progress display talks to (comm target {@code sparkbook.jobs}). */
    public sparkbook.kernel.protocol.CommTarget jobStopControl() {
        return progress.stopControl();
    }

    /** Interrupting a cell cancels its Spark jobs, interrupting their tasks, and ends the kernel's waits for it. */
    public void interruptCell() {
        spark.interruptWaits();
        CellJobGroup jobs = cellJobs;
        if (jobs != null && !jobs.sc().isStopped()) CellJobs.cancel(jobs.sc(), jobs.group());
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
        progress.end(); // its display, if the cell got one, becomes the summary line
        spark.sessionIfReady().ifPresent(spark::warmUpSqlOnce);
        displays.flushAll(); // live displays show what the cell saw last, also in a notebook run headless
        // The cell during which a stream started owns its output from then on: the notebook's own stream, or
        // one a cell built from its own SparkConf, as Spark's examples do.
        scala.Option<StreamingContext> active = StreamingContext.getActive();
        streamActive = active.isDefined();
        if (active.isDefined() && active.get() != ownedStream) {
            ownedStream = active.get();
            output.setBackground(target);
            // ssc.start() called in the cell skips the session's checks: a starved stream still gets its warning.
            spark.sessionIfReady().filter(s -> s.ssc().ssc() == active.get())
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
        return SparkAdvice.explain(error);
    }

    private static String firstLine(String java) {
        String line = java.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 79) + "…" : line;
    }
}
