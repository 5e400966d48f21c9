package sparkbook.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code %name a "b c"} or {@code %%name ...} line: arguments split as a shell would, quotes kept together.
 * The one place that knows what a magic line is: the protocol handlers and Spark's cell set-up ask here.
 */
public record MagicLine(String name, List<String> args, boolean cell) {

    /** A magic line, once parsed, starts with a name; a line starting with {@code %} and no name stays Java. */
    public static Optional<MagicLine> parse(String line) {
        String s = line.strip();
        if (!startsMagic(s) || s.length() < 2) return Optional.empty();
        boolean cell = s.startsWith("%%");
        String rest = s.substring(cell ? 2 : 1);
        List<String> words = split(rest);
        if (words.isEmpty() || !Character.isLetter(words.get(0).charAt(0))) return Optional.empty();
        return Optional.of(new MagicLine(words.get(0), List.copyOf(words.subList(1, words.size())), cell));
    }

    /**
     * Whether the text is written as a magic: its first non-blank character is {@code %}. True also of a magic still
     * being typed ({@code %}, {@code %st}), which the front end asks about before it can be parsed.
     */
    public static boolean startsMagic(String text) {
        return text.stripLeading().startsWith("%");
    }

    /** Whether the cell is a cell magic: its first non-blank line starts with {@code %%}. */
    public static boolean isCellMagic(String cell) {
        return cell.stripLeading().startsWith("%%");
    }

    /** Whether the cursor (a char index) stands on a magic line: what precedes it on its line starts a magic. */
    public static boolean cursorOnMagic(String code, int cursor) {
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1; // cursor 0: the first line (-1 + 1)
        return startsMagic(code.substring(lineStart, cursor));
    }

    /**
     * The Java of a cell: every magic line blanked, so the rest keeps the cell's line numbers. A cell magic's body
     * stays, as the magic runs it as Java.
     * <pre>{@code
     * MagicLine.javaOnly("%time\nint x = sc.hashCode();")   // "\nint x = sc.hashCode();"
     * }</pre>
     */
    public static String javaOnly(String cell) {
        String[] lines = cell.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (parse(lines[i]).isPresent()) lines[i] = "";
        return String.join("\n", lines);
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == quote) cur.append(s.charAt(++i));
                else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || cur.length() > 0) out.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) out.add(cur.toString());
        return out;
    }

    /** The raw text after the magic's name, for magics such as %time that take Java code. */
    public static String rawArgs(String line) {
        String s = line.strip().replaceFirst("^%%?\\S+", "");
        return s.strip();
    }
}
