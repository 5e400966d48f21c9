package sparkbook.kernel.spark;

import org.apache.xbean.asm9.ClassReader;
import org.apache.xbean.asm9.ClassVisitor;
import org.apache.xbean.asm9.Handle;
import org.apache.xbean.asm9.MethodVisitor;
import org.apache.xbean.asm9.Opcodes;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * JShell keeps top-level variables in static fields of its snippet classes. A serializable lambda that reads one
 * works in local mode, but on an executor in another JVM the field was never set and reads 0 or null. Rather
 * than return silently wrong results, a snippet whose Spark lambdas read such a variable fails before it runs,
 * naming the variable and the fix, whenever the master runs executors in other JVMs.
 */
final class RemoteClosureCheck {
    private static final String LAMBDA_ALT_METAFACTORY = "altMetafactory";
    private static final int FLAG_SERIALIZABLE = 1;
    /** DStream methods whose function runs on the driver, once per batch (what it builds runs on executors). */
    private static final Set<String> DRIVER_SIDE = Set.of("foreachRDD", "transform", "transformToPair", "transformWith",
            "transformWithToPair");
    private final Supplier<String> master;

    public RemoteClosureCheck(Supplier<String> master) {
        this.master = master;
    }

    static boolean executorsInOtherJvms(String master) {
        return !(master.equals("local") || master.startsWith("local["));
    }

    /** Throws when the snippet's serializable lambdas read top-level variables and executors are remote. */
    public void check(String className, byte[] bytes) {
        if (bytes == null || !executorsInOtherJvms(master.get())) return;
        Set<String> variables = topLevelVariablesReadBySerializableLambdas(bytes);
        if (variables.isEmpty()) return;
        String names = String.join(", ", variables);
        String first = variables.iterator().next();
        throw new IllegalStateException("A Spark lambda in this cell reads the top-level variable" + (variables.size() > 1 ? "s " : " ")
                + names + ". Executors in other JVMs (master " + master.get() + ") do not see notebook variables: they would read "
                + "0 or null and give wrong results. Give the lambda a local copy, which travels with it: in a block,\n"
                + "    List<Integer> result;\n"
                + "    { var " + first + "Copy = " + first + "; result = rdd.map(x -> x * " + first + "Copy).collect(); }\n"
                + "or as a parameter of a method that builds the pipeline.");
    }

    /** Field names of REPL classes read by the bodies of serializable lambdas in this class. */
    static Set<String> topLevelVariablesReadBySerializableLambdas(byte[] bytes) {
        Set<String> lambdaBodies = new LinkedHashSet<>();
        ClassReader reader = new ClassReader(bytes);
        String owner = reader.getClassName();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (name.equals("$deserializeLambda$")) return null; // re-creates every lambda: says nothing of use
                return new MethodVisitor(Opcodes.ASM9) {
                    private final java.util.List<String> pending = new java.util.ArrayList<>();

                    @Override
                    public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                        if (LAMBDA_ALT_METAFACTORY.equals(bsm.getName()) && args.length > 3 && args[1] instanceof Handle impl
                                && args[3] instanceof Integer flags && (flags & FLAG_SERIALIZABLE) != 0
                                && impl.getOwner().equals(owner)) {
                            pending.add(impl.getName() + impl.getDesc());
                        }
                    }

                    /** The call that takes the lambda decides where it runs: foreachRDD's function runs on the driver. */
                    @Override
                    public void visitMethodInsn(int opcode, String callOwner, String callName, String d, boolean itf) {
                        if (pending.isEmpty()) return;
                        if (!DRIVER_SIDE.contains(callName)) lambdaBodies.addAll(pending);
                        pending.clear();
                    }

                    @Override
                    public void visitEnd() {
                        lambdaBodies.addAll(pending);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        Set<String> read = new LinkedHashSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if (!lambdaBodies.contains(name + descriptor)) return null;
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitFieldInsn(int opcode, String fieldOwner, String field, String d) {
                        if (opcode == Opcodes.GETSTATIC && fieldOwner.startsWith("REPL/$JShell$")) read.add(field);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return read;
    }
}
