package sparkbook.kernel.interpreter;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** How exceptions caught around a cell become outcomes, and how advice joins a runtime error. */
class EvalOutcomeTest {

    @Test
    void anExceptionIsARuntimeErrorWithARedHeadline() {
        IllegalStateException e = new IllegalStateException("Spark did not start");
        EvalOutcome.RuntimeError r = assertInstanceOf(EvalOutcome.RuntimeError.class, EvalOutcome.thrown(e));
        assertEquals(e, r.error());
        assertEquals("java.lang.IllegalStateException", r.ename());
        assertEquals("Spark did not start", r.evalue());
        assertEquals(List.of("\u001b[0;31mjava.lang.IllegalStateException\u001b[0m: Spark did not start"), r.traceback());
    }

    @Test
    void anInterruptOfKernelWorkIsAnInterruption() {
        assertEquals(new EvalOutcome.Interrupted("stopped waiting for Spark"),
                EvalOutcome.thrown(new CellInterruptedException("stopped waiting for Spark")));
    }

    @Test
    void adviceComesFirst() {
        EvalOutcome.RuntimeError r = new EvalOutcome.RuntimeError(null, "E", "v", List.of("E: v", "\tat cell line 1"));
        assertEquals(List.of("\u001b[1;33mWhat to do:\u001b[0m make it serializable", "E: v", "\tat cell line 1"),
                r.withAdvice("make it serializable").traceback());
    }
}
