package sparkbook.display;

/** The one place where text becomes safe HTML. Every cell, caption and attribute goes through {@link #escape}. */
public final class Html {
    private Html() {}

    /** Escapes text for use in element content and in double- or single-quoted attribute values. */
    public static String escape(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
