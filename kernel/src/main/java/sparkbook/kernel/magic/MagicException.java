package sparkbook.kernel.magic;

/** A magic was used wrongly; the message says what to do instead. */
public class MagicException extends Exception {
    public MagicException(String message) {
        super(message);
    }
}
