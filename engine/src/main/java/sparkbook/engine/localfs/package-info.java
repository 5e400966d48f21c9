/**
 * Hadoop's local file system for Spark's checkpoints without the processes Hadoop starts when its native library is
 * missing (chmod, readlink). Imports Hadoop and Spark only; {@code api} sets it for local masters.
 */
package sparkbook.engine.localfs;
