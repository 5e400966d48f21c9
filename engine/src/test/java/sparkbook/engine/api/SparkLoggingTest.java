package sparkbook.engine.api;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SparkLoggingTest {

    @Test
    void aStoppedQuerysAbortedWriteStaysInTheLogFileAndOutOfTheCell(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("spark.log");
        SparkLogging.routeToFileAndStderr(log);
        Logger writer = LogManager.getLogger("org.apache.spark.sql.execution.datasources.v2.WriteToDataSourceV2Exec");
        Logger other = LogManager.getLogger("org.apache.spark.executor.Executor");
        Logger tasks = LogManager.getLogger("org.apache.spark.scheduler.TaskSetManager");

        PrintStream original = System.err;
        ByteArrayOutputStream cell = new ByteArrayOutputStream();
        System.setErr(new PrintStream(cell, true, StandardCharsets.UTF_8));
        try {
            writer.error("Data source write support MicroBatchWrite[epoch: 8, writer: NoopStreamingWrite] is aborting.");
            writer.error("Data source write support MicroBatchWrite[epoch: 8, writer: NoopStreamingWrite] aborted.");
            writer.error("Aborting commit for partition 1 (task 57, attempt 0, stage 12.0)");
            // the noise is in the exception logged with the message: a state read cut short by its query's stop
            other.error("Exception in task 1.0 in stage 58.0 (TID 125)", new org.apache.spark.SparkException(
                    "[CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS] An error occurred during loading state."));
            // ... and its stage's abort, which says nothing of the cause (the failure of another stage still shows)
            tasks.warn("Lost task 1.0 in stage 58.0 (TID 125) (127.0.0.1 executor driver): org.apache.spark.SparkException: "
                    + "[CANNOT_LOAD_STATE_STORE.CANNOT_READ_DELTA_FILE_NOT_EXISTS] An error occurred during loading state.");
            tasks.error("Task 1 in stage 58.0 failed 1 times; aborting job");
            // a state commit cut short by its query's stop, which deleted the query's temporary checkpoint
            other.error("Exception in task 3.0 in stage 64.0 (TID 145)", new org.apache.spark.SparkException(
                    "[CANNOT_WRITE_STATE_STORE.CANNOT_COMMIT] Error writing state store files for provider HDFSStateStore"));
            other.error("Error in TaskCompletionListener", new java.io.FileNotFoundException(
                    "File file:/tmp/temporary-c3a0bf71-ed27-4d51-8baf-4e302c615d3b/state/0/3 does not exist"));
            tasks.error("Task 2 in stage 64.0 failed 1 times; aborting job");
            // a task interrupted because its query stopped
            other.error("Error in TaskCompletionListener", new java.io.InterruptedIOException("java.lang.InterruptedException"));
            other.error("Exception in task 0.0 in stage 3.0\nat line two");
            tasks.error("Task 0 in stage 3.0 failed 1 times; aborting job");
            other.info("Running task 1.0");
        } finally {
            System.setErr(original);
        }

        assertEquals("[spark] ERROR Executor: Exception in task 0.0 in stage 3.0 …\n"
                        + "[spark] ERROR TaskSetManager: Task 0 in stage 3.0 failed 1 times; aborting job\n",
                cell.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        String file = Files.readString(log);
        assertTrue(file.contains("MicroBatchWrite[epoch: 8, writer: NoopStreamingWrite] aborted."), file);
        assertTrue(file.contains("Running task 1.0"), file);
    }
}
