package sparkbook.display.jobs;

import sparkbook.display.Html;
import sparkbook.display.MimeBundle;
import sparkbook.display.Quantities;
import sparkbook.display.Styles;
import sparkbook.display.stream.TimeText;
import sparkbook.engine.jobs.CellWork;
import sparkbook.engine.jobs.JobProgress;
import sparkbook.engine.jobs.StageProgress;
import sparkbook.engine.jobs.WorkTotals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A cell's Spark work as its progress display shows it: a bar per stage of each running job, and the finished jobs
 * summed up in one line ("Spark: 3 jobs · 4 stages · 208 tasks · 2.4 s · shuffle 1.2 MB read, 1.2 MB written"),
 * which is all that is left once the cell ended. HTML for the front end, the same lines as text for the rest.
 *
 * <pre>{@code
 * JobProgressView view = new JobProgressView(name -> name);          // the kernel maps snippet call sites to cell lines
 * MimeBundle live = view.render(progress.snapshot(group), System.currentTimeMillis());
 * MimeBundle done = view.summary(progress.unfollow(group));
 * }</pre>
 */
public final class JobProgressView {
    /** The comm target the stop control opens a comm to, with {@code {"cancel_job": id}}. */
    public static final String STOP_TARGET = "sparkbook.jobs";
    /**
     * The stop control: where the page has the classic Notebook's kernel object (and runs the output's handlers), a
     * comm to {@link #STOP_TARGET}; elsewhere (JupyterLab sanitises handlers away) it says to interrupt the kernel.
     */
    private static final String STOP = "<button class=\"sparkbook-stop\" style=\"font-size:11px;margin-left:6px\" "
            + "onclick=\"var k=window.Jupyter&amp;&amp;Jupyter.notebook&amp;&amp;Jupyter.notebook.kernel;this.disabled=true;"
            + "if(k){k.comm_manager.new_comm('" + STOP_TARGET + "',{cancel_job:%d});this.textContent='stopping…';}"
            + "else{this.textContent='interrupt the kernel to stop';}\">stop</button>";

    /** Running jobs shown, and stages shown per job: a cell that runs more in parallel gets a count of the rest. */
    static final int MAX_JOBS = 6, MAX_STAGES = 6;
    private static final String BOX = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;"
            + "color:inherit;margin:2px 0";
    private static final String TRACK = "display:inline-block;vertical-align:middle;width:180px;height:9px;margin:0 6px;"
            + "border-radius:2px;background:var(--jp-layout-color3,rgba(128,128,128,0.25));overflow:hidden";
    private static final String DONE = "display:inline-block;height:100%;background:var(--jp-brand-color1,#2f7ed8)";
    private static final String RUNNING = "display:inline-block;height:100%;background:var(--jp-brand-color3,rgba(47,126,216,0.45))";
    private static final String FAILED = "display:inline-block;height:100%;background:var(--jp-error-color1,#d9534f)";

    private final UnaryOperator<String> callSites;

    /** @param callSites turns Spark's call sites ("count at $JShell$25.java:9") into what the reader wrote */
    public JobProgressView(UnaryOperator<String> callSites) {
        this.callSites = callSites;
    }

    /** The work now: the running jobs' stages as bars, the finished ones as the summary line. */
    public MimeBundle render(CellWork work, long nowMs) {
        return render(work, nowMs, Optional.empty());
    }

    /**
     * The same, each job and stage linking to its page in the Spark UI.
     *
     * @param ui the Spark UI's address as the user's browser reaches it, ending in "/"
     */
    public MimeBundle render(CellWork work, long nowMs, Optional<String> ui) {
        List<String> text = new ArrayList<>();
        StringBuilder html = new StringBuilder("<div class=\"sparkbook-progress\" style=\"").append(BOX).append("\">");
        int shown = 0;
        for (JobProgress job : work.running()) {
            if (shown++ == MAX_JOBS) {
                String more = "… and " + (work.running().size() - MAX_JOBS) + " more running jobs";
                text.add(more);
                html.append("<div style=\"").append(Styles.NOTE).append("\">").append(Html.escape(more)).append("</div>");
                break;
            }
            String title = "job " + job.jobId() + " · " + callSites.apply(job.description()) + " · "
                    + TimeText.duration(Math.max(0, nowMs - job.startedAtMs()));
            text.add(title);
            html.append("<div class=\"sparkbook-job\"><div>")
                    .append(link(ui, "jobs/job/?id=" + job.jobId(), "job " + job.jobId()))
                    .append(Html.escape(title.substring(("job " + job.jobId()).length())))
                    .append(String.format(Locale.ROOT, STOP, job.jobId())).append("</div>");
            List<StageProgress> stages = job.stages();
            for (StageProgress s : stages.subList(Math.max(0, stages.size() - MAX_STAGES), stages.size())) {
                String counts = tasks(s);
                text.add("  stage " + s.stageId() + " " + textBar(s) + " " + counts);
                html.append("<div class=\"sparkbook-stage\" data-stage=\"").append(s.stageId()).append("\">")
                        .append(link(ui, "stages/stage/?id=" + s.stageId() + "&attempt=0", "stage " + s.stageId()))
                        .append("<span style=\"").append(TRACK).append("\">")
                        .append(segment(DONE, s.done(), s.tasks()))
                        .append(segment(RUNNING, s.running(), s.tasks()))
                        .append(segment(FAILED, Math.min(s.failed(), Math.max(0, s.tasks() - s.done() - s.running())), s.tasks()))
                        .append("</span>").append(Html.escape(counts)).append("</div>");
            }
            html.append("</div>");
        }
        if (work.finished().jobs() > 0 || work.running().isEmpty()) {
            String line = summaryLine(work.finished());
            text.add(line);
            html.append("<div class=\"sparkbook-summary\">").append(Html.escape(line)).append("</div>");
        }
        html.append("<div style=\"").append(Styles.NOTE).append("\">")
                .append(work.running().isEmpty() ? "" : "interrupt the kernel to stop").append("</div></div>");
        return MimeBundle.text(String.join("\n", text)).with("text/html", html.toString());
    }

    /** What stays in the notebook once the cell ended: the summary line alone. */
    public MimeBundle summary(WorkTotals totals) {
        String line = summaryLine(totals);
        return MimeBundle.text(line).with("text/html", "<div class=\"sparkbook-progress sparkbook-summary\" style=\""
                + BOX + "\">" + Html.escape(line) + "</div>");
    }

    /** "Spark: 1 job · 2 stages · 208 tasks · 2.4 s · shuffle 1.2 MB read, 1.2 MB written · spilled 4 MB · 1 failed". */
    public static String summaryLine(WorkTotals t) {
        StringBuilder s = new StringBuilder("Spark: ").append(plural(t.jobs(), "job")).append(" · ")
                .append(plural(t.stages(), "stage")).append(" · ").append(plural(t.tasks(), "task"));
        if (t.lastEndMs() > 0 && t.firstStartMs() > 0) s.append(" · ").append(TimeText.duration(t.lastEndMs() - t.firstStartMs()));
        if (t.shuffleReadBytes() > 0 || t.shuffleWriteBytes() > 0) {
            s.append(" · shuffle ").append(Quantities.bytes(t.shuffleReadBytes())).append(" read, ")
                    .append(Quantities.bytes(t.shuffleWriteBytes())).append(" written");
        }
        if (t.spillBytes() > 0) s.append(" · spilled ").append(Quantities.bytes(t.spillBytes())).append(" to disk");
        if (t.failedJobs() > 0) s.append(" · ").append(plural(t.failedJobs(), "failed job"));
        if (t.failedTasks() > 0) s.append(" · ").append(plural(t.failedTasks(), "failed task"));
        return s.toString();
    }

    private static String link(Optional<String> ui, String page, String text) {
        if (ui.isEmpty()) return Html.escape(text);
        return "<a href=\"" + Html.escape(ui.get() + page) + "\" target=\"_blank\" rel=\"noopener\" title=\"in the Spark UI\" "
                + "style=\"color:inherit\">" + Html.escape(text) + "</a>";
    }

    private static String tasks(StageProgress s) {
        return TimeText.count(s.done()) + "/" + TimeText.count(s.tasks()) + " tasks"
                + (s.running() > 0 ? " · " + s.running() + " running" : "")
                + (s.failed() > 0 ? " · " + s.failed() + " failed" : "");
    }

    private static String textBar(StageProgress s) {
        int width = 20, full = (int) Math.round(s.fraction() * width);
        return "[" + "#".repeat(full) + "-".repeat(width - full) + "]";
    }

    private static String segment(String style, int n, int of) {
        if (n <= 0 || of <= 0) return "";
        return "<span style=\"" + style + ";width:" + String.format(Locale.ROOT, "%.1f", 100.0 * Math.min(n, of) / of) + "%\"></span>";
    }

    private static String plural(long n, String noun) {
        return TimeText.count(n) + " " + noun + (n == 1 ? "" : "s");
    }
}
