package sparkbook.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import sparkbook.display.MimeBundle;
import sparkbook.kernel.channels.Channel;
import sparkbook.kernel.channels.IoPub;
import sparkbook.kernel.channels.Message;
import sparkbook.kernel.channels.MessageFactory;
import sparkbook.kernel.render.ValueRenderers;
import sparkbook.kernel.interpreter.CellInterruptedException;
import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.io.OutputTarget;
import sparkbook.kernel.magic.CellRunner;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * execute_request: runs the cell with its output streamed to it, publishes the result or the error, and honours
 * silent, store_history, stop_on_error (the caller aborts what was queued) and user_expressions.
 */
public final class ExecuteHandler implements RequestHandler {
    private final MessageFactory messages;
    private final IoPub iopub;
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

    public ExecuteHandler(MessageFactory messages, IoPub iopub, CellOutput output, HistoryLog history,
                          Supplier<CellRunner> runner, Supplier<Renderer> renderer, CurrentRequest current) {
        this.messages = messages;
        this.iopub = iopub;
        this.output = output;
        this.history = history;
        this.runner = runner;
        this.renderer = renderer;
        this.current = current;
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
        JsonObject c = new JsonObject();
        c.addProperty("status", "aborted");
        c.addProperty("execution_count", executionCount);
        channel.send(messages.reply(request, "execute_reply", c));
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
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            iopub.publish(request.header(), "execute_input", input);
        }
        OutputTarget target = new OutputTarget(request.header(), silent, cellId(request));
        current.begin(request);
        output.beginCell(target);
        EvalOutcome outcome;
        try {
            outcome = code.isBlank() || isExit(code) ? new EvalOutcome.Success(null, false) : runWithHooks(code, target);
        } finally {
            output.endCell();
        }
        JsonObject reply = new JsonObject();
        reply.addProperty("execution_count", count);
        if (outcome instanceof EvalOutcome.Success s) {
            if (s.hasValue() && !silent) publishResult(request, count, s.value());
            reply.addProperty("status", "ok");
            reply.add("user_expressions", userExpressions(request));
            reply.add("payload", isExit(code) ? askExit() : new JsonArray());
        } else {
            JsonObject error = errorContent(outcome);
            if (!silent) iopub.publish(request.header(), "error", error);
            error.entrySet().forEach(e -> reply.add(e.getKey(), e.getValue()));
            reply.addProperty("status", "error");
            reply.add("user_expressions", new JsonObject());
            if (stopOnError) abortQueued = true;
        }
        current.end();
        channel.send(messages.reply(request, "execute_reply", reply));
    }

    /** {@code exit} or {@code quit} alone in a cell asks the front end to close, as in IPython (jupyter console). */
    static boolean isExit(String code) {
        return code.strip().matches("(exit|quit)(\\(\\))?;?");
    }

    private static JsonArray askExit() {
        JsonObject ask = new JsonObject();
        ask.addProperty("source", "ask_exit");
        ask.addProperty("keepkernel", false);
        JsonArray payload = new JsonArray();
        payload.add(ask);
        return payload;
    }

    private EvalOutcome runWithHooks(String code, OutputTarget target) {
        EvalOutcome outcome;
        try {
            runner.get().interpreter().beginCell();
            if (interruptRequested) return new EvalOutcome.Interrupted(); // before JShell was ready: nothing ran
            for (CellHooks h : hooks) h.beforeCell(code, target);
            outcome = runner.get().run(code);
        } catch (CellInterruptedException e) {
            outcome = new EvalOutcome.Interrupted(e.getMessage());
        } catch (RuntimeException e) {
            outcome = new EvalOutcome.RuntimeError(e, e.getClass().getName(), String.valueOf(e.getMessage()),
                    List.of("\u001b[0;31m" + e.getClass().getName() + "\u001b[0m: " + e.getMessage()));
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
            java.util.Optional<String> advice = h.explain(r.error());
            if (advice.isPresent()) {
                List<String> trace = new java.util.ArrayList<>();
                trace.add("\u001b[1;33mWhat to do:\u001b[0m " + advice.get());
                trace.addAll(r.traceback());
                return new EvalOutcome.RuntimeError(r.error(), r.ename(), r.evalue(), trace);
            }
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
        JsonObject c = DisplayContent.dataAndMetadata(data);
        c.addProperty("execution_count", count);
        iopub.publish(request.header(), "execute_result", c);
        JsonElement text = c.getAsJsonObject("data").get("text/plain");
        if (text != null && text.isJsonPrimitive()) history.setOutput(count, text.getAsString());
    }

    /** Each user expression is evaluated after the cell; failures are reported per expression. */
    private JsonObject userExpressions(Message request) {
        JsonObject result = new JsonObject();
        JsonElement exprs = request.content().get("user_expressions");
        if (exprs == null || !exprs.isJsonObject()) return result;
        for (Map.Entry<String, JsonElement> e : exprs.getAsJsonObject().entrySet()) {
            JsonElement expr = e.getValue();
            EvalOutcome o = expr.isJsonPrimitive() && expr.getAsJsonPrimitive().isString()
                    ? runner.get().interpreter().evalExpression(expr.getAsString())
                    : new EvalOutcome.RuntimeError(null, "TypeError", "user_expressions values must be strings of Java code, not " + expr,
                    List.of("TypeError: user_expressions values must be strings of Java code, not " + expr));
            JsonObject r;
            if (o instanceof EvalOutcome.Success s) {
                r = DisplayContent.dataAndMetadata(s.hasValue() ? ValueRenderers.bundle(renderer.get(), s.value()) : MimeBundle.text(""));
                r.addProperty("status", "ok");
            } else {
                r = errorContent(o);
                r.addProperty("status", "error");
            }
            result.add(e.getKey(), r);
        }
        return result;
    }

    static JsonObject errorContent(EvalOutcome outcome) {
        String ename, evalue;
        List<String> trace;
        if (outcome instanceof EvalOutcome.CompileError c) {
            ename = "CompileError";
            evalue = c.message();
            trace = c.traceback();
        } else if (outcome instanceof EvalOutcome.RuntimeError r) {
            ename = r.ename();
            evalue = r.evalue();
            trace = r.traceback();
        } else {
            String note = ((EvalOutcome.Interrupted) outcome).note();
            ename = "Interrupted";
            evalue = note != null ? note : "The cell was interrupted; the kernel is ready for the next one.";
            trace = List.of("\u001b[0;31mInterrupted\u001b[0m: " + evalue);
        }
        JsonObject c = new JsonObject();
        c.addProperty("ename", ename);
        c.addProperty("evalue", evalue);
        JsonArray tb = new JsonArray();
        trace.forEach(tb::add);
        c.add("traceback", tb);
        return c;
    }
}
