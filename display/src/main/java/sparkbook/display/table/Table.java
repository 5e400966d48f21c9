package sparkbook.display.table;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable table ready to be rendered as HTML or text. {@code note} is a footer such as
 * "showing 20 of 20+ rows"; it may be empty.
 */
public record Table(String caption, List<String> header, List<List<Cell>> rows, String note) {
    public Table {
        caption = caption == null ? "" : caption;
        note = note == null ? "" : note;
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    public static Builder builder(String... header) {
        return new Builder(List.of(header));
    }

    public static Builder builder(List<String> header) {
        return new Builder(header);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Collects rows; values are formatted with {@link Cell#of}. */
    public static final class Builder {
        private final List<String> header;
        private final List<List<Cell>> rows = new ArrayList<>();
        private String caption = "";
        private String note = "";

        private Builder(List<String> header) {
            this.header = header;
        }

        public Builder caption(String caption) {
            this.caption = caption;
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        public Builder row(Object... values) {
            return row(List.of(values.length == 0 ? new Object[0] : values));
        }

        public Builder row(List<?> values) {
            List<Cell> cells = new ArrayList<>(values.size());
            for (Object v : values) cells.add(Cell.of(v));
            rows.add(cells);
            return this;
        }

        public Table build() {
            return new Table(caption, header, rows, note);
        }
    }
}
