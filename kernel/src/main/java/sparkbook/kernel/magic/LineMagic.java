package sparkbook.kernel.magic;

import java.util.List;

/** A {@code %name args} line. Returning an EvalOutcome makes it the line's outcome; any other value is shown. */
@FunctionalInterface
public interface LineMagic {
    Object run(List<String> args, MagicContext context) throws Exception;
}
