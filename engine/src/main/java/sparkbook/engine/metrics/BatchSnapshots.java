package sparkbook.engine.metrics;

import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.OutputOperationInfo;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Converts Spark's BatchInfo (Scala types) into a {@link BatchSnapshot}: the one class that converts Scala collections.
 * Spark's Java-typed listener ({@code api.java.JavaStreamingListener}, {@code JavaBatchInfo}) would spare the
 * conversion, but in Spark 4.2 it is {@code private[streaming]}: public in bytecode, not an API to build on.
 */
final class BatchSnapshots {
    private BatchSnapshots() {
    }

    static BatchSnapshot from(BatchInfo info) {
        long time = info.batchTime().milliseconds();
        Map<Integer, Long> records = new HashMap<>();
        long total = 0;
        for (Map.Entry<Object, StreamInputInfo> e : CollectionConverters.asJava(info.streamIdToInputInfo()).entrySet()) {
            records.put((Integer) e.getKey(), e.getValue().numRecords());
            total += e.getValue().numRecords();
        }
        List<OutputFailure> failures = new ArrayList<>();
        var outputs = CollectionConverters.asJava(info.outputOperationInfos());
        for (OutputOperationInfo op : outputs.values()) {
            if (op.failureReason().isDefined()) {
                String detail = op.failureReason().get();
                failures.add(new OutputFailure(time, op.id(), op.name(), summarize(detail), detail));
            }
        }
        failures.sort((a, b) -> Integer.compare(a.outputOpId(), b.outputOpId()));
        return new BatchSnapshot(time, records, total, millis(info.schedulingDelay()), millis(info.processingDelay()),
                millis(info.totalDelay()), outputs.size(), failures);
    }

    /** Spark's failure text is a full stack trace; its first line names the exception. */
    static String summarize(String failureReason) {
        String first = failureReason.lines().findFirst().orElse("").trim();
        return first.length() > 500 ? first.substring(0, 500) + "…" : first;
    }

    private static OptionalLong millis(Option<Object> value) {
        return value.isDefined() ? OptionalLong.of((Long) value.get()) : OptionalLong.empty();
    }
}
