/**
 * What Spark Streaming's lifecycle exceptions mean, in advice a notebook user can act on (SparkAdvice). Imports only
 * the JDK, so every other engine package may use it.
 */
package sparkbook.engine.errors;
