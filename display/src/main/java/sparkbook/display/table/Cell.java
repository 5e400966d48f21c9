package sparkbook.display.table;

import java.util.Objects;

/**
 * One table cell: already-formatted text plus an optional mark. Text is escaped only when rendered.
 *
 * @param full the whole value when {@code text} is cut short (shown on hover), else ""
 */
public record Cell(String text, Mark mark, String full) {
    /** Longest whole value kept for the hover text: a live table must stay small. */
    static final int MAX_FULL = 1000;

    public Cell {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mark, "mark");
        full = full == null || full.equals(text) ? "" : CellText.truncate(full, MAX_FULL);
    }

    public Cell(String text, Mark mark) {
        this(text, mark, "");
    }

    public static Cell of(Object value) {
        return value instanceof Cell c ? c : marked(value, Mark.NONE);
    }

    public static Cell marked(Object value, Mark mark) {
        String text = CellText.format(value);
        return new Cell(text, mark, text.endsWith("…") ? CellText.whole(value) : "");
    }
}
