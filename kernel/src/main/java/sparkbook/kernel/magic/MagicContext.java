package sparkbook.kernel.magic;

import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.interpreter.Interpreter;

/** What a magic may use of the kernel. */
public interface MagicContext {
    /** Runs Java source (which may itself contain line magics) as the cell would. */
    EvalOutcome run(String source);

    Interpreter interpreter();

    Magics magics();

    /** The running line magic's text after its name, as written: quotes kept (for magics that take Java). */
    String rawArgs();
}
