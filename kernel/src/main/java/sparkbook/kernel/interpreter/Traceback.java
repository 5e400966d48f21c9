package sparkbook.kernel.interpreter;

/**
 * The coloured lines tracebacks are made of, written alike by every layer that reports an error: the interpreter's
 * compile hints, the kernel's runtime advice and the one-line errors of magics and interrupted cells.
 */
public final class Traceback {
    static final String RED = "\u001b[0;31m", BOLD = "\u001b[1m", RESET = "\u001b[0m";
    private static final String ADVICE = "\u001b[1;33m";

    private Traceback() {}

    /** {@code ename: evalue} with the name in red, as a traceback's first line. */
    public static String headline(String ename, String evalue) {
        return RED + ename + RESET + ": " + evalue;
    }

    /** {@code What to do: advice}, the heading in bold yellow: what the reader can change to get past the error. */
    public static String advice(String advice) {
        return ADVICE + "What to do:" + RESET + " " + advice;
    }
}
