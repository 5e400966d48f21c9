package sparkbook.kernel.magic;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkbook.display.MimeBundle;
import sparkbook.display.live.UpdateCoalescer;
import sparkbook.kernel.deps.AddedJars;
import sparkbook.kernel.deps.DependencyMagics;
import sparkbook.kernel.deps.MavenDependencies;
import sparkbook.kernel.io.CellOutput;
import sparkbook.kernel.io.OutputTarget;
import sparkbook.kernel.interpreter.EvalOutcome;
import sparkbook.kernel.interpreter.JShellInterpreter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cells that mix Java and magics, run by CellRunner as the kernel runs them. */
class CellRunnerTest {
    @TempDir
    static Path classes;
    static JShellInterpreter java;
    static CellRunner cells;

    @BeforeAll
    static void start() {
        java = new JShellInterpreter(classes, () -> {});
        java.eval("import java.util.*;");
        Magics magics = new Magics();
        BuiltinMagics.register(magics);
        CellOutput output = new CellOutput(new CellOutput.Publisher() {
            @Override
            public void stream(OutputTarget target, String name, String text) {
            }

            @Override
            public void display(OutputTarget target, boolean update, String displayId, MimeBundle bundle) {
            }
        });
        DependencyMagics.register(magics, new AddedJars(), new MavenDependencies(output, new UpdateCoalescer(output)));
        // %note word: appends the word to the cell's own list `events`, so the order of Java and magics shows.
        magics.registerLine("note", "record a word", (args, ctx) ->
                ctx.run("events.add(\"" + String.join(" ", args) + "\");"));
        // %%java: runs its body as Java, as %%stream does before starting the stream.
        magics.registerCell("java", "run the body as Java", (args, body, ctx) -> ctx.run(body));
        cells = new CellRunner(java, magics);
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    static String value(String cell) {
        EvalOutcome outcome = cells.run(cell);
        EvalOutcome.Success ok = assertInstanceOf(EvalOutcome.Success.class, outcome, () -> cell + " -> " + outcome);
        return ok.hasValue() ? String.valueOf(ok.value()) : null;
    }

    @Test
    void lineMagicsRunInOrderBetweenJavaLines() {
        String last = value("""
                List<String> events = new ArrayList<>();
                events.add("java 1");
                %note magic 2
                events.add("java 3");
                %note magic 4
                String.join(", ", events)""");
        assertEquals("java 1, magic 2, java 3, magic 4", last);
    }

    @Test
    void javaAfterAMagicKeepsItsCellLineInErrors() {
        EvalOutcome outcome = cells.run("List<String> events = new ArrayList<>();\nint ok = 1;\n%note x\nint zero = 0;\nint boom = ok / zero;");
        EvalOutcome.RuntimeError error = assertInstanceOf(EvalOutcome.RuntimeError.class, outcome);
        assertTrue(String.join("\n", error.traceback()).contains("cell line 5"), error.traceback().toString());
    }

    @Test
    void cellMagicBodyKeepsTheCellsLineNumbers() {
        EvalOutcome compile = cells.run("%%java\nint a = 1;\nint b = a + missing;");
        EvalOutcome.CompileError c = assertInstanceOf(EvalOutcome.CompileError.class, compile);
        assertTrue(String.join("\n", c.traceback()).contains("line 3, column 13"), c.traceback().toString());

        EvalOutcome runtime = cells.run("\n%%java\nint a = 1;\n\nint b = a / 0;");
        EvalOutcome.RuntimeError r = assertInstanceOf(EvalOutcome.RuntimeError.class, runtime);
        assertTrue(String.join("\n", r.traceback()).contains("cell line 5"), r.traceback().toString());
    }

    @Test
    void unknownMagicListsTheKnownOnes() {
        EvalOutcome.RuntimeError line = assertInstanceOf(EvalOutcome.RuntimeError.class, cells.run("%nosuch 1"));
        assertEquals("MagicError", line.ename());
        assertTrue(line.evalue().contains("Unknown line magic %nosuch"), line.evalue());
        for (String known : List.of("%time", "%classpath", "%lsmagic", "%note", "%%java", "%%time")) {
            assertTrue(line.evalue().contains(known), known + " missing from: " + line.evalue());
        }
        EvalOutcome.RuntimeError cell = assertInstanceOf(EvalOutcome.RuntimeError.class, cells.run("%%nosuch\n1"));
        assertTrue(cell.evalue().contains("Unknown cell magic %%nosuch"), cell.evalue());
    }

    @Test
    void aMagicUsedWronglySaysWhatToDo() {
        EvalOutcome.RuntimeError e = assertInstanceOf(EvalOutcome.RuntimeError.class, cells.run("%classpath /no/such/file.jar"));
        assertTrue(e.evalue().contains("No such jar or folder"), e.evalue());
        e = assertInstanceOf(EvalOutcome.RuntimeError.class, cells.run("%time"));
        assertTrue(e.evalue().contains("%time needs something to time"), e.evalue());
    }

    @Test
    void timePrintsWallTimeAndKeepsTheValue() {
        String[] printed = new String[1];
        String line = captureStdout(printed, () -> value("%time 6 * 7"));
        assertEquals("42", line);
        assertTrue(printed[0].matches("(?s)Wall time: [0-9.]+ (ms|s)\\R"), printed[0]);

        assertEquals("5", captureStdout(printed, () -> value("%time \"spark\".length()")),
                "%time takes Java as written, quotes included");

        String cell = captureStdout(printed, () -> value("%%time\nint t = 20;\nt + 22"));
        assertEquals("42", cell);
        assertTrue(printed[0].startsWith("Wall time: "), printed[0]);
    }

    @Test
    void lsmagicListsEveryMagicWithItsDescription() {
        String[] printed = new String[1];
        captureStdout(printed, () -> value("%lsmagic"));
        assertTrue(printed[0].contains("%note") && printed[0].contains("record a word"), printed[0]);
        assertTrue(printed[0].indexOf("%time") < printed[0].indexOf("%%java"), "line magics come first: " + printed[0]);
    }

    @Test
    void percentInsideJavaIsNotAMagic() {
        assertEquals("1", value("int m = 7 % 3;\nm"));
        assertEquals("%d", value("String f = \"%d\";\nf"));
    }

    private static <T> T captureStdout(String[] printed, java.util.function.Supplier<T> action) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setOut(saved);
            printed[0] = bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
