package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import sparkbook.display.Mime;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

import sparkbook.engine.metrics.ReceiverSnapshot;
import sparkbook.engine.metrics.StreamStatus;
import sparkbook.engine.tap.StateSnapshot;
import sparkbook.engine.tap.TapSample;
import sparkbook.engine.tap.WindowSpec;
import sparkbook.engine.testing.BatchCheck;
import sparkbook.engine.testing.RowOrder;
import sparkbook.engine.testing.StreamCheckReport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkbook.display.stream.StreamFixtures.T0;

class StreamViewsTest {
    static String text(MimeBundle d) {
        return (String) d.get(Mime.TEXT);
    }

    static String html(MimeBundle d) {
        return (String) d.get(Mime.HTML);
    }

    @Test
    void batchTableShowsLatestRowsAsColumnsAndRecentCounts() {
        var view = new BatchTableView("wordCounts", 1000).rows(2);
        MimeBundle d = view.render(List.of(
                new TapSample<>(T0, 5, List.of(new Tuple2<>("a", 1)), true),
                new TapSample<>(T0 + 1000, 1_204, List.of(new Tuple2<>("<script>", 7), new Tuple2<>("b", 2), new Tuple2<>("c", 1)), true)));

        assertTrue(text(d).contains("1,204 records"));
        assertTrue(text(d).contains("first 2 of 1,204 records"));
        assertTrue(html(d).contains("<th") && html(d).contains("_1") && html(d).contains("_2"));
        assertTrue(html(d).contains("&lt;script&gt;") && !html(d).contains("<script>"));
        assertTrue(html(d).contains("recent batches"));
    }

    @Test
    void aFailedBatchIsMarkedAboveTheLastGoodStateEscaped() {
        MimeBundle good = new BatchTableView("counts", 1000).render(List.of(new TapSample<>(T0, 1, List.of("a"), false)));
        MimeBundle marked = sparkbook.display.Bundles.withProblem(good, "batch failed: <IllegalState> x < y");
        assertTrue(text(marked).startsWith("⚠ batch failed: <IllegalState> x < y\ncounts · batch"), text(marked));
        assertTrue(html(marked).contains("⚠ batch failed: &lt;IllegalState&gt; x &lt; y</div>"), html(marked));
        assertTrue(html(marked).endsWith(html(good)), "the last good state stays below");
    }

    @Test
    void anEmptyBatchKeepsTheColumnsOfTheStreamsLastRows() {
        MimeBundle d = new BatchTableView("counts", 1000).render(List.of(
                new TapSample<>(T0, 1, List.of(new Tuple2<>("a", 1)), false),
                new TapSample<>(T0 + 1000, 0, List.of(), false)));
        assertTrue(text(d).contains("|_1|_2|"), text(d));
        assertTrue(text(d).contains("empty batch"), text(d));
    }

    @Test
    void batchTableBeforeTheFirstBatch() {
        assertTrue(text(new BatchTableView("s", 1000).render(List.of())).contains("waiting"));
    }

    @Test
    void windowTimelineMarksTheBatchesInTheWindow() {
        var view = new WindowView("counts", new WindowSpec(1000, 3000, 1000));
        long end = T0 + 10_000;
        MimeBundle d = view.render(end, new TapSample<>(end, 3, List.of("x", "y", "z"), false));

        assertTrue(text(d).contains("[..###]"), text(d));
        assertEquals(3, html(d).split("data-mark=\"in_window\"").length - 1);
        assertTrue(text(d).contains("window 3 s sliding every 1 s over 1 s batches"));
        assertTrue(text(d).contains("window contents: 3 records"));
    }

    @Test
    void stateViewShowsKeysInStateTheirChangeTopKeysAndASizeChart() {
        var view = new StateView("totals", 1000);
        var first = new StateSnapshot<>(T0, 10, List.of(Map.entry("a", 5)));
        MimeBundle one = view.render(List.of(first));
        assertTrue(text(one).startsWith("totals · state after batch "), text(one));
        assertTrue(text(one).contains(": 10 keys\n"), "no change shown before a second batch: " + text(one));
        assertNull(one.get(Mime.SVG), "a single point is no chart");

        MimeBundle d = view.render(List.of(first, new StateSnapshot<>(T0 + 1000, 14,
                List.of(Map.entry("a", 9), Map.entry("<b>", 3)))));
        assertTrue(text(d).contains(": 14 keys (+4 since the batch before)"), text(d));
        assertTrue(text(d).contains("top 2 of 14 keys"), text(d));
        assertFalse(text(d).contains("window"), "state is not a window: " + text(d));
        assertTrue(html(d).contains("&lt;b&gt;") && !html(d).contains("<b>"));
        assertNotNull(d.get(Mime.SVG));
        assertNotNull(d.get(Mime.VEGA_LITE));
    }

    @Test
    void stateViewBeforeTheFirstBatch() {
        assertEquals("totals: waiting for the first batch…", text(new StateView("totals", 1000).render(List.of())));
    }

    @Test
    void receiversTableShowsActivityLocationRateAndErrors() {
        MimeBundle d = ReceiversTable.render(List.of(
                new ReceiverSnapshot(0, "SocketReceiver-0", true, "localhost", "driver", Optional.empty(),
                        OptionalLong.empty(), 1204.0),
                new ReceiverSnapshot(1, "Custom", false, "", "", Optional.of("Connection refused <host>"),
                        OptionalLong.of(T0), 0)));
        assertTrue(text(d).contains("inactive") && text(d).contains("1,204.0"));
        assertTrue(text(d).contains("localhost (executor driver)"), text(d));
        assertTrue(html(d).contains("Connection refused &lt;host&gt;"));
    }

    @Test
    void dashboardStatusLineForConsoles() {
        var status = StreamFixtures.history(42, 1000, 85);
        MimeBundle d = new StreamDashboard().render(status);
        assertEquals("ACTIVE · batch 1 s · 42 batches · last 1,241 rec · proc 85 ms · sched delay 3 ms · stable", text(d));
        assertNotNull(d.get(Mime.SVG));
        assertTrue(html(d).contains("recent batches"));
    }

    @Test
    void dashboardBeforeAnyBatch() {
        var status = new StreamStatus("INITIALIZED", 500, 0, List.of(), List.of(), Map.of());
        MimeBundle d = new StreamDashboard().render(status);
        assertEquals("INITIALIZED · batch 500 ms · 0 batches", text(d));
        assertFalse(html(d).contains("<svg"));
    }

    @Test
    void checkViewMarksDifferencesPerFailingBatch() {
        List<Object> expected = List.of("(a,2)", "(b,1)");
        List<Object> actual = List.of("(b,1)", "(a,3)");
        var differing = new BatchCheck(1, T0, expected, actual, List.of("(a,2)"), List.of("(a,3)"), false, "");
        var same = new BatchCheck(0, T0 - 1000, List.of("(c,1)"), List.of("(c,1)"), List.of(), List.of(), true, "");
        var report = new StreamCheckReport(StreamCheckReport.STREAM_CHECK, false, RowOrder.ANY_ORDER, 1000, 3, List.of(same, differing), Optional.empty(), 5);
        MimeBundle d = StreamCheckView.render("wordCount", report);
        assertTrue(text(d).startsWith("✗ wordCount: 1 of 3 batches differ"), text(d));
        assertTrue(text(d).contains("1 missing, 1 unexpected"), text(d));
        assertTrue(text(d).contains("*(a,2)*") && text(d).contains("*(a,3)*"));
        assertFalse(text(d).contains("*(b,1)*"), "(b,1) is on both sides, just reordered");

        var pass = new StreamCheckReport(StreamCheckReport.STREAM_CHECK, true, RowOrder.ANY_ORDER, 1000, 3, List.of(same, same, same), Optional.empty(), 5);
        assertEquals("✓ wordCount: passed (3 batches)", text(StreamCheckView.render("wordCount", pass)));
    }
}
