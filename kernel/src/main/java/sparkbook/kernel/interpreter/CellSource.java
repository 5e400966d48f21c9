package sparkbook.kernel.interpreter;

/** Positions in a cell's source: offsets to line and column, both from 1, as a reader counts them. */
record CellSource(String text) {

    int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    int columnOf(int offset) {
        int start = text.lastIndexOf('\n', Math.max(0, Math.min(offset, text.length()) - 1)) + 1;
        return Math.min(offset, text.length()) - start + 1;
    }

    String line(int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
