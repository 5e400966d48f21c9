package sparkbook.kernel.spark;

import org.apache.spark.streaming.SparkbookStreamingAccess;
import sparkbook.display.stream.StreamDashboard;
import sparkbook.engine.api.SessionConfig;
import sparkbook.engine.api.SessionState;
import sparkbook.engine.api.StreamingSession;
import sparkbook.engine.input.ManualClockStepper;
import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.magic.MagicException;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.magic.Magics;


/**
 * {@code %spark} (settings and status), {@code %%stream} (rebuild a pipeline: fresh ssc, run the cell, start)
 * and {@code %stream start|stop|status|restart|step N}.
 */
import java.util.List;

public final class SparkMagics {
    private SparkMagics() {}

    public static void register(Magics magics, NotebookSpark spark, SparkVariables variables, StreamDisplays displays,
                                CellOutput output) {
        magics.registerLine("spark", "show Spark's settings, or change them: %spark master=local[4] batch=500ms clock=manual spark.x=y",
                (args, ctx) -> {
                    if (args.isEmpty()) {
                        variables.bind(); // a stopped or released Spark comes back: sc, spark and ssc work again
                        printStatus(spark);
                        return null;
                    }
                    SessionConfig next;
                    try {
                        next = spark.config().withArgs(String.join(" ", args.stream().filter(a -> !a.equals("clock=manual")
                                && !a.equals("clock=system")).toList()));
                        if (args.contains("clock=manual")) next = next.withManualClock();
                    } catch (IllegalArgumentException e) {
                        throw new MagicException(e.getMessage());
                    }
                    SessionConfig previous = spark.config();
                    spark.reconfigure(next);
                    try {
                        variables.bind();
                    } catch (IllegalStateException failed) {
                        throw new MagicException(failed.getMessage() + "\n" + restore(spark, variables, previous));
                    }
                    printStatus(spark);
                    return null;
                });
        magics.registerCell("stream", "rebuild the pipeline: stop the running stream, make a fresh ssc, run the cell, start it",
                (args, body, ctx) -> {
                    // A run again replaces what the cell started: its DStream pipeline and its queries.
                    int stopped = spark.queries().stopStartedIn(output.target().cellId(), spark.session().spark());
                    if (stopped > 0) System.out.println("Stopped " + stopped + (stopped == 1 ? " query" : " queries")
                            + " this cell started before.");
                    spark.renewStream();
                    variables.bind();
                    long queriesBefore = spark.queries().startedSoFar();
                    EvalOutcome outcome = ctx.run(body);
                    if (!(outcome instanceof EvalOutcome.Success)) {
                        System.err.println("The stream was not started: fix the cell and run it again.");
                        return outcome;
                    }
                    StreamingSession s = spark.session();
                    long started = spark.queries().startedSoFar() - queriesBefore;
                    if (started > 0 && SparkbookStreamingAccess.outputStreamCount(s.ssc()) == 0) {
                        // A Structured Streaming cell: its queries run already (or ran and ended, e.g. AvailableNow);
                        // there is no DStream pipeline to start.
                        int running = spark.queries().activeStartedIn(output.target().cellId(), s.spark());
                        System.out.println(running > 0
                                ? "Structured Streaming: " + running + (running == 1 ? " query runs" : " queries run")
                                        + ". %stream status shows them, %stream stop ends them."
                                : "Structured Streaming: the " + (started == 1 ? "query" : started + " queries")
                                        + " this cell started " + (started == 1 ? "has" : "have") + " ended.");
                        return outcome;
                    }
                    if (s.state() == SessionState.INITIALIZED) s.start();
                    System.out.println("Streaming: batches every " + s.config().batchInterval().toMillis() + " ms"
                            + (s.config().manualClock() ? " (manual clock: advance it with %stream step N)" : "")
                            + ". %stream stop ends it.");
                    return outcome;
                });
        magics.registerLine("stream", "control the stream: %stream start | stop | status | restart | step N", (args, ctx) -> {
            if (args.isEmpty()) throw new MagicException("Say what to do: %stream start | stop | status | restart | step N");
            StreamingSession s = spark.session();
            switch (args.get(0)) {
                case "start" -> {
                    s.start();
                    System.out.println("Streaming started.");
                }
                case "stop" -> {
                    boolean graceful = args.contains("graceful");
                    spark.stopOtherStream(s);
                    int queries = spark.queries().stopAll(s.spark());
                    if (queries > 0) System.out.println("Stopped " + queries + (queries == 1 ? " query." : " queries."));
                    s.stop(graceful);
                    displays.finishAll();
                    System.out.println("Streaming stopped" + (graceful ? " after the received data was processed" : "")
                            + "; sc is still running. %%stream or %stream restart builds a new pipeline.");
                }
                case "status" -> {
                    boolean dstreams = s.state() != SessionState.INITIALIZED || SparkbookStreamingAccess.outputStreamCount(s.ssc()) > 0;
                    List<String> queries = spark.queries().statusLines(s);
                    if (dstreams || queries.isEmpty()) System.out.println(StreamDashboard.statusLine(s.status()));
                    queries.forEach(System.out::println);
                }
                case "restart" -> {
                    spark.renewStream();
                    variables.bind();
                    System.out.println("A fresh ssc is ready: define the pipeline again, then %stream start.");
                }
                case "step" -> {
                    int n = args.size() > 1 ? parseCount(args.get(1)) : 1;
                    ManualClockStepper clock = s.clock().orElseThrow(() -> new MagicException(
                            "%stream step needs the manual clock and a started stream: run %spark clock=manual, "
                                    + "build the pipeline with %%stream, then step."));
                    output.claimStreamOutput(); // the stepped batches print here, under the cell that asked for them
                    long t = clock.step(n);
                    displays.awaitSamples(); // displays show the stepped batches
                    System.out.println("Stepped " + n + " batch" + (n == 1 ? "" : "es") + "; stream time " + t + " ms.");
                }
                default -> throw new MagicException("Unknown %stream action '" + args.get(0) + "': use start, stop, status, restart or step N.");
            }
            return null;
        });
    }

    /** After a failed start: the previous settings again, so the notebook keeps a working Spark. */
    private static String restore(NotebookSpark spark, SparkVariables variables, SessionConfig previous) {
        System.err.println("Spark did not start with the new settings: going back to master=" + previous.master() + ".");
        spark.reconfigure(previous);
        try {
            variables.bind();
            return "Back on the previous settings (master=" + previous.master() + ", batch "
                    + previous.batchInterval().toMillis() + " ms): sc, spark and ssc work.";
        } catch (IllegalStateException again) {
            return "The previous settings did not start either: " + again.getMessage();
        }
    }

    private static int parseCount(String s) throws MagicException {
        try {
            int n = Integer.parseInt(s);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new MagicException("%stream step takes a positive number of batches, e.g. %stream step 3");
        }
    }

    private static void printStatus(NotebookSpark spark) {
        SessionConfig c = spark.config();
        StringBuilder sb = new StringBuilder();
        sb.append("master      ").append(c.master()).append('\n');
        sb.append("batch       ").append(c.batchInterval().toMillis()).append(" ms").append(c.manualClock() ? " (manual clock)" : "").append('\n');
        sb.append("app         ").append(c.appName()).append('\n');
        c.conf().forEach((k, v) -> sb.append("conf        ").append(k).append('=').append(v).append('\n'));
        sb.append("log file    ").append(c.logFile()).append('\n');
        sb.append("jvm         ").append(JvmFigures.now()).append('\n');
        spark.sessionIfReady().ifPresentOrElse(s -> {
            sb.append("spark       ").append(s.sc().version()).append(", UI ").append(spark.sparkUi().orElse("off")).append('\n');
            sb.append("stream      ").append(StreamDashboard.statusLine(s.status())).append('\n');
        }, () -> sb.append("spark       starting (or not started)\n"));
        System.out.print(sb);
    }

}
