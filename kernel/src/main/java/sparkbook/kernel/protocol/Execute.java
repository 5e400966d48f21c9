package sparkbook.kernel.protocol;

import sparkbook.display.MimeBundle;
import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.interpreter.Traceback;

import java.util.List;
import java.util.Map;

/** The contents of execute_reply and of what a cell publishes: execute_input, execute_result, error. */
final class Execute {
    static final MessageType<Reply> REPLY = new MessageType<>("execute_reply");
    static final MessageType<Input> INPUT = new MessageType<>("execute_input");
    static final MessageType<Result> RESULT = new MessageType<>("execute_result");
    static final MessageType<Error> ERROR = new MessageType<>("error");

    private Execute() {}

    /** execute_input: the code as it runs, with its number. */
    record Input(String code, int executionCount) {}

    /** execute_result: the cell's value, rendered as a bundle. */
    record Result(Map<String, Object> data, Map<String, Object> metadata, int executionCount) {
        static Result of(MimeBundle bundle, int executionCount) {
            return new Result(bundle.data(), bundle.metadata(), executionCount);
        }
    }

    /** error: what failed, published on iopub and repeated in the reply. */
    record Error(String ename, String evalue, List<String> traceback) {
        /** The error a failed or interrupted cell reports. */
        static Error of(EvalOutcome outcome) {
            if (outcome instanceof EvalOutcome.CompileError c) return new Error("CompileError", c.message(), c.traceback());
            if (outcome instanceof EvalOutcome.RuntimeError r) return new Error(r.ename(), r.evalue(), r.traceback());
            String note = ((EvalOutcome.Interrupted) outcome).note();
            String evalue = note != null ? note : "The cell was interrupted; the kernel is ready for the next one.";
            return new Error("Interrupted", evalue, List.of(Traceback.headline("Interrupted", evalue)));
        }
    }

    /** execute_reply, by status. */
    sealed interface Reply {
        record Ok(int executionCount, String status, Map<String, UserExpression> userExpressions, List<Payload> payload)
                implements Reply {
            Ok(int executionCount, Map<String, UserExpression> userExpressions, List<Payload> payload) {
                this(executionCount, "ok", userExpressions, payload);
            }
        }

        /** The error's fields, as published; user_expressions are not evaluated after a failed cell. */
        record Failed(int executionCount, String ename, String evalue, List<String> traceback, String status,
                      Map<String, UserExpression> userExpressions) implements Reply {
            Failed(int executionCount, Error error) {
                this(executionCount, error.ename(), error.evalue(), error.traceback(), "error", Map.of());
            }
        }

        /** A request queued behind a cell that failed with stop_on_error. */
        record Aborted(String status, int executionCount) implements Reply {
            Aborted(int executionCount) {
                this("aborted", executionCount);
            }
        }
    }

    /** One user_expressions entry of an ok reply: the expression's value, or why it has none. */
    sealed interface UserExpression {
        record Value(Map<String, Object> data, Map<String, Object> metadata, String status) implements UserExpression {
            static Value of(MimeBundle bundle) {
                return new Value(bundle.data(), bundle.metadata(), "ok");
            }
        }

        record Failed(String ename, String evalue, List<String> traceback, String status) implements UserExpression {
            Failed(Error error) {
                this(error.ename(), error.evalue(), error.traceback(), "error");
            }
        }
    }

    /** An entry of an ok reply's payload: something the front end is asked to do. */
    sealed interface Payload {}

    /** {@code exit} in a cell: the front end closes, and the kernel goes with it (keepkernel false). */
    record AskExit(String source, boolean keepkernel) implements Payload {
        static final AskExit CLOSE = new AskExit("ask_exit", false);
    }
}
