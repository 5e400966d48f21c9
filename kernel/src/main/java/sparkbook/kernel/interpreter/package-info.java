/**
 * Java evaluation through JShell: cells in, outcomes ({@code EvalOutcome}) and readable tracebacks out, with
 * completion, inspection and interrupts. It depends on the JDK only, so every other package may use it.
 */
package sparkbook.kernel.interpreter;
