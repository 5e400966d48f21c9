package sparkbook.kernel.magic;

import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.interpreter.Interpreter;
import sparkbook.kernel.interpreter.Traceback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a cell: a leading {@code %%magic} takes the whole cell; otherwise {@code %magic} lines run in order
 * between the Java around them. Java chunks keep their line positions (other lines are blanked), so errors
 * name the line of the cell.
 */
public final class CellRunner implements MagicContext {
    private final Interpreter interpreter;
    private final Magics magics;
    private String rawArgs = "";

    public CellRunner(Interpreter interpreter, Magics magics) {
        this.interpreter = interpreter;
        this.magics = magics;
    }

    @Override
    public Interpreter interpreter() {
        return interpreter;
    }

    @Override
    public Magics magics() {
        return magics;
    }

    @Override
    public String rawArgs() {
        return rawArgs;
    }

    @Override
    public EvalOutcome run(String cell) {
        String[] lines = cell.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) first++;
        if (MagicLine.isCellMagic(cell)) {
            Optional<MagicLine> m = MagicLine.parse(lines[first]);
            if (m.isPresent()) {
                StringBuilder body = new StringBuilder();
                // Blank lines keep the body's line numbers equal to the cell's.
                for (int i = 0; i <= first; i++) body.append('\n');
                for (int i = first + 1; i < lines.length; i++) body.append(lines[i]).append(i < lines.length - 1 ? "\n" : "");
                return runCellMagic(m.get(), body.toString());
            }
        }
        EvalOutcome outcome = new EvalOutcome.Success(null, false);
        List<Integer> javaLines = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Optional<MagicLine> m = MagicLine.parse(lines[i]);
            if (m.isEmpty()) {
                javaLines.add(i);
                continue;
            }
            if (!onlyBlank(lines, javaLines)) {
                outcome = interpreter.eval(chunk(lines, javaLines));
                if (!(outcome instanceof EvalOutcome.Success)) return outcome;
            }
            javaLines.clear();
            outcome = runLineMagic(m.get(), lines[i]);
            if (!(outcome instanceof EvalOutcome.Success)) return outcome;
        }
        if (!onlyBlank(lines, javaLines)) outcome = interpreter.eval(chunk(lines, javaLines));
        return outcome;
    }

    private static boolean onlyBlank(String[] lines, List<Integer> idx) {
        return idx.stream().allMatch(i -> lines[i].isBlank());
    }

    private static String chunk(String[] lines, List<Integer> keep) {
        StringBuilder sb = new StringBuilder();
        int last = keep.get(keep.size() - 1);
        for (int i = 0; i <= last; i++) {
            if (keep.contains(i)) sb.append(lines[i]);
            if (i < last) sb.append('\n');
        }
        return sb.toString();
    }

    private EvalOutcome runLineMagic(MagicLine m, String rawLine) {
        Optional<LineMagic> magic = magics.line(m.name());
        if (magic.isEmpty()) return magicError(magics.unknown(m.name(), false));
        rawArgs = MagicLine.rawArgs(rawLine);
        return outcomeOf(() -> magic.get().run(m.args(), this));
    }

    private EvalOutcome runCellMagic(MagicLine m, String body) {
        Optional<CellMagic> magic = magics.cell(m.name());
        if (magic.isEmpty()) return magicError(magics.unknown(m.name(), true));
        return outcomeOf(() -> magic.get().run(m.args(), body, this));
    }

    /** A magic's result as the cell's outcome: an EvalOutcome as it is, a value to show, or its error. */
    private static EvalOutcome outcomeOf(java.util.concurrent.Callable<Object> magic) {
        try {
            return asOutcome(magic.call());
        } catch (MagicException e) {
            return magicError(e);
        } catch (Exception e) {
            return EvalOutcome.thrown(e);
        }
    }

    private static EvalOutcome asOutcome(Object result) {
        if (result instanceof EvalOutcome o) return o;
        return new EvalOutcome.Success(result, result != null);
    }

    static EvalOutcome magicError(MagicException e) {
        return new EvalOutcome.RuntimeError(e, "MagicError", e.getMessage(), List.of(Traceback.headline("MagicError", e.getMessage())));
    }
}
