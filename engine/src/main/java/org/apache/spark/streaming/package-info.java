/**
 * The engine's one class inside Spark's own package, SparkbookStreamingAccess: the only code that touches Spark Streaming's
 * private[streaming] / private[spark] members (clock, DStream graph and stream classes, input-info tracker). It imports
 * Spark and Scala only, never a sparkbook package, so a Spark upgrade breaks this one file.
 */
package org.apache.spark.streaming;
