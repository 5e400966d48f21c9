package sparkbook.kernel.protocol;

/** Jupyter counts cursor positions in Unicode code points; Java strings count UTF-16 units. */
final class CodePoints {
    private CodePoints() {}

    static int toCharIndex(String s, int codePoints) {
        int cp = Math.max(0, Math.min(codePoints, s.codePointCount(0, s.length())));
        return s.offsetByCodePoints(0, cp);
    }

    static int toCodePoints(String s, int charIndex) {
        return s.codePointCount(0, Math.max(0, Math.min(charIndex, s.length())));
    }
}
