package sparkbook.display.stream;

import sparkbook.display.MimeBundle;
import sparkbook.display.Bundles;
import sparkbook.display.Html;
import sparkbook.display.table.Cell;
import sparkbook.display.table.HtmlTable;
import sparkbook.display.table.Mark;
import sparkbook.display.table.Table;
import sparkbook.display.table.TextTable;
import sparkbook.engine.tap.TapSample;
import sparkbook.engine.tap.WindowSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Which batches the current window covers, drawn as a timeline table of batch cells (accessible and
 * theme-neutral), and the window's current contents. Stateful streams have {@link StateView}.
 *
 * <pre>{@code
 * var view = new WindowView("counts", new WindowSpec(1000, 30_000, 10_000)).rows(5);
 * AtomicReference<TapSample<?>> latest = new AtomicReference<>();
 * BatchTap.attach(windowedCounts, 5, latest::set);
 * live.bind(() -> view.render(latest.get().batchTimeMs(), latest.get()));   // once a window has fired
 * }</pre>
 */
public final class WindowView {
    /** Timeline cells; longer windows show their most recent part with a note. */
    public static final int MAX_CELLS = 40;

    private final String name;
    private final WindowSpec spec;
    private final BatchTableView contents;

    public WindowView(String name, WindowSpec spec) {
        this.name = name;
        this.spec = spec;
        this.contents = new BatchTableView(name, spec.batchMs()).historySize(0);
    }

    public WindowView rows(int rows) {
        contents.rows(rows);
        return this;
    }

    /**
     * @param windowEndMs time of the batch that closed the current window
     * @param windowContents the window's output at that time, or null if not tapped
     */
    public MimeBundle render(long windowEndMs, TapSample<?> windowContents) {
        Table timeline = timeline(windowEndMs);
        String heading = describe(windowEndMs);
        StringBuilder text = new StringBuilder(name).append(" · ").append(heading).append('\n')
                .append(textTimeline(windowEndMs)).append('\n');
        StringBuilder html = new StringBuilder("<div class=\"sparkbook-window\" style=\"color:inherit\">")
                .append("<div style=\"font-weight:600\">").append(Html.escape(name + " · " + heading)).append("</div>")
                .append(HtmlTable.render(timeline));
        if (windowContents != null) {
            Table rows = contents.latestRows(windowContents, List.of("value"));
            String title = "window contents: " + TimeText.records(windowContents.count());
            text.append(title).append('\n').append(TextTable.render(rows));
            html.append("<div>").append(Html.escape(title)).append("</div>").append(HtmlTable.render(rows));
        }
        return Bundles.html(text.toString(), html.append("</div>").toString());
    }

    String describe(long windowEndMs) {
        long first = windowEndMs - spec.windowMs() + spec.batchMs();
        return "window " + TimeText.duration(spec.windowMs()) + " sliding every " + TimeText.duration(spec.slideMs())
                + " over " + TimeText.duration(spec.batchMs()) + " batches: covers "
                + TimeText.batchTime(first, spec.batchMs()) + "–" + TimeText.batchTime(windowEndMs, spec.batchMs())
                + " (" + spec.batchesPerWindow() + " batches)";
    }

    /** Batch cells ending at the window end; the cells in the window are marked, so are slide points. */
    Table timeline(long windowEndMs) {
        List<Long> times = cellTimes(windowEndMs);
        List<String> header = new ArrayList<>(List.of(""));
        for (long t : times) header.add(TimeText.batchTime(t, spec.batchMs()));
        List<Object> inWindow = new ArrayList<>(List.of("in window"));
        List<Object> slides = new ArrayList<>(List.of("window output"));
        for (long t : times) {
            inWindow.add(spec.covers(windowEndMs, t) ? Cell.marked("■", Mark.IN_WINDOW) : Cell.of(""));
            slides.add(Math.floorMod(windowEndMs - t, spec.slideMs()) == 0 ? "▲" : "");
        }
        Table.Builder table = Table.builder(header).caption("batch timeline").row(inWindow).row(slides);
        long hidden = spec.batchesPerWindow() + 2 - times.size();
        if (hidden > 0) table.note("earliest " + hidden + " batches of the window not shown");
        return table.build();
    }

    String textTimeline(long windowEndMs) {
        StringBuilder s = new StringBuilder("[");
        for (long t : cellTimes(windowEndMs)) s.append(spec.covers(windowEndMs, t) ? '#' : '.');
        return s.append("] # = batch in window, newest right").toString();
    }

    private List<Long> cellTimes(long windowEndMs) {
        int cells = Math.min(MAX_CELLS, spec.batchesPerWindow() + 2); // two batches of context before
        List<Long> times = new ArrayList<>(cells);
        for (int i = cells - 1; i >= 0; i--) times.add(windowEndMs - i * spec.batchMs());
        return times;
    }
}
