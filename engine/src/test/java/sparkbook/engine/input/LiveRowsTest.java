package sparkbook.engine.input;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveRowsTest {
    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofSeconds(1)));

    @Test
    void rowsPushedAfterStartArriveInTheNextMicroBatches() throws Exception {
        LiveRows<String> lines = LiveRows.lines(spark.session().spark());
        List<Map<String, Long>> tables = Collections.synchronizedList(new ArrayList<>());
        StreamingQuery query = lines.stream().groupBy("value").count().writeStream().outputMode("complete")
                .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, id) -> {
                    Map<String, Long> table = new TreeMap<>();
                    for (Row r : batch.collectAsList()) table.put(r.getString(0), r.getLong(1));
                    tables.add(table);
                })
                .start();
        try {
            lines.push("to", "be", "or");
            query.processAllAvailable();
            lines.push(List.of("not", "to", "be"));
            query.processAllAvailable();
            assertEquals(Map.of("to", 1L, "be", 1L, "or", 1L), tables.get(0));
            assertEquals(Map.of("to", 2L, "be", 2L, "or", 1L, "not", 1L), tables.get(tables.size() - 1));
        } finally {
            query.stop();
        }
    }
}
