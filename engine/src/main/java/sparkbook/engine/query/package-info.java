/**
 * Structured Streaming queries, measured the way {@link sparkbook.engine.metrics} measures DStreams: a
 * {@code StreamingQueryListener} turns each progress report once into a {@link sparkbook.engine.query.QueryBatch}
 * record, kept in a bounded history per query; {@link sparkbook.engine.query.QueryStatus} is one query at one moment,
 * which every view of it renders.
 */
package sparkbook.engine.query;
