package sparkbook.kernel.runtime;

import sparkbook.display.MimeBundle;

import java.util.Optional;
import java.util.function.Supplier;

/** Opens live displays for stream values; each answers to the cell that opened it. */
public interface LiveDisplayFactory {
    /** The id of the live display opened for {@code value}; empty when it is not a stream and renders once. */
    Optional<String> open(Object value, int rows);

    /** The id of a live display of {@code render}, drawn again after every batch of the notebook's stream. */
    String watch(Supplier<MimeBundle> render);
}
