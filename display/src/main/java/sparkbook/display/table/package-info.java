/**
 * Tables as text and escaped HTML, with marks for cells to highlight, and RowShape, which splits row-like values into
 * columns. Imports only the display root (and Spark's Row, to split it).
 */
package sparkbook.display.table;
