package sparkbook.display.table;

import java.util.Objects;

/** One table cell: already-formatted text plus an optional mark. Text is escaped only when rendered. */
public record Cell(String text, Mark mark) {
    public Cell {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mark, "mark");
    }

    public static Cell of(Object value) {
        return value instanceof Cell c ? c : new Cell(CellText.format(value), Mark.NONE);
    }

    public static Cell marked(Object value, Mark mark) {
        return new Cell(CellText.format(value), mark);
    }
}
