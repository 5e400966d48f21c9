/**
 * Charts as SVG (JFreeChart) and Vega-Lite specs, and Plot for values a cell charts. May import the display root and
 * table.
 */
package sparkbook.display.chart;
