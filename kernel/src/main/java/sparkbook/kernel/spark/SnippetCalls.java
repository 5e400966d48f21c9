package sparkbook.kernel.spark;

import org.apache.xbean.asm9.ClassReader;
import org.apache.xbean.asm9.ClassVisitor;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a snippet is about to do with Spark, read from its class bytes just before it runs: whether it creates a
 * SparkContext of its own (as Spark's examples do with {@code new JavaStreamingContext(sparkConf, ...)}), and
 * whether it waits on a stream ({@code awaitTermination...}, {@code awaitBatches(n)}). Calls into methods of earlier snippets are followed,
 * so {@code JavaStreamingContext.getOrCreate(dir, () -> createContext(...))} counts, while defining a class or a
 * method, or a cell that does not compile, runs nothing and counts for nothing.
 */
final class SnippetCalls {
    /** What one snippet class, with the snippet classes it calls, does. */
    record Facts(boolean createsContext, boolean awaitsStream) {
        static final Facts NONE = new Facts(false, false);

        Facts or(Facts other) {
            return new Facts(createsContext || other.createsContext, awaitsStream || other.awaitsStream);
        }
    }

    private static final String SNIPPET_PACKAGE = "REPL/";
    private static final String SPARK_CONTEXT = "org/apache/spark/SparkContext";
    private static final String JAVA_SPARK_CONTEXT = "org/apache/spark/api/java/JavaSparkContext";
    private static final String STREAMING_CONTEXT = "org/apache/spark/streaming/StreamingContext";
    private static final String JAVA_STREAMING_CONTEXT = "org/apache/spark/streaming/api/java/JavaStreamingContext";
    private final Function<String, byte[]> snippetClasses;
    private final Map<String, Facts> known = new ConcurrentHashMap<>();

    /** @param snippetClasses the bytes of a snippet class by binary name ({@code REPL.$JShell$12}), null if unknown */
    SnippetCalls(Function<String, byte[]> snippetClasses) {
        this.snippetClasses = snippetClasses;
    }

    Facts of(String className, byte[] bytes) {
        Facts cached = known.get(className);
        if (cached != null) return cached;
        Facts facts = scan(bytes, new HashSet<>(Set.of(className.replace('.', '/'))));
        known.put(className, facts);
        return facts;
    }

    private Facts scan(byte[] bytes, Set<String> visited) {
        if (bytes == null) return Facts.NONE;
        boolean[] creates = {false};
        boolean[] awaits = {false};
        Set<String> called = new HashSet<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (createsContext(owner, method, desc)) creates[0] = true;
                        if (method.startsWith("awaitTermination") || awaitsBatches(owner, method)) awaits[0] = true;
                        if (owner.startsWith(SNIPPET_PACKAGE) && visited.add(owner)) called.add(owner);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        Facts facts = new Facts(creates[0], awaits[0]);
        for (String owner : called) facts = facts.or(scan(snippetClasses.apply(owner.replace('/', '.')), visited));
        return facts;
    }

    /** The notebook's {@code awaitBatches(n)}: a cell that calls it waits on the stream as awaitTermination does. */
    private static boolean awaitsBatches(String owner, String method) {
        return owner.equals("sparkbook/kernel/api/Notebook") && method.equals("awaitBatches");
    }

    /** Constructors and factories that make a new SparkContext; wrapping an existing one does not count. */
    static boolean createsContext(String owner, String method, String desc) {
        boolean constructor = method.equals("<init>");
        return switch (owner) {
            case SPARK_CONTEXT -> constructor;
            case JAVA_SPARK_CONTEXT -> constructor && !desc.equals("(L" + SPARK_CONTEXT + ";)V");
            case STREAMING_CONTEXT -> (constructor && !desc.startsWith("(L" + SPARK_CONTEXT + ";"))
                    || method.startsWith("getOrCreate") || method.startsWith("getActiveOrCreate");
            case JAVA_STREAMING_CONTEXT -> (constructor && !desc.startsWith("(L" + JAVA_SPARK_CONTEXT + ";")
                    && !desc.startsWith("(L" + STREAMING_CONTEXT + ";)")) || method.startsWith("getOrCreate");
            default -> false;
        };
    }
}
