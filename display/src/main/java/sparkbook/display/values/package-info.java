/**
 * Which Spark and Java values get a table (Datasets, RDDs, records, tuples, collections) and how many rows by default.
 * May import the display root, table and, for a stream check's report, stream's StreamCheckView.
 */
package sparkbook.display.values;
