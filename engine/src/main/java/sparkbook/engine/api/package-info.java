/**
 * The engine's front door: StreamingSession (one SparkContext and the current StreamingContext), its settings, start
 * checks, and failed starts explained (StartFailure; the streaming traps themselves are errors.SparkAdvice). May import
 * input, metrics, errors and SparkbookStreamingAccess; nothing in the engine imports it but testing.
 */
package sparkbook.engine.api;
