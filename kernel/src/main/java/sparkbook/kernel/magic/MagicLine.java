package sparkbook.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A parsed {@code %name a "b c"} or {@code %%name ...} line: arguments split as a shell would, quotes kept together. */
public record MagicLine(String name, List<String> args, boolean cell) {

    public static Optional<MagicLine> parse(String line) {
        String s = line.strip();
        if (!s.startsWith("%") || s.length() < 2) return Optional.empty();
        boolean cell = s.startsWith("%%");
        String rest = s.substring(cell ? 2 : 1);
        List<String> words = split(rest);
        if (words.isEmpty() || !Character.isLetter(words.get(0).charAt(0))) return Optional.empty();
        return Optional.of(new MagicLine(words.get(0), List.copyOf(words.subList(1, words.size())), cell));
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
