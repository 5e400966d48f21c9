/**
 * A notebook cell's Spark jobs as one job group that an interrupt cancels. Imports Spark only.
 */
package sparkbook.engine.jobs;
