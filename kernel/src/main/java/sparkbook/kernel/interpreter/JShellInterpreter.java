package sparkbook.kernel.interpreter;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Java cells through an in-process JShell whose snippet classes are kept for Spark executors. */
public final class JShellInterpreter implements Interpreter, SnippetRuntime {
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final CompletionIndex completionIndex;
    private final SnippetExecutionControl control;
    private final SnippetClassStore store;
    private final SnippetClassLoader loader;
    private final SnippetVariables variables;
    private final List<Path> addedClasspath = new CopyOnWriteArrayList<>();
    /** Snippet id -> the cell line its source starts on, to show runtime frames as cell lines. */
    private final Map<Integer, Integer> snippetLines = new ConcurrentHashMap<>();
    /** Wrapper class ("$JShell$25") -> by line of its wrapper source, the cell line it holds (0: none). */
    private final Map<String, int[]> wrapperLines = new ConcurrentHashMap<>();
    /** The cell line the snippet being evaluated starts on, 0 between snippets. */
    private volatile int runningStartLine;

    /**
     * @param classOutputDir where snippet classes are written
     * @param onInterrupt run when a cell is interrupted, before the cell thread is forced to stop
     */
    public JShellInterpreter(Path classOutputDir, Runnable onInterrupt) {
        this.store = new SnippetClassStore(classOutputDir);
        this.loader = new SnippetClassLoader(JShellInterpreter.class.getClassLoader(), store);
        this.variables = new SnippetVariables(store, loader);
        this.control = new SnippetExecutionControl(new SnippetLoaderDelegate(store, loader), loader, onInterrupt);
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        this.shell = JShell.builder()
                .executionEngine(control.provider(), Map.of())
                .out(discard).err(discard)
                .compilerOptions("-proc:none", "-Xlint:none")
                .fileManager(IndexKeepingFileManager::new)
                .build();
        // The kernel's own class path, for compiling cells against Spark and the kernel. Given as JShell's class path,
        // not as javac's --class-path option: that option would override what %classpath adds later. Set before the
        // analysis exists: JShell's indexer thread reads the class path at once, and javac computes a class path not
        // yet set lazily, without a lock, so a path added meanwhile can be lost (seen: one run in two).
        shell.addToClasspath(System.getProperty("java.class.path"));
        this.analysis = shell.sourceCodeAnalysis();
        this.completionIndex = CompletionIndex.deferred(analysis);
        control.beforeRun(this::beforeRun);
    }

    @Override
    public EvalOutcome eval(String code) {
        control.clearLast();
        CellSource cell = new CellSource(code);
        int offset = 0;
        boolean hasValue = false;
        while (true) {
            offset = skipWhitespace(code, offset);
            if (offset >= code.length()) break;
            String remaining = code.substring(offset);
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            String source;
            String rest;
            switch (info.completeness()) {
                case EMPTY -> { return new EvalOutcome.Success(hasValue ? control.lastValue() : null, hasValue); }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> { source = remaining; rest = ""; }
                default -> { source = info.source(); rest = info.remaining(); }
            }
            // Stripped: a snippet whose source starts with a newline makes JShell recompile variables and lose values.
            source = source.strip();
            int snippetOffset = offset;
            offset = code.length() - rest.length();
            if (control.wasStopped()) return new EvalOutcome.Interrupted();
            EvalOutcome failure = evalSnippet(source, cell, snippetOffset);
            if (failure != null) return failure;
            // As in IPython, a semicolon after the last expression hides its value: display(x); shows no id.
            hasValue = lastSnippetHasValue && !endsWithSemicolon(code.substring(snippetOffset, offset));
        }
        return new EvalOutcome.Success(hasValue ? control.lastValue() : null, hasValue);
    }

    private boolean lastSnippetHasValue;

    /** Evaluates one snippet; null when it went well. */
    private EvalOutcome evalSnippet(String source, CellSource cell, int snippetOffset) {
        lastSnippetHasValue = false;
        List<SnippetEvent> events;
        int startLine = cell.lineOf(snippetOffset);
        runningStartLine = startLine; // for beforeRun: Spark names the snippet's jobs while it runs

        try {
            events = shell.eval(source);
        } catch (IllegalStateException e) {
            return new EvalOutcome.RuntimeError(e, "InternalError", String.valueOf(e.getMessage()), List.of(e.toString()));
        } finally {
            runningStartLine = 0;
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) continue; // a dependent snippet updated as a consequence
            Snippet snippet = event.snippet();
            snippetLines.put(idOf(snippet), startLine);
            recordWrapperLines(snippet, startLine);
            if (event.status() == Snippet.Status.REJECTED) {
                List<String> trace = new ArrayList<>();
                List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
                for (Diag d : diags) trace.addAll(CellErrors.compileError(d, cell, snippetOffset));
                if (trace.isEmpty()) trace.add("Compile error at line " + startLine + ": the snippet was rejected");
                String first = diags.isEmpty() ? "rejected" : diags.get(0).getMessage(java.util.Locale.ROOT).split("\n")[0];
                shell.drop(snippet);
                return new EvalOutcome.CompileError(first, trace);
            }
            if (event.exception() != null) {
                if (control.wasStopped()) return new EvalOutcome.Interrupted();
                return runtimeError(event.exception());
            }
            if (control.wasStopped()) return new EvalOutcome.Interrupted();
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                jdk.jshell.DeclarationSnippet declaration = (jdk.jshell.DeclarationSnippet) snippet;
                List<String> missing = shell.unresolvedDependencies(declaration).collect(Collectors.toList());
                System.err.println("Note: " + CellErrors.declarationName(declaration) + " is defined, but cannot be used until "
                        + String.join(", ", missing) + " is declared.");
            }
            lastSnippetHasValue = isValue(snippet);
        }
        return null;
    }

    /**
     * Where Spark names a call site in a snippet ("count at $JShell$25.java:9", a line of JShell's wrapper source),
     * the cell line the reader wrote it on ("count at cell line 3"); other text unchanged.
     */
    @Override
    public String readableCallSite(String text) {
        Matcher m = WRAPPER_LINE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int[] cellLines = wrapperLines.get(m.group(1));
            int line = Integer.parseInt(m.group(2));
            int cellLine = cellLines != null && line < cellLines.length ? cellLines[line] : 0;
            m.appendReplacement(out, Matcher.quoteReplacement(cellLine > 0 ? "cell line " + cellLine : "cell"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Pattern WRAPPER_LINE = Pattern.compile("(\\$JShell\\$\\d+[A-Z]?)\\.java:(\\d+)");

    /**
     * A snippet's class is about to run (on its own thread, while eval waits for it): its lines are recorded now,
     * as Spark names its jobs while it runs. JShell hands the snippet out only when eval returns, so it is found
     * among the newest snippets by its wrapper's class name; the wrapper is the one JShell just compiled.
     */
    private void beforeRun(String className) {
        int startLine = runningStartLine;
        String simple = className.substring(className.lastIndexOf('.') + 1);
        if (startLine == 0 || wrapperLines.containsKey(simple)) return;
        List<Snippet> all = shell.snippets().toList();
        for (int i = all.size() - 1; i >= Math.max(0, all.size() - 4); i--) {
            try {
                SourceCodeAnalysis.SnippetWrapper w = analysis.wrapper(all.get(i));
                if (w.fullClassName().equals(className)) {
                    wrapperLines.put(simple, cellLines(w, startLine));
                    return;
                }
            } catch (RuntimeException e) {
                // an import has no wrapper: look further
            }
        }
    }

    /** Right after the snippet compiled, its wrapper source is the one its class was made from. */
    private void recordWrapperLines(Snippet snippet, int startLine) {
        try {
            SourceCodeAnalysis.SnippetWrapper w = analysis.wrapper(snippet);
            String cls = w.fullClassName();
            wrapperLines.put(cls.substring(cls.lastIndexOf('.') + 1), cellLines(w, startLine));
        } catch (RuntimeException e) {
            // no wrapper for this kind of snippet (an import): call sites in it keep JShell's names
        }
    }

    /** For each line of the wrapper source, the cell line of the snippet source it holds (0 for the wrapper's own). */
    private static int[] cellLines(SourceCodeAnalysis.SnippetWrapper w, int startLine) {
        String source = w.source();
        List<String> lines = w.wrapped().lines().toList();
        int[] cellLines = new int[lines.size() + 1];
        int lineStart = 0;
        for (int n = 1; n <= lines.size(); n++) {
            int length = lines.get(n - 1).length();
            for (int i = lineStart; i < lineStart + length; i++) {
                int at = w.wrappedToSourcePosition(i);
                if (at < 0 || at > source.length()) continue;
                cellLines[n] = startLine + (int) source.substring(0, at).chars().filter(c -> c == '\n').count();
                break;
            }
            lineStart += length + 1;
        }
        return cellLines;
    }

    private EvalOutcome runtimeError(jdk.jshell.JShellException e) {
        if (e instanceof UnresolvedReferenceException u) {
            List<String> missing = shell.unresolvedDependencies(u.getSnippet()).collect(Collectors.toList());
            String msg = "'" + u.getSnippet().name() + "' cannot be used until " + String.join(", ", missing) + " is declared";
            return new EvalOutcome.RuntimeError(u, "UnresolvedReference", msg, List.of(msg));
        }
        // JShell's report has snippet-relative frames; the real exception keeps its type for the cell to see.
        Throwable real = control.takeLastError();
        String ename = CellErrors.className(e);
        String evalue = CellErrors.readable(e.getMessage());
        List<String> trace = CellErrors.runtimeError(e, id -> snippetLines.getOrDefault(id, -1));
        Throwable shown = real != null ? real : e;
        return new EvalOutcome.RuntimeError(shown, ename, evalue, trace);
    }

    private static boolean isValue(Snippet s) {
        if (s instanceof VarSnippet v) return v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
        return s instanceof ExpressionSnippet;
    }

    private static int idOf(Snippet s) {
        try {
            return Integer.parseInt(s.id());
        } catch (NumberFormatException e) {
            return -1; // startup snippets have ids like "s1"
        }
    }

    private static final java.util.regex.Pattern TRAILING_COMMENTS =
            java.util.regex.Pattern.compile("(\\s*(//[^\\n]*|/\\*(?s:.*?)\\*/))+\\s*$");

    /** Whether the snippet, as typed, ends with a semicolon (comments after it don't count). */
    static boolean endsWithSemicolon(String snippet) {
        return TRAILING_COMMENTS.matcher(snippet).replaceFirst("").strip().endsWith(";");
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    @Override
    public EvalOutcome evalExpression(String expression) {
        return eval(expression);
    }

    @Override
    public Completion complete(String code, int cursor) {
        completionIndex.start();
        Segment seg = segmentAt(code, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis.completionSuggestions(seg.text(), cursor - seg.start(), anchor);
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completion(List.copyOf(matches), seg.start() + anchor[0], cursor);
    }

    /**
     * Builds JShell's completion index of the class path now, if no completion request has yet, and returns once
     * it is built: for a kernel with time to spare (it is held back while the kernel starts, see
     * {@link CompletionIndex}).
     */
    public void buildCompletionIndex() {
        completionIndex.build();
    }

    @Override
    public Optional<Inspection> inspect(String code, int cursor) {
        Segment seg = segmentAt(code, cursor);
        String text = seg.text();
        int pos = cursor - seg.start();
        // Move to the end of the identifier under the cursor, then try it as it stands and as a call.
        while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) pos++;
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(text, pos, true);
        if (docs.isEmpty()) docs = analysis.documentation(text.substring(0, pos) + "(", pos + 1, true);
        if (docs.isEmpty()) return Optional.empty();
        String signature = docs.stream().map(SourceCodeAnalysis.Documentation::signature).collect(Collectors.joining("\n"));
        String javadoc = docs.stream().map(SourceCodeAnalysis.Documentation::javadoc)
                .filter(j -> j != null && !j.isBlank()).findFirst().orElse("");
        return Optional.of(new Inspection(signature, javadoc));
    }

    private record Segment(String text, int start) {}

    /** The snippet of a multi-statement cell that holds the cursor. */
    private Segment segmentAt(String code, int cursor) {
        int offset = 0;
        while (offset < code.length()) {
            int start = skipWhitespace(code, offset);
            if (start >= cursor) return new Segment(code.substring(start), start);
            CompletionInfo info = analysis.analyzeCompletion(code.substring(start));
            if (!info.completeness().isComplete()) return new Segment(code.substring(start), start);
            int end = code.length() - info.remaining().length();
            if (end >= cursor || end <= start) return new Segment(code.substring(start, Math.max(end, cursor)), start);
            offset = end;
        }
        return new Segment(code, 0);
    }

    @Override
    public Completeness isComplete(String code) {
        String remaining = code;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY -> { return new Completeness(Completeness.Status.COMPLETE, ""); }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new Completeness(Completeness.Status.INCOMPLETE, indentFor(code));
                }
                case UNKNOWN -> { return new Completeness(Completeness.Status.INVALID, ""); }
                default -> remaining = info.remaining();
            }
        }
        return new Completeness(Completeness.Status.COMPLETE, "");
    }

    private static String indentFor(String code) {
        int depth = 0;
        for (char c : code.toCharArray()) {
            if (c == '{' || c == '(') depth++;
            else if ((c == '}' || c == ')') && depth > 0) depth--;
        }
        return "    ".repeat(Math.max(depth, 0));
    }

    @Override
    public void setSnippetGuard(SnippetGuard guard) {
        control.setGuard(guard, store);
    }

    @Override
    public byte[] snippetClass(String binaryName) {
        return store.get(binaryName);
    }

    @Override
    public void beginCell() {
        control.clearStop();
    }

    @Override
    public void interrupt() {
        control.stop();
    }

    @Override
    public void addToClasspath(Path jarOrDir) {
        shell.addToClasspath(jarOrDir.toAbsolutePath().toString());
        addedClasspath.add(jarOrDir.toAbsolutePath());
    }

    @Override
    public List<Path> classpath() {
        List<Path> all = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) if (!p.isBlank()) all.add(Path.of(p));
        all.addAll(addedClasspath);
        return all;
    }

    @Override
    public Path classOutputDir() {
        return store.dir();
    }

    @Override
    public ClassLoader snippetClassLoader() {
        return loader;
    }

    @Override
    public Optional<String> variableNameOf(Object value) {
        return variables.nameOf(value);
    }

    @Override
    public Optional<Object> variable(String name) {
        return variables.value(name);
    }

    @Override
    public boolean setVariable(String name, Object value) {
        return variables.set(name, value);
    }

    @Override
    public void close() {
        completionIndex.start(); // JShell's one indexing thread serves every JShell of the JVM: never leave it held
        shell.close();
    }
}
