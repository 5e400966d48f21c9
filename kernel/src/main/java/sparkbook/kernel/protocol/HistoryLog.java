package sparkbook.kernel.protocol;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The inputs (and text outputs) of this kernel session, for history requests. Bounded like IPython's. */
public final class HistoryLog {
    public record Entry(int session, int line, String input, String output) {}

    private static final int MAX = 10_000;
    private final int session = 1;
    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(int line, String input) {
        if (entries.size() >= MAX) entries.remove(0);
        entries.add(new Entry(session, line, input, null));
    }

    public synchronized void setOutput(int line, String output) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.line() == line) {
                entries.set(i, new Entry(e.session(), e.line(), e.input(), output));
                return;
            }
        }
    }

    public synchronized List<Entry> tail(int n) {
        return List.copyOf(entries.subList(Math.max(0, entries.size() - Math.max(n, 0)), entries.size()));
    }

    /** Lines start..stop-1 of a session; session 0 or negative means this one, as IPython reads it. */
    public synchronized List<Entry> range(int sessionNo, int start, int stop) {
        if (sessionNo > session) return List.of();
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.line() >= start && (stop <= 0 || e.line() < stop)) out.add(e);
        }
        return out;
    }

    /** Glob search (IPython's `*` and `?`), newest n, optionally unique by input. */
    public synchronized List<Entry> search(String pattern, int n, boolean unique) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace('/', '_'));
        Map<String, Entry> uniq = new LinkedHashMap<>();
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!matches(m, e.input())) continue;
            if (unique) {
                uniq.remove(e.input());
                uniq.put(e.input(), e);
            } else {
                out.add(e);
            }
        }
        List<Entry> all = unique ? new ArrayList<>(uniq.values()) : out;
        return n > 0 && all.size() > n ? List.copyOf(all.subList(all.size() - n, all.size())) : List.copyOf(all);
    }

    private static boolean matches(PathMatcher m, String input) {
        try {
            return m.matches(Path.of(input.replace('\n', ' ').replace('/', '_').replace('\0', ' ')));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
