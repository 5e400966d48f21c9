/**
 * The engine's front door: StreamingSession (one SparkContext and the current StreamingContext), its settings, start
 * checks and the traps explained. May import input, metrics, errors and SparkbookStreamingAccess; nothing in the engine
 * imports it but testing.
 */
package sparkbook.engine.api;
