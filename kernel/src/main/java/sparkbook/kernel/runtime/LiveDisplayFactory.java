package sparkbook.kernel.runtime;

import java.util.Optional;

/** Opens live displays for stream values; each answers to the cell that opened it. */
@FunctionalInterface
public interface LiveDisplayFactory {
    /** The id of the live display opened for {@code value}; empty when it is not a stream and renders once. */
    Optional<String> open(Object value, int rows);
}
