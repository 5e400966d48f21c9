package sparkbook.kernel.protocol;

import com.google.gson.JsonElement;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import sparkbook.display.MimeBundle;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.ShellInbox;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.render.ValueRenderers;
import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.io.OutputTarget;
import sparkbook.kernel.magic.CellRunner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * execute_request: runs the cell with its output streamed to it, publishes the result or the error, and honours
 * silent, store_history, stop_on_error (the caller aborts what was queued) and user_expressions.
 */
public final class ExecuteHandler implements RequestHandler {
    private final Outbox outbox;
    private final CellOutput output;
    private final HistoryLog history;
    private final Supplier<CellRunner> runner;
    private final Supplier<Renderer> renderer;
    private final CurrentRequest current;
    private final java.util.List<CellHooks> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int executionCount = 0;
    /** Set when a cell failed with stop_on_error: the shell loop then aborts queued execute requests. */
    private volatile boolean abortQueued;
    /** Set by an interrupt of the running cell: also heard while the cell still waits for JShell to be ready. */
    private volatile boolean interruptRequested;

    public ExecuteHandler(Outbox outbox, CellOutput output, HistoryLog history,
                          Supplier<CellRunner> runner, Supplier<Renderer> renderer, CurrentRequest current) {
        this.outbox = outbox;
        this.output = output;
        this.history = history;
        this.runner = runner;
        this.renderer = renderer;
        this.current = current;
    }

    /** While a cell runs, the shell channel is read by another thread ({@link ShellInbox}): comms work meanwhile. */
    private ShellInbox inbox;

    public void readShellDuringCells(ShellInbox inbox) {
        this.inbox = inbox;
    }

    public void addHooks(CellHooks h) {
        hooks.add(h);
    }

    /** The user interrupted the running cell (called from the control thread). */
    public void interruptRequested() {
        interruptRequested = true;
    }

    public boolean takeAbortQueued() {
        boolean a = abortQueued;
        abortQueued = false;
        return a;
    }

    /** The reply to an execute request that was queued behind a failed cell. */
    public void abort(Message request, Channel channel) {
        outbox.reply(request, channel, Execute.REPLY, new Execute.Reply.Aborted(executionCount));
    }

    @Override
    public void handle(Message request, Channel channel) {
        interruptRequested = false;
        String code = request.contentString("code", "");
        boolean silent = request.contentFlag("silent", false);
        boolean storeHistory = !silent && request.contentFlag("store_history", true);
        boolean stopOnError = request.contentFlag("stop_on_error", true);
        if (storeHistory) {
            executionCount++;
            history.add(executionCount, code);
        }
        int count = executionCount;
        if (!silent) outbox.publish(request.header(), Execute.INPUT, new Execute.Input(code, count));
        OutputTarget target = new OutputTarget(request.header(), silent, cellId(request));
        current.begin(request);
        output.beginCell(target);
        ShellInbox reading = inbox;
        if (reading != null) reading.cellStarts();
        EvalOutcome outcome;
        try {
            outcome = code.isBlank() || isExit(code) ? new EvalOutcome.Success(null, false) : runWithHooks(code, target);
        } finally {
            if (reading != null) reading.cellEnds(); // before this thread sends the reply on shell
            output.endCell();
        }
        Execute.Reply reply;
        if (outcome instanceof EvalOutcome.Success s) {
            if (s.hasValue() && !silent) publishResult(request, count, s.value());
            reply = new Execute.Reply.Ok(count, userExpressions(request), isExit(code) ? List.of(Execute.AskExit.CLOSE) : List.of());
        } else {
            Execute.Error error = Execute.Error.of(outcome);
            if (!silent) outbox.publish(request.header(), Execute.ERROR, error);
            reply = new Execute.Reply.Failed(count, error);
            if (stopOnError) abortQueued = true;
        }
        current.end();
        outbox.reply(request, channel, Execute.REPLY, reply);
    }

    /** {@code exit} or {@code quit} alone in a cell asks the front end to close, as in IPython (jupyter console). */
    static boolean isExit(String code) {
        return code.strip().matches("(exit|quit)(\\(\\))?;?");
    }

    private EvalOutcome runWithHooks(String code, OutputTarget target) {
        EvalOutcome outcome;
        try {
            runner.get().interpreter().beginCell();
            if (interruptRequested) return new EvalOutcome.Interrupted(); // before JShell was ready: nothing ran
            for (CellHooks h : hooks) h.beforeCell(code, target);
            outcome = runner.get().run(code);
        } catch (RuntimeException e) {
            outcome = EvalOutcome.thrown(e);
        }
        for (CellHooks h : hooks) {
            try {
                outcome = h.afterCell(code, target, outcome);
            } catch (RuntimeException e) {
                System.err.println("sparkbook: " + e.getMessage());
            }
        }
        return explained(outcome);
    }

    /** Appends what a hook knows about a runtime error (Spark's traps) to its traceback. */
    private EvalOutcome explained(EvalOutcome outcome) {
        if (!(outcome instanceof EvalOutcome.RuntimeError r) || r.error() == null) return outcome;
        for (CellHooks h : hooks) {
            Optional<String> advice = h.explain(r.error());
            if (advice.isPresent()) return r.withAdvice(advice.get());
        }
        return outcome;
    }

    /** The notebook cell this request came from, when the front end says (metadata.cellId). */
    private static String cellId(Message request) {
        JsonElement id = request.metadata() == null ? null : request.metadata().get("cellId");
        return id != null && id.isJsonPrimitive() ? id.getAsString() : null;
    }

    private void publishResult(Message request, int count, Object value) {
        MimeBundle data;
        try {
            data = ValueRenderers.bundle(renderer.get(), value);
        } catch (RuntimeException e) {
            data = MimeBundle.text(String.valueOf(value));
        }
        outbox.publish(request.header(), Execute.RESULT, Execute.Result.of(data, count));
        history.setOutput(count, data.text());
    }

    /** Each user expression is evaluated after the cell; failures are reported per expression. */
    private Map<String, Execute.UserExpression> userExpressions(Message request) {
        Map<String, Execute.UserExpression> result = new LinkedHashMap<>();
        JsonElement exprs = request.content().get("user_expressions");
        if (exprs == null || !exprs.isJsonObject()) return result;
        for (Map.Entry<String, JsonElement> e : exprs.getAsJsonObject().entrySet()) {
            JsonElement expr = e.getValue();
            EvalOutcome o = expr.isJsonPrimitive() && expr.getAsJsonPrimitive().isString()
                    ? runner.get().interpreter().evalExpression(expr.getAsString())
                    : new EvalOutcome.RuntimeError(null, "TypeError", "user_expressions values must be strings of Java code, not " + expr,
                    List.of("TypeError: user_expressions values must be strings of Java code, not " + expr));
            result.put(e.getKey(), o instanceof EvalOutcome.Success s
                    ? Execute.UserExpression.Value.of(s.hasValue() ? ValueRenderers.bundle(renderer.get(), s.value()) : MimeBundle.text(""))
                    : new Execute.UserExpression.Failed(Execute.Error.of(o)));
        }
        return result;
    }
}
