package sparkbook.engine.api;

import org.apache.spark.streaming.SparkbookStreamingAccess;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Problems worth catching before {@code ssc.start()}: Spark either fails start (and then marks the
 * context STOPPED for good) or starts a stream that silently never processes anything.
 */
final class StartChecks {
    private StartChecks() {
    }

    static List<String> problems(JavaStreamingContext ssc, String master) {
        List<String> problems = new ArrayList<>();
        if (SparkbookStreamingAccess.outputStreamCount(ssc) == 0) {
            problems.add("The pipeline has no output operation, so Spark would compute nothing. Add one before start(): "
                    + "print(), foreachRDD(...), or BatchTap.attach(stream, 10, sample -> ...).");
        }
        int receivers = SparkbookStreamingAccess.receiverStreamCount(ssc);
        var cores = LocalCores.of(master);
        if (receivers > 0 && cores.isPresent() && cores.getAsInt() <= receivers) {
            String where = master.contains("*") ? master + " (" + cores.getAsInt() + " cores)" : master;
            problems.add(where + " with " + receivers + " receiver" + (receivers == 1 ? "" : "s")
                    + " leaves no core to process the data: use %spark master=local[" + (receivers + 1) + "] or more.");
        }
        return problems;
    }
}
