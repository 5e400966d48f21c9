/**
 * Live displays that update in place, rate-limited and coalesced (UpdateCoalescer), behind a small DisplaySink and
 * Scheduler. Knows no Spark and no engine; imports only the display root.
 */
package sparkbook.display.live;
