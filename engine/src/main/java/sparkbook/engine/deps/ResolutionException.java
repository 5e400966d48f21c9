package sparkbook.engine.deps;

/** A resolution that failed: its message says what was asked, where it was looked for, and what to do. */
public final class ResolutionException extends Exception {
    public ResolutionException(String message, Throwable cause) {
        super(message, cause);
    }

    public ResolutionException(String message) {
        super(message);
    }
}
