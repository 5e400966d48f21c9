package sparkbook.kernel.magic;

import java.util.List;

/** A cell that starts with {@code %%name args}; the rest of the cell is its body. */
@FunctionalInterface
public interface CellMagic {
    Object run(List<String> args, String body, MagicContext context) throws Exception;
}
