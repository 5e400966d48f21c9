package sparkbook.kernel.api;

/**
 * Spark's streaming examples begin with {@code StreamingExamples.setStreamingLogLevels();}, a helper from Spark's
 * examples jar that turns Spark's log down to WARN when the user configured none. In a notebook the kernel already
 * keeps Spark's log out of the cells (INFO goes to a file, errors that matter to the cell as one line), so pasting
 * an example as written works and the call changes nothing.
 *
 * <pre>{@code
 * StreamingExamples.setStreamingLogLevels();
 * SparkConf sparkConf = new SparkConf().setAppName("JavaQueueStream");
 * }</pre>
 */
public final class StreamingExamples {
    private StreamingExamples() {}

    /** Leaves the kernel's logging as it is: it is already quiet in cells. */
    public static void setStreamingLogLevels() {
        // Nothing to change: see the class comment.
    }
}
