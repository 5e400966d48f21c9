package sparkbook.kernel.spark;

import org.apache.spark.streaming.api.java.JavaStreamingContext;
import sparkbook.engine.api.StreamingSession;
import sparkbook.kernel.interpreter.SnippetRuntime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The notebook's {@code sc}, {@code spark} and {@code ssc}. They are declared when JShell starts (so completion knows
 * their types from the first cell) and set in place, without evaluating code, before a cell that names them runs:
 * the first time, and again whenever the session or its StreamingContext was replaced. A value a cell assigned itself
 * stays until then.
 */
public final class SparkVariables {
    /** Evaluated with the kernel's start-up imports, before any cell. */
    public static final List<String> DECLARATIONS = List.of(
            "org.apache.spark.api.java.JavaSparkContext sc;",
            "org.apache.spark.sql.SparkSession spark;",
            "org.apache.spark.streaming.api.java.JavaStreamingContext ssc;");
    private static final Pattern USES_VARIABLES = Pattern.compile("\\b(sc|ssc|spark)\\b");

    private final NotebookSpark spark;
    private final CompletableFuture<? extends SnippetRuntime> snippets;
    /** The session and StreamingContext that sc, spark and ssc point at now (null: not set yet). */
    private volatile StreamingSession boundSession;
    private volatile JavaStreamingContext boundSsc;

    public SparkVariables(NotebookSpark spark, CompletableFuture<? extends SnippetRuntime> snippets) {
        this.spark = spark;
        this.snippets = snippets;
    }

    /** Whether the Java of a cell names one of the variables (then Spark must be ready before it runs). */
    static boolean usedBy(String java) {
        return USES_VARIABLES.matcher(java).find();
    }

    /**
     * Points the variables at the live session, starting or replacing it as {@link NotebookSpark#session()} does
     * (and waiting for it, until the cell is interrupted).
     */
    public void bind() {
        StreamingSession live = spark.session();
        SnippetRuntime runtime = snippets.join();
        boolean newSession = boundSession != live;
        set(runtime, "sc", live.sc(), newSession);
        set(runtime, "spark", live.spark(), newSession);
        set(runtime, "ssc", live.ssc(), newSession || boundSsc != live.ssc());
        boundSession = live;
        boundSsc = live.ssc();
    }

    /** Sets a variable that changed, or one found empty (JShell re-created it); one the user declared otherwise stays. */
    private static void set(SnippetRuntime runtime, String name, Object value, boolean changed) {
        if (changed || runtime.variable(name).isEmpty()) runtime.setVariable(name, value);
    }
}
