package sparkbook.kernel.interpreter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkbook.kernel.interpreter.Interpreter.Completeness.Status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java cells as a notebook user types them, through the kernel's in-process JShell. */
public class JShellInterpreterTest {
    @TempDir
    static Path classes;
    static JShellInterpreter java;

    /** A cell counts this down once its busy loop is about to start. */
    public static final CountDownLatch LOOP_STARTED = new CountDownLatch(1);

    @BeforeAll
    static void startJShell() {
        java = new JShellInterpreter(classes, () -> {});
        java.eval("import java.util.*;");
    }

    /** Each test is a new cell, as the execute handler begins one: an interrupt of the test before is forgotten. */
    @org.junit.jupiter.api.BeforeEach
    void newCell() {
        java.beginCell();
    }

    @AfterAll
    static void closeJShell() {
        java.close();
    }

    /** Runs a cell that must succeed and returns its value as text (null when it shows none). */
    static String value(String cell) {
        EvalOutcome outcome = java.eval(cell);
        EvalOutcome.Success ok = assertInstanceOf(EvalOutcome.Success.class, outcome, () -> cell + " -> " + outcome);
        return ok.hasValue() ? String.valueOf(ok.value()) : null;
    }

    @Test
    void aCallSiteSparkNamesInAWrapperClassIsTheCellLineItWasWrittenOn() {
        // Spark names a job by the first frame outside Spark: a line of JShell's wrapper source
        value("int before = 1;\n"
                + "String site = \"\" +\n"
                + "    new Throwable().getStackTrace()[0].getFileName() + \":\" + new Throwable().getStackTrace()[0].getLineNumber();");
        String site = value("site");
        assertTrue(site.matches("\\$JShell\\$\\d+\\.java:\\d+"), site);
        assertEquals("count at cell line 3", java.readableCallSite("count at " + site));
        String expression = value("int one = 1;\nnew Throwable().getStackTrace()[0].getFileName() + \":\" + new Throwable().getStackTrace()[0].getLineNumber()");
        assertEquals("count at cell line 2", java.readableCallSite("count at " + expression), expression);
        // while the snippet runs (Spark's jobs are named then), before JShell has named its class
        value("int two = 2;\nsparkbook.kernel.interpreter.JShellInterpreterTest.HANDED.set(\n"
                + "sparkbook.kernel.interpreter.JShellInterpreterTest.readableNow(\"count at \" + "
                + "new Throwable().getStackTrace()[0].getFileName() + \":\" + new Throwable().getStackTrace()[0].getLineNumber()));");
        assertEquals("count at cell line 3", HANDED.get());
        assertEquals("count at cell", java.readableCallSite("count at $JShell$99999.java:4"), "an unknown wrapper: no line");
        assertEquals("collect at Foo.java:3", java.readableCallSite("collect at Foo.java:3"));
    }

    /** What the kernel's progress display calls a job started now (a cell calls it, as Spark would name its job). */
    public static String readableNow(String callSite) {
        return java.readableCallSite(callSite);
    }

    /** Where a cell hands an object to the test, as display(x) hands it to the kernel. */
    public static final AtomicReference<Object> HANDED = new AtomicReference<>();

    @Test
    void theVariableHoldingAnObjectIsFoundForItsDisplayTitle() {
        value("StringBuilder totals = new StringBuilder(\"counts\");\n"
                + "sparkbook.kernel.interpreter.JShellInterpreterTest.HANDED.set(totals);");
        Object handed = HANDED.get();
        assertEquals(Optional.of("totals"), java.variableNameOf(handed));
        assertEquals(Optional.empty(), java.variableNameOf(new StringBuilder("counts")), "the same object, not an equal one");

        value("StringBuilder latest = totals;");
        assertEquals(Optional.of("latest"), java.variableNameOf(handed), "the most recent definition names it");
        value("totals = null; latest = null;");
        assertEquals(Optional.empty(), java.variableNameOf(handed));
    }

    @Test
    void aDeclaredVariableIsSetInPlaceWithoutEvaluatingCode() {
        value("CharSequence greeting;");
        assertEquals(Optional.empty(), java.variable("greeting"));
        assertTrue(java.setVariable("greeting", "hello"));
        assertEquals("5", value("greeting.length()"));
        assertEquals(Optional.of("hello"), java.variable("greeting"));

        assertFalse(java.setVariable("greeting", 42), "a value its type cannot hold is refused");
        assertFalse(java.setVariable("neverDeclared", "x"));

        value("int greeting = 7;"); // redeclared by the user: the latest declaration is the variable
        assertFalse(java.setVariable("greeting", "hello again"));
        assertEquals("7", value("greeting"));
    }

    @Test
    void classesAddedToTheClasspathCompileInTheNextCell() throws Exception {
        Path source = Files.createTempDirectory("sparkbook-lib-src").resolve("demo/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package demo; public class Greeter { public static String hello() { return \"hi\"; } }");
        Path lib = Files.createTempDirectory("sparkbook-lib");
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", lib.toString(), source.toString());
        assertEquals(0, rc);
        value("1 + 1"); // javac has indexed the class path's packages, and keeps its index between cells
        java.addToClasspath(lib);
        assertEquals("hi", value("import demo.Greeter;\nGreeter.hello()"), "what %classpath adds compiles, not only loads");
    }

    @Test
    void aCellHoldsSeveralStatementsAndShowsTheLastValue() {
        assertEquals("6", value("int a = 1; int b = 2;\nint c = 3;\na + b + c"));
        assertEquals("[x, y]", value("List<String> xs = new ArrayList<>();\nxs.add(\"x\");\nxs.add(\"y\");\nxs"));
    }

    @Test
    void aTrailingSemicolonHidesTheValue() {
        assertEquals(null, value("40 + 2;"));
        assertEquals("42", value("40 + 2"));
        assertEquals(null, value("40 + 2;   // a comment after the semicolon does not bring the value back"));
        assertEquals(null, value("40 + 2; /* nor does this one */"));
        assertEquals("42", value("40 + 2 // no semicolon"));
        assertEquals(null, value("int shown = 1;"), "a declaration shows no value");
    }

    @Test
    void declarationsPersistAndCanBeRedefined() {
        value("int base = 10;\nint twice(int x) { return 2 * x; }");
        assertEquals("20", value("twice(base)"));
        value("int twice(int x) { return 3 * x; }");
        assertEquals("30", value("twice(base)"));
        value("String base = \"ten\";");
        assertEquals("tententen", value("base.repeat(3)"));
    }

    @Test
    void recordsInterfacesAndMethods() {
        value("""
                interface Shape { double area(); }
                record Square(double side) implements Shape { public double area() { return side * side; } }
                double total(List<? extends Shape> shapes) {
                    return shapes.stream().mapToDouble(Shape::area).sum();
                }""");
        assertEquals("13.0", value("total(List.of(new Square(2), new Square(3)))"));
        assertEquals("Square[side=2.0]", value("new Square(2)"));
    }

    @Test
    void valuesSurviveStarImportsAndCellsStartingWithNewlines() {
        value("String keep = \"still here\";\nint[] arr = {1, 2};");
        value("\nimport java.util.concurrent.*;");
        value("\n\nimport java.util.regex.*;\nint other = 1;");
        value("import java.text.*;");
        assertEquals("still here2", value("\n\nkeep + arr.length"));
    }

    @Test
    void compileErrorNamesLineAndColumnWithACaret() {
        EvalOutcome outcome = java.eval("int a = 1;\nint b = 2;\nint c = a + missing;");
        EvalOutcome.CompileError error = assertInstanceOf(EvalOutcome.CompileError.class, outcome);
        String trace = String.join("\n", error.traceback());
        assertTrue(trace.contains("line 3, column 13"), trace);
        assertTrue(trace.contains("    int c = a + missing;\n    " + " ".repeat(12) + "^"), trace);
        assertTrue(error.message().contains("cannot find symbol"), error.message());
    }

    @Test
    void runtimeErrorTraceShowsCellLinesAndNoKernelFrames() {
        EvalOutcome outcome = java.eval("int div(int x) {\n  return 10 / x;\n}\n\ndiv(0)");
        EvalOutcome.RuntimeError error = assertInstanceOf(EvalOutcome.RuntimeError.class, outcome);
        String trace = String.join("\n", error.traceback());
        assertEquals("java.lang.ArithmeticException", error.ename());
        assertInstanceOf(ArithmeticException.class, error.error(), "the real exception is kept for the kernel");
        assertTrue(trace.contains("cell line 2 in div()"), trace);
        assertTrue(trace.contains("cell line 5"), trace);
        assertFalse(trace.contains("sparkbook.kernel"), trace);
        assertFalse(trace.contains("jdk.jshell"), trace);
    }

    @Test
    void interruptEndsABusyLoopThatNeverChecksTheFlag() throws Exception {
        CompletableFuture<EvalOutcome> cell = CompletableFuture.supplyAsync(() -> java.eval(
                "sparkbook.kernel.interpreter.JShellInterpreterTest.LOOP_STARTED.countDown();\n"
                        + "long n = 0; while (true) { n++; }"));
        assertTrue(LOOP_STARTED.await(30, TimeUnit.SECONDS), "the loop never started");
        java.interrupt();
        assertInstanceOf(EvalOutcome.Interrupted.class, cell.get(30, TimeUnit.SECONDS));
        java.beginCell(); // the next cell
        assertEquals("2", value("1 + 1"), "the interpreter stays usable");
    }

    @Test
    void exitInEveryFormIsAnErrorOfTheCellNotTheEndOfTheKernel() {
        // no security manager here (JDK 24+ has none): the snippet's bytes are rewritten to call ExitGuard
        for (String cell : List.of("System.exit(3);", "Runtime.getRuntime().exit(3);", "Runtime.getRuntime().halt(3);",
                "java.util.function.IntConsumer quit = System::exit;\nquit.accept(3);",
                "java.util.function.ObjIntConsumer<Runtime> quit = Runtime::exit;\nquit.accept(Runtime.getRuntime(), 3);")) {
            EvalOutcome.RuntimeError error = assertInstanceOf(EvalOutcome.RuntimeError.class, java.eval(cell), cell);
            assertEquals("System.exit(3) was called in a cell. The kernel keeps running; to restart it use the front end's "
                    + "Restart command.", error.evalue(), cell);
        }
        assertEquals("2", value("1 + 1"), "still running");
    }

    @Test
    void aStoppedCellThreadEndsAtItsNextLoopTurnWithoutThreadStop() {
        // what interrupt does on JDK 20+, where Thread.stop no longer works: the loop's own check ends it
        value("int[] turns = {0};");
        EvalOutcome outcome = java.eval("{ // one snippet, so one cell thread\n"
                + "  ((sparkbook.kernel.runtime.CellThread) Thread.currentThread()).requestStop();\n"
                + "  while (turns[0] >= 0) turns[0]++;\n}");
        EvalOutcome.RuntimeError error = assertInstanceOf(EvalOutcome.RuntimeError.class, outcome);
        assertEquals("The cell was interrupted.", error.evalue());
        assertEquals("1", value("turns[0]"), "it stopped at the first turn");
    }

    @Test
    void completionOffersMembersAndWhereTheyStart() {
        String code = "int value = 1;\nString s = Integer.toHex";
        Interpreter.Completion c = java.complete(code, code.length());
        assertTrue(c.matches().contains("toHexString("), c.matches().toString());
        assertEquals("toHex", code.substring(c.cursorStart(), c.cursorEnd()));
    }

    @Test
    void inspectFindsMathMax() {
        Interpreter.Inspection found = java.inspect("Math.max", 8).orElseThrow();
        assertTrue(found.signature().contains("max("), found.signature());
        assertTrue(java.inspect("Math.max(1, 2)", 6).isPresent(), "the cursor inside the name works too");
    }

    @Test
    void isCompleteTellsCompleteIncompleteAndInvalid() {
        assertEquals(Status.COMPLETE, java.isComplete("1 + 1").status());
        assertEquals(Status.COMPLETE, java.isComplete("int x = 3;\nvoid f() {}").status());
        Interpreter.Completeness open = java.isComplete("void f() {");
        assertEquals(Status.INCOMPLETE, open.status());
        assertEquals("    ", open.indent());
        assertEquals(Status.INCOMPLETE, java.isComplete("int x = (1 +").status());
        assertEquals(Status.INVALID, java.isComplete("int x = ;)").status());
    }

    @Test
    void snippetClassesAreWrittenAsBinaryNameDotClass() {
        value("class Marker implements java.io.Serializable {}");
        String binaryName = value("Marker.class.getName()");
        Path file = classes.resolve(binaryName.replace('.', '/') + ".class");
        assertTrue(Files.isRegularFile(file), "missing " + file);
        assertEquals(classes, java.classOutputDir());
    }

    @Test
    void cellsRunWithTheSnippetClassLoaderAsContextClassLoader() {
        EvalOutcome.Success ok = assertInstanceOf(EvalOutcome.Success.class,
                java.eval("Thread.currentThread().getContextClassLoader()"));
        assertSame(java.snippetClassLoader(), ok.value());
        value("class Local {}");
        assertEquals("true", value("Class.forName(Local.class.getName(), false, "
                + "Thread.currentThread().getContextClassLoader()) == Local.class"));
    }
}
