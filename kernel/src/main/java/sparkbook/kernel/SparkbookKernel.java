package sparkbook.kernel;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import org.zeromq.ZContext;
import sparkbook.display.jobs.JobProgressView;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.ConnectionInfo;
import sparkbook.kernel.channels.Heartbeat;
import sparkbook.kernel.channels.IoPub;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.channels.MessageFactory;
import sparkbook.kernel.channels.ShellInbox;
import sparkbook.kernel.channels.Signer;
import sparkbook.kernel.channels.WireCodec;
import sparkbook.kernel.interpreter.Interpreter;
import sparkbook.kernel.interpreter.JShellInterpreter;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.io.StdinReader;
import sparkbook.kernel.protocol.IopubPublisher;
import sparkbook.display.live.UpdateCoalescer;
import sparkbook.kernel.deps.AddedJars;
import sparkbook.kernel.deps.DependencyMagics;
import sparkbook.kernel.deps.MavenDependencies;
import sparkbook.kernel.kafka.NotebookKafka;
import sparkbook.kernel.magic.BuiltinMagics;
import sparkbook.kernel.magic.CellRunner;
import sparkbook.kernel.magic.Magics;
import sparkbook.kernel.protocol.CommHandler;
import sparkbook.kernel.protocol.CompleteHandler;
import sparkbook.kernel.protocol.CurrentRequest;
import sparkbook.kernel.protocol.ErrorReply;
import sparkbook.kernel.protocol.ExecuteHandler;
import sparkbook.kernel.protocol.HistoryHandler;
import sparkbook.kernel.protocol.HistoryLog;
import sparkbook.kernel.protocol.InspectHandler;
import sparkbook.kernel.protocol.Interrupt;
import sparkbook.kernel.protocol.IsCompleteHandler;
import sparkbook.kernel.protocol.KernelInfoHandler;
import sparkbook.kernel.protocol.Outbox;
import sparkbook.kernel.protocol.RequestHandler;
import sparkbook.kernel.protocol.Shutdown;
import sparkbook.kernel.protocol.Status;
import sparkbook.kernel.protocol.StdinBridge;
import sparkbook.kernel.protocol.Stream;
import sparkbook.engine.api.StreamingSession;
import sparkbook.kernel.runtime.ExitGuard;
import sparkbook.kernel.runtime.KernelRuntime;
import sparkbook.kernel.spark.SparkMagics;
import sparkbook.kernel.spark.NotebookSpark;
import sparkbook.kernel.spark.SparkCellHooks;
import sparkbook.kernel.spark.SparkVariables;
import sparkbook.kernel.spark.StreamDisplays;
import sparkbook.kernel.render.ValueRenderers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wires the channels, the protocol handlers and the interpreter. The shell channel is served on the calling
 * thread and runs cells; the control channel has its own thread, so interrupt and shutdown are heard while
 * a cell runs. JShell warms up in the background so kernel_info answers at once.
 */
final class SparkbookKernel {
    private static final Logger LOG = Logger.getLogger(SparkbookKernel.class.getName());

    /** Imports every cell starts with. */
    static final List<String> STARTUP = List.of(
            "import java.util.*;", "import java.util.function.*;", "import java.util.stream.*;",
            "import java.io.*;", "import java.math.*;", "import java.nio.file.*;",
            // Spark, as its Java examples use it (java.time.* is left out: its Duration would clash with Spark's).
            "import org.apache.spark.*;", "import org.apache.spark.api.java.*;", "import org.apache.spark.sql.*;",
            "import org.apache.spark.streaming.*;", "import org.apache.spark.sql.streaming.*;", "import org.apache.spark.streaming.api.java.*;", "import scala.Tuple2;",
            "import sparkbook.engine.input.*;", "import sparkbook.engine.testing.*;", "import sparkbook.display.chart.Plot;",
            "import static sparkbook.kernel.api.Notebook.*;", "import sparkbook.engine.kafka.KafkaBroker;", "import sparkbook.kernel.api.StreamingExamples;",
            // sc, spark and ssc, declared before any cell: set in place once Spark runs (SparkVariables)
            SparkVariables.DECLARATIONS.get(0), SparkVariables.DECLARATIONS.get(1), SparkVariables.DECLARATIONS.get(2));

    private final ZContext zmq = new ZContext(1);
    private final MessageFactory messages = new MessageFactory();
    private final IoPub iopub;
    private final Outbox outbox;
    private final Channel shell, control, stdin;
    private final ShellInbox shellInbox;
    private final CellOutput output;
    private final Magics magics = new Magics();
    private final Renderer renderer = new Renderer();
    private final HistoryLog history = new HistoryLog();
    private final CurrentRequest current = new CurrentRequest();
    private final CompletableFuture<CellRunner> runner;
    /** Completes as soon as JShell exists (before its imports and warm-up): enough for Spark to start. */
    private final CompletableFuture<JShellInterpreter> interpreterBuilt = new CompletableFuture<>();
    private final ExecuteHandler execute;
    private final Map<String, RequestHandler> handlers = new HashMap<>();
    private final List<Runnable> interruptHooks = new CopyOnWriteArrayList<>();
    private final List<Runnable> shutdownHooks = new CopyOnWriteArrayList<>();
    private final Path workDir;
    private final NotebookSpark spark;
    private volatile boolean running = true;

    public SparkbookKernel(ConnectionInfo conn) throws IOException {
        WireCodec codec = new WireCodec(new Signer(conn.signatureScheme(), conn.key()));
        this.iopub = new IoPub(zmq, conn.address(conn.iopubPort()), codec, messages);
        this.outbox = new Outbox(messages, iopub);
        this.shell = new Channel("shell", zmq, conn.address(conn.shellPort()), codec);
        this.control = new Channel("control", zmq, conn.address(conn.controlPort()), codec);
        this.stdin = new Channel("stdin", zmq, conn.address(conn.stdinPort()), codec);
        new Heartbeat(zmq, conn.address(conn.hbPort())).start();

        this.output = new CellOutput(new IopubPublisher(outbox));
        output.install();
        StdinBridge stdinBridge = new StdinBridge(stdin, outbox, current);
        System.setIn(new StdinReader(stdinBridge::readLine));

        this.workDir = Files.createTempDirectory("sparkbook-");
        shutdownHooks.add(() -> StreamingSession.deleteRecursively(workDir));
        this.runner = CompletableFuture.supplyAsync(this::createRunner);
        ValueRenderers.registerAll(renderer);
        AtomicReference<NotebookSpark> sparkOnceBuilt = new AtomicReference<>();
        UpdateCoalescer liveDisplays = new UpdateCoalescer(output);
        StreamDisplays displays = new StreamDisplays(output, liveDisplays, () -> sparkOnceBuilt.get().session(), value -> {
            JShellInterpreter i = interpreterBuilt.getNow(null);
            return i == null ? Optional.empty() : i.variableNameOf(value);
        });
        this.spark = new NotebookSpark(interpreterBuilt, output, displays, workDir);
        sparkOnceBuilt.set(spark);
        SparkVariables variables = new SparkVariables(spark, interpreterBuilt);
        SparkCellHooks sparkHooks = new SparkCellHooks(spark, variables, displays, output, liveDisplays, interpreterBuilt);
        MavenDependencies maven = new MavenDependencies(output, liveDisplays);
        NotebookKafka kafka = new NotebookKafka(maven, workDir);
        shutdownHooks.add(0, kafka::stop); // before its folder, under the work folder, is deleted
        KernelRuntime.install(new KernelServices(renderer, output, stdinBridge, displays, kafka));
        KernelRuntime.installSpark(spark::session);
        BuiltinMagics.register(magics);
        DependencyMagics.register(magics, new AddedJars(), maven);
        SparkMagics.register(magics, spark, variables, displays, output);
        interruptHooks.add(sparkHooks::interruptCell);
        shutdownHooks.add(0, spark::shutdown);

        this.shellInbox = new ShellInbox(shell, m -> dispatch(m, shell, true));
        this.execute = new ExecuteHandler(outbox, output, history, runner::join, () -> renderer, current);
        execute.readShellDuringCells(shellInbox);
        execute.addHooks(sparkHooks);
        IdleHeapReturn idleHeap = new IdleHeapReturn(IdleHeapReturn.AFTER, List.of(() -> {
            // JShell's completion index, held back while the kernel started, is built first: its garbage goes too
            JShellInterpreter interpreter = interpreterBuilt.getNow(null);
            if (interpreter != null) interpreter.buildCompletionIndex();
        }, System::gc));
        execute.addHooks(idleHeap);
        idleHeap.idle(); // a kernel started and left alone gives back what Spark's start took too
        if (!"off".equals(System.getenv("SPARKBOOK_SPARK"))) spark.startInBackground();
        handlers.put("kernel_info_request", new KernelInfoHandler(outbox));
        handlers.put("execute_request", execute);
        handlers.put("complete_request", new CompleteHandler(outbox, () -> runner.join().interpreter()));
        handlers.put("inspect_request", new InspectHandler(outbox, () -> runner.join().interpreter()));
        handlers.put("is_complete_request", new IsCompleteHandler(outbox, () -> runner.join().interpreter()));
        handlers.put("history_request", new HistoryHandler(outbox, history));
        CommHandler comms = new CommHandler(outbox);
        comms.register(JobProgressView.STOP_TARGET, sparkHooks.jobStopControl());
        for (String t : List.of("comm_info_request", "comm_open", "comm_msg", "comm_close")) handlers.put(t, comms);
        handlers.put("interrupt_request", (req, ch) -> {
            interrupt();
            outbox.reply(req, ch, Interrupt.REPLY, Interrupt.Reply.OK);
        });
        handlers.put("shutdown_request", (req, ch) -> {
            Shutdown.Reply reply = new Shutdown.Reply(req.contentFlag("restart", false));
            outbox.reply(req, ch, Shutdown.REPLY, reply);
            outbox.publish(req.header(), Shutdown.REPLY, reply);
            shutdown();
        });
    }

    private CellRunner createRunner() {
        Thread.currentThread().setName("sparkbook-jshell-warmup");
        JShellInterpreter interpreter;
        try {
            interpreter = new JShellInterpreter(workDir.resolve("classes"), this::runInterruptHooks);
        } catch (RuntimeException | Error e) {
            interpreterBuilt.completeExceptionally(e);
            throw e;
        }
        interpreterBuilt.complete(interpreter); // Spark starts now, in parallel with the imports below
        for (String s : STARTUP) interpreter.eval(s);
        interpreter.eval("1 + 1"); // warms the compiler: the first cell pays less
        return new CellRunner(interpreter, magics);
    }

    private void runInterruptHooks() {
        for (Runnable r : interruptHooks) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "interrupt hook failed", e);
            }
        }
    }

    public void interrupt() {
        execute.interruptRequested();
        CellRunner r = runner.getNow(null);
        if (r != null) r.interpreter().interrupt();
        else runInterruptHooks();
    }

    /** Serves until shutdown: control on its own thread, shell on this one. */
    public void serve() {
        Thread controlThread = new Thread(() -> loop(control), "sparkbook-control");
        controlThread.setDaemon(true);
        controlThread.start();
        outbox.publish(null, Status.TYPE, Status.STARTING);
        loop(shell);
    }

    private void loop(Channel channel) {
        while (running) {
            Message m = channel == shell ? shellInbox.next() : channel.receive();
            if (m == null) break;
            dispatch(m, channel);
        }
    }

    /** After a failed cell with stop_on_error, execute requests already queued are answered 'aborted'. */
    private void abortQueued() {
        Message m;
        while ((m = shellInbox.poll()) != null) {
            if ("execute_request".equals(m.type())) {
                outbox.publish(m.header(), Status.TYPE, Status.BUSY);
                execute.abort(m, shell);
                outbox.publish(m.header(), Status.TYPE, Status.IDLE);
            } else {
                dispatch(m, shell);
            }
        }
    }

    /**
     * Runs one request's handler. Whatever a peer sent (a signed message with fields of the wrong JSON types, a
     * type nobody handles), the kernel keeps serving: a handler that fails answers with an error reply, as
     * ipykernel does, so the client does not wait forever.
     */
    private void dispatch(Message m, Channel channel) {
        dispatch(m, channel, false);
    }

    /** @param duringCell the message arrived while a cell runs (a comm): read by the shell inbox's own thread */
    private void dispatch(Message m, Channel channel, boolean duringCell) {
        String type = m.type();
        outbox.publish(m.header(), Status.TYPE, Status.BUSY);
        try {
            RequestHandler h = handlers.get(type);
            if (h != null) h.handle(m, channel);
            else LOG.info(() -> "ignored message of unknown type '" + type + "' on " + channel.name());
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError) throw (Error) e;
            LOG.log(Level.SEVERE, "handler for " + type + " failed", e);
            replyWithError(m, channel, e);
        } finally {
            // Before this request's idle: a client that waits for it and then sends the next cell must not see that
            // cell aborted. Only what was queued while the failed cell ran is.
            if (channel == shell && !duringCell && execute.takeAbortQueued()) abortQueued();
            outbox.publish(m.header(), Status.TYPE, Status.IDLE);
        }
    }

    private void replyWithError(Message request, Channel channel, Throwable e) {
        if (!request.type().endsWith("_request")) return;
        ErrorReply reply = new ErrorReply(e.getClass().getSimpleName(),
                "The kernel could not handle this " + request.type() + ": " + e.getMessage());
        try {
            outbox.reply(request, channel, ErrorReply.answering(request.type()), reply);
        } catch (RuntimeException sendFailed) {
            LOG.log(Level.WARNING, "could not send the error reply", sendFailed);
        }
    }

    /** Stops serving and exits; a watchdog halts the JVM if a hook hangs, so shutdown stays within 2 s. */
    public void shutdown() {
        if (!running) return;
        running = false;
        // On JDK 17/21 the exit guard refused the halts below: the JVM then lived on until its last non-daemon
        // thread ended (a kernel whose launcher died stayed up while JShell's start-up ran, 10 s and more).
        ExitGuard.allowKernelExit();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(1800);
            } catch (InterruptedException ignored) {
                return;
            }
            Runtime.getRuntime().halt(0);
        }, "sparkbook-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Thread t = new Thread(() -> {
            for (Runnable r : shutdownHooks) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "shutdown hook failed", e);
                }
            }
            output.close();
            iopub.close();
            zmq.close();
            Runtime.getRuntime().halt(0);
        }, "sparkbook-shutdown");
        t.start();
    }

}
