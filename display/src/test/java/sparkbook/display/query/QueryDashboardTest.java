package sparkbook.display.query;

import org.junit.jupiter.api.Test;
import sparkbook.display.Mime;
import sparkbook.display.MimeBundle;
import sparkbook.engine.query.QueryBatch;
import sparkbook.engine.query.QueryState;
import sparkbook.engine.query.QueryStatus;
import sparkbook.engine.query.StoredState;

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

    static long at(String time) {
        return java.time.Instant.parse("2026-01-01T" + time + "Z").toEpochMilli();
    }

    @Test
    void theStateOfAWindowAggregationShowsWindowsOpenAndFinalAgainstTheWatermark() {
        StoredState state = new StoredState(9, 3, List.of("window", "word"), List.of("count"), List.of(),
                List.of(new StoredState.StateWindow(at("12:00:10"), at("12:00:20"), 2, OptionalLong.of(5)),
                        new StoredState.StateWindow(at("12:00:20"), at("12:00:30"), 1, OptionalLong.of(1))),
                List.of(new StoredState.StateWindow(at("12:00:00"), at("12:00:10"), 3, OptionalLong.of(7))),
                OptionalLong.of(at("12:00:16")));
        MimeBundle b = new QueryDashboard().render(status(QueryState.ACTIVE, List.of(batch(9, 1, 1, 10, 0)), null),
                Optional.of(state));
        String text = b.text();
        assertTrue(text.contains("event time after micro-batch 9 · watermark 2026-01-01 12:00:16 UTC · 2 windows open, 1 final"), text);
        List<String> lines = text.lines().toList();
        int finalWindow = indexOf(lines, "12:00:00–12:00:10"), open = indexOf(lines, "12:00:10–12:00:20");
        assertTrue(finalWindow >= 0 && open > finalWindow, "final windows first, then the open ones, oldest first: " + text);
        assertTrue(lines.get(finalWindow).contains("final") && lines.get(open).contains("open"), text);
        String html = (String) b.get(Mime.HTML);
        assertTrue(html.contains("window (UTC)") && html.contains(">count<"), html);
    }

    @Test
    void theStateOfOtherQueriesShowsTheirLargestKeys() {
        StoredState state = new StoredState(4, 120, List.of("word"), List.of("count"),
                List.of(new StoredState.Entry(List.of("to"), List.of(9L)), new StoredState.Entry(List.of("<be>"), List.of(4L))),
                List.of(), List.of(), OptionalLong.empty());
        MimeBundle b = new QueryDashboard().render(status(QueryState.ACTIVE, List.of(batch(4, 1, 1, 10, 0)), null),
                Optional.of(state));
        assertTrue(b.text().contains("state after micro-batch 4 · 120 rows · largest first"), b.text());
        assertTrue(b.text().contains("the 2 largest of 120"), b.text());
        String html = (String) b.get(Mime.HTML);
        assertTrue(html.contains("key: word") && html.contains("&lt;be&gt;") && !html.contains("<be>"), html);
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(part)) return i;
        return -1;
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
