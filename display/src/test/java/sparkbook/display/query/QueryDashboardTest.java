package sparkbook.display.query;

import org.junit.jupiter.api.Test;
import sparkbook.display.Mime;
import sparkbook.display.MimeBundle;
import sparkbook.engine.query.QueryBatch;
import sparkbook.engine.query.QueryState;
import sparkbook.engine.query.QueryStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryDashboardTest {
    static final UUID ID = UUID.fromString("1234abcd-0000-0000-0000-000000000000");

    static QueryBatch batch(long id, long rows, double in, double processed, long dropped) {
        Map<String, Long> phases = new LinkedHashMap<>();
        phases.put("addBatch", 120L);
        phases.put("getBatch", 3L);
        phases.put("queryPlanning", 40L);
        phases.put("triggerExecution", 170L);
        return new QueryBatch(id, 1_700_000_000_000L + id * 1000, rows, in, processed, 170, phases,
                OptionalLong.of(1_700_000_000_000L + id * 1000 - 2000), 4, 2, dropped, 2048);
    }

    static QueryStatus status(QueryState state, List<QueryBatch> batches, String failure) {
        return new QueryStatus(ID, state == QueryState.FAILED ? null : "counts", state, batches.size(), batches,
                Optional.ofNullable(failure));
    }

    @Test
    void theStatusLineSaysRatesWatermarkAndState() {
        String line = QueryDashboard.statusLine(status(QueryState.ACTIVE, List.of(batch(0, 50, 50, 400, 0), batch(1, 60, 60, 500, 0)), null));
        assertEquals("counts · active · 2 batches · last 60 rows · 60.0 rows/s in · 500 rows/s processed"
                + " · watermark 2023-11-14 22:13:19 UTC · 4 state rows · stable", line);
    }

    @Test
    void rowsArrivingFasterThanProcessedBatchAfterBatchIsFallingBehind() {
        List<QueryBatch> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) slow.add(batch(i, 900, 900, 300, 0));
        QueryStatus status = status(QueryState.ACTIVE, slow, null);
        assertTrue(QueryDashboard.statusLine(status).endsWith("falling behind"));
        MimeBundle html = new QueryDashboard().render(status);
        assertTrue(((String) html.get(Mime.HTML)).contains("data-mark=\"bad\""), "the slow process rate is marked");
    }

    @Test
    void theTableHasStateColumnsAndMarksLateRowsDropped() {
        String html = (String) new QueryDashboard().render(status(QueryState.ACTIVE, List.of(batch(7, 10, 10, 100, 3)), null)).get(Mime.HTML);
        for (String column : List.of("rows/s in", "rows/s processed", "duration", "watermark", "state rows", "dropped (late)", "state memory")) {
            assertTrue(html.contains(column), column);
        }
        assertTrue(html.contains(">2 KB<"), html);
    }

    @Test
    void aFailedQueryShowsWhyEscaped() {
        MimeBundle b = new QueryDashboard().render(status(QueryState.FAILED, List.of(batch(0, 5, 5, 50, 0)),
                "org.apache.spark.SparkException: bad <row>\n\tat x.y(Z.java:1)"));
        assertTrue(b.text().startsWith("query 1234abcd · failed · 1 batch"), b.text());
        assertTrue(b.text().endsWith(": org.apache.spark.SparkException: bad <row>"), b.text());
        String html = (String) b.get(Mime.HTML);
        assertTrue(html.contains("bad &lt;row&gt;") && !html.contains("<row>"), "escaped");
    }

    @Test
    void theChartDrawsRatesAndPhasesButNotTheirTotal() {
        MimeBundle chart = new QueryDashboard().chart(status(QueryState.ACTIVE, List.of(batch(0, 50, 50, 400, 0), batch(1, 60, 60, 500, 0)), null));
        assertTrue(((String) chart.get(Mime.SVG)).startsWith("<svg"));
        @SuppressWarnings("unchecked")
        Map<String, Object> vega = (Map<String, Object>) chart.get(Mime.VEGA_LITE);
        String spec = vega.toString();
        assertTrue(spec.contains("addBatch") && spec.contains("queryPlanning") && spec.contains("processed rows/s"), spec);
        assertFalse(spec.contains("triggerExecution"), "the total is not stacked on its parts");
        assertEquals("counts: waiting for the first micro-batch…",
                new QueryDashboard().chart(status(QueryState.ACTIVE, List.of(), null)).text());
    }
}
