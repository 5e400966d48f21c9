/**
 * JDBC drivers added while the notebook runs: {@link java.sql.DriverManager} only hands a caller the drivers its
 * own class loader can see, and Spark's JDBC code, loaded with the kernel, cannot see jars added later.
 */
package sparkbook.engine.jdbc;
