/**
 * Libraries a notebook adds while it runs: {@code %maven} coordinates resolved with Maven Resolver, and
 * {@code %classpath} jars, given to JShell, to Spark and to JDBC's DriverManager alike.
 */
package sparkbook.kernel.deps;
