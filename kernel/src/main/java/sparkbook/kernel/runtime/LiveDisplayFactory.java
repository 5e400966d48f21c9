package sparkbook.kernel.runtime;

import sparkbook.kernel.io.OutputTarget;

import java.util.Optional;

/** Opens live displays for stream values, sending their updates to the cell that asked for them. */
@FunctionalInterface
public interface LiveDisplayFactory {
    Optional<String> open(Object value, int rows, OutputTarget target);
}
