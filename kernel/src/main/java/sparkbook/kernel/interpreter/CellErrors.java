package sparkbook.kernel.interpreter;

import jdk.jshell.Diag;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns compiler diagnostics and exceptions into tracebacks a notebook reader can follow. */
final class CellErrors {
    private static final Pattern SNIPPET_FILE = Pattern.compile("#(\\d+)");
    private static final int TOP_FRAMES = 4;
    private static final String RED = Traceback.RED, BOLD = Traceback.BOLD, RESET = Traceback.RESET;

    private CellErrors() {}

    /** One compile diagnostic, placed in the cell: line, column, the source line and a caret under the spot. */
    static List<String> compileError(Diag d, CellSource cell, int snippetOffset) {
        long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
        int offset = snippetOffset + (int) Math.max(0, pos);
        int line = cell.lineOf(offset), col = cell.columnOf(offset);
        List<String> out = new ArrayList<>();
        String[] msg = d.getMessage(Locale.ROOT).split("\n");
        out.add(RED + BOLD + "Compile error" + RESET + " at line " + line + ", column " + col + ": " + msg[0]);
        for (int i = 1; i < msg.length; i++) {
            if (!msg[i].strip().startsWith("location: class")) out.add("  " + msg[i]); // JShell's wrapper class
        }
        String src = cell.line(line);
        out.add("    " + src);
        out.add("    " + " ".repeat(Math.max(0, col - 1)) + "^");
        hintFor(String.join("\n", msg)).map(Traceback::advice).ifPresent(out::add);
        return out;
    }

    private static final Pattern AMBIGUOUS = Pattern.compile("reference to (\\w+) is ambiguous");
    /** Names that two of the cells' default imports both have, and the import each use usually means. */
    private static final Map<String, String> CLASHES = Map.of(
            "Optional", "import org.apache.spark.api.java.Optional; for updateStateByKey and mapWithState (Spark's "
                    + "examples do), or import java.util.Optional; for plain Java");

    /**
     * Spark methods with a Java and a Scala overload that both accept a lambda (Dataset's, DataStreamWriter's), and
     * the Java interface to cast the lambda to, as Spark's Java examples do.
     */
    private static final Map<String, String> JAVA_OVERLOADS = Map.of(
            "foreachBatch", "(VoidFunction2<Dataset<Row>, Long>) (batch, batchId) -> { ... }",
            "map", "(MapFunction<String, Integer>) s -> s.length()",
            "flatMap", "(FlatMapFunction<String, String>) s -> Arrays.asList(s.split(\" \")).iterator()",
            "filter", "(FilterFunction<String>) s -> !s.isEmpty()",
            "foreach", "(ForeachFunction<String>) s -> System.out.println(s)",
            "foreachPartition", "(ForeachPartitionFunction<Row>) rows -> { ... }",
            "mapPartitions", "(MapPartitionsFunction<String, Integer>) it -> ...",
            "reduce", "(ReduceFunction<Integer>) Integer::sum",
            "groupByKey", "(MapFunction<String, String>) s -> s.substring(0, 1)",
            "mapGroups", "(MapGroupsFunction<String, String, Integer>) (key, values) -> ...");

    /** Advice for compile errors the kernel's default imports make likely. */
    static java.util.Optional<String> hintFor(String message) {
        Matcher m = AMBIGUOUS.matcher(message);
        if (!m.find()) return java.util.Optional.empty();
        String name = m.group(1);
        if (message.contains("both method")) {
            String cast = JAVA_OVERLOADS.get(name);
            if (cast == null) return java.util.Optional.empty();
            return java.util.Optional.of("Spark has a Java and a Scala " + name + " that both take this lambda: cast it "
                    + "to the Java interface, as Spark's Java examples do, e.g. " + cast
                    + " (the interfaces are in org.apache.spark.api.java.function: import org.apache.spark.api.java.function.*;)");
        }
        return java.util.Optional.of(name + " is in two imported packages: add the import you mean to the cell, "
                + CLASHES.getOrDefault(name, "e.g. import java.util." + name + ";"));
    }

    /**
     * The exception and its causes, as JShell reports them (snippet frames carry "#id" and the snippet's own
     * line), with snippet frames shown as cell lines and the frames of the kernel, JShell and reflection cut off.
     * @param cellLineOf maps a snippet id to the cell line its first line sits on, or -1 when unknown
     */
    static List<String> runtimeError(Throwable t, IntFunction<Integer> cellLineOf) {
        List<String> out = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        String prefix = "";
        while (t != null && seen.add(t)) {
            out.add(prefix + RED + className(t) + RESET + (t.getMessage() != null ? ": " + readable(t.getMessage()) : ""));
            List<StackTraceElement> frames = trim(t.getStackTrace());
            for (int i = 0; i < frames.size(); i++) {
                // Between the top frames and the cell, library internals say little: keep the call the cell made.
                int skip = 0;
                while (i >= TOP_FRAMES && i + 1 < frames.size() && !isSnippet(frames.get(i)) && !isSnippet(frames.get(i + 1))) {
                    i++;
                    skip++;
                }
                if (skip > 0) out.add("\t... " + skip + " library frames");
                out.add("\tat " + describe(frames.get(i), cellLineOf));
            }
            t = t.getCause();
            prefix = "Caused by: ";
        }
        return out;
    }

    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]?[.$]");

    /** Messages name JShell's wrapper classes ("REPL.$JShell$14.s"); the reader wrote just "s". */
    /** "class JavaCustomReceiver", "method createContext(String,int)": a declaration named as Java names it. */
    static String declarationName(jdk.jshell.DeclarationSnippet d) {
        return switch (d.kind()) {
            case TYPE_DECL -> switch (d.subKind()) {
                case INTERFACE_SUBKIND -> "interface ";
                case ENUM_SUBKIND -> "enum ";
                case ANNOTATION_TYPE_SUBKIND -> "annotation ";
                case RECORD_SUBKIND -> "record ";
                default -> "class ";
            } + d.name();
            case METHOD -> "method " + d.name() + "(" + ((jdk.jshell.MethodSnippet) d).parameterTypes() + ")";
            case VAR -> "variable " + d.name();
            default -> d.name();
        };
    }

    static String readable(String message) {
        return message == null ? "" : WRAPPER.matcher(message).replaceAll("");
    }

    static String className(Throwable t) {
        return t instanceof jdk.jshell.EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
    }

    /** Keeps frames up to the last snippet frame; without one, drops only kernel and JShell frames. */
    static List<StackTraceElement> trim(StackTraceElement[] frames) {
        int lastSnippet = -1;
        for (int i = 0; i < frames.length; i++) if (isSnippet(frames[i])) lastSnippet = i;
        List<StackTraceElement> kept = new ArrayList<>();
        for (int i = 0; i < frames.length; i++) {
            if (lastSnippet >= 0 && i > lastSnippet) break;
            if (isInternal(frames[i])) continue;
            kept.add(frames[i]);
        }
        return kept.size() > 40 ? kept.subList(0, 40) : kept;
    }

    static boolean isSnippet(StackTraceElement e) {
        return e.getFileName() != null && SNIPPET_FILE.matcher(e.getFileName()).matches()
                || e.getClassName().startsWith("REPL.");
    }

    private static boolean isInternal(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("sparkbook.kernel.") || c.startsWith("jdk.jshell.") || c.startsWith("jdk.internal.reflect.")
                || c.startsWith("java.lang.reflect.Method");
    }

    private static String describe(StackTraceElement e, IntFunction<Integer> cellLineOf) {
        Matcher m = e.getFileName() == null ? null : SNIPPET_FILE.matcher(e.getFileName());
        if (m != null && m.matches()) {
            int start = cellLineOf.apply(Integer.parseInt(m.group(1)));
            String method = e.getMethodName();
            String cls = e.getClassName().isEmpty() ? "" : simpleName(e.getClassName());
            String where = method.isEmpty() || method.startsWith("do_it$") ? "" : " in " + cls + method + "()";
            if (start > 0 && e.getLineNumber() > 0) return "cell line " + (start + e.getLineNumber() - 1) + where;
            return "snippet " + m.group(1) + where;
        }
        return e.toString();
    }

    private static String simpleName(String cls) {
        // REPL.$JShell$12$Point -> Point.
        int dollar = cls.lastIndexOf('$');
        String tail = cls.substring(dollar + 1);
        return tail.isEmpty() || tail.chars().allMatch(Character::isDigit) ? "" : tail + ".";
    }
}
