package sparkbook.display.jobs;

import org.junit.jupiter.api.Test;
import sparkbook.display.MimeBundle;
import sparkbook.engine.jobs.CellWork;
import sparkbook.engine.jobs.JobProgress;
import sparkbook.engine.jobs.StageProgress;
import sparkbook.engine.jobs.WorkTotals;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobProgressViewTest {
    private final JobProgressView view = new JobProgressView(site -> site.replace("$JShell$25.java:9", "cell line 3"));

    @Test
    void aRunningJobShowsABarPerStageWithTasksDoneRunningAndFailed() {
        var stage = new StageProgress(4, "count at $JShell$25.java:9", 200, 100, 2, 1, false);
        var work = new CellWork(List.of(new JobProgress(3, "count at $JShell$25.java:9", 1_000, List.of(stage))), WorkTotals.NONE);
        MimeBundle b = view.render(work, 3_500);
        assertEquals("job 3 · count at cell line 3 · 2.5 s\n  stage 4 [##########----------] 100/200 tasks · 2 running · 1 failed",
                b.text());
        String html = (String) b.get("text/html");
        assertTrue(html.contains("width:50.0%"), html);
        assertTrue(html.contains("width:1.0%"), html);
        assertTrue(html.contains("interrupt the kernel to stop"), html);
        assertFalse(html.contains("sparkbook-summary"), "no summary line before any job finished");
    }

    @Test
    void finishedJobsCollapseIntoOneLine() {
        var totals = new WorkTotals(3, 1, 4, 208, 2, 10_000, 12_400, 1_300_000, 1_250_000, 0);
        assertEquals("Spark: 3 jobs · 4 stages · 208 tasks · 2.4 s · shuffle 1.2 MB read, 1.2 MB written · 1 failed job"
                + " · 2 failed tasks", JobProgressView.summaryLine(totals));
        assertEquals("Spark: 1 job · 1 stage · 1 task · 850 ms",
                JobProgressView.summaryLine(new WorkTotals(1, 0, 1, 1, 0, 1_000, 1_850, 0, 0, 0)));
        MimeBundle b = view.render(new CellWork(List.of(), totals), 20_000);
        assertTrue(b.text().startsWith("Spark: 3 jobs"), b.text());
        assertFalse(((String) b.get("text/html")).contains("interrupt"), "nothing runs: nothing to stop");
    }

    @Test
    void jobsAndStagesLinkToTheirPagesInTheSparkUi() {
        var work = new CellWork(List.of(new JobProgress(3, "count at x", 0,
                List.of(new StageProgress(4, "x", 2, 1, 1, 0, false)))), WorkTotals.NONE);
        String html = (String) view.render(work, 0, java.util.Optional.of("/user/ann/proxy/4040/")).get("text/html");
        assertTrue(html.contains("<a href=\"/user/ann/proxy/4040/jobs/job/?id=3\""), html);
        assertTrue(html.contains("<a href=\"/user/ann/proxy/4040/stages/stage/?id=4&amp;attempt=0\""), html);
        assertTrue(html.contains(">job 3</a> · count at x"), html);
    }

    @Test
    void callSitesAreEscaped() {
        var work = new CellWork(List.of(new JobProgress(1, "collect at <script>alert(1)</script>", 0,
                List.of(new StageProgress(1, "x", 1, 0, 1, 0, false)))), WorkTotals.NONE);
        String html = (String) view.render(work, 0).get("text/html");
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }
}
