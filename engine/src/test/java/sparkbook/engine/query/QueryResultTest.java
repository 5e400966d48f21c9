package sparkbook.engine.query;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;
import sparkbook.engine.input.LiveRows;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A streaming Dataset's result kept for a view, from real queries. */
class QueryResultTest {
    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofSeconds(1)));

    @Test
    void anAggregationWithMoreRowsThanShownKeepsEveryPartitionsState() throws Exception {
        LiveRows<String> words = LiveRows.lines(spark.session().spark());
        QueryResult result = QueryResult.start(words.stream().groupBy("value").count(), null, 10);
        try {
            // 50 keys over the shuffle partitions: showing 10 must still compute (and commit) every partition
            words.push(IntStream.range(0, 50).mapToObj(i -> "w" + i).toList());
            result.query().processAllAvailable();
            words.push("w1", "w2");
            result.query().processAllAvailable();
            assertNull(result.query().exception().isDefined() ? result.query().exception().get() : null);
            List<Row> rows = result.latest().rows();
            assertEquals(10, rows.size());
            assertTrue(result.latest().complete());
            assertEquals(1, result.latest().batchId(), "both micro-batches ran");
        } finally {
            result.stop();
        }
    }
}
