/**
 * The one holder of process-wide kernel state ({@code KernelRuntime}), which compiled cells reach through statics,
 * the services it holds, and the guard that turns {@code System.exit} in a cell into an exception.
 */
package sparkbook.kernel.runtime;
