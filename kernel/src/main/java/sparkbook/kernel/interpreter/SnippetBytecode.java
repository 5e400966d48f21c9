package sparkbook.kernel.interpreter;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites a snippet class before it is defined, so that the kernel keeps control of cells without JVM features
 * that JDK 24+ removed (the security manager, {@code Thread.stop}):
 * <ul>
 *   <li>calls of {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} (also as method references)
 *       call {@link sparkbook.kernel.runtime.ExitGuard}'s methods of the same name instead, which throw;</li>
 *   <li>every backward jump (each turn of a loop) first calls {@link sparkbook.kernel.runtime.CellThread#checkStop},
 *       so an interrupted cell stops even in a busy loop that never looks at its interrupt flag.</li>
 * </ul>
 * Code outside snippets (libraries, Spark) is not rewritten: a library's own {@code System.exit} is caught only where
 * the JVM still has a security manager (JDK 17 and 21), and a library's endless loop only stops where
 * {@code Thread.stop} still works.
 */
final class SnippetBytecode {
    private static final String GUARD = "sparkbook/kernel/runtime/ExitGuard";
    private static final String CELL_THREAD = "sparkbook/kernel/runtime/CellThread";
    private static final String RUNTIME_EXIT = "(Ljava/lang/Runtime;I)V";

    private SnippetBytecode() {}

    static byte[] guarded(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        // Only calls are inserted or swapped for calls with the same stack effect: frames and max stack stay valid.
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                return new GuardedMethod(super.visitMethod(access, name, desc, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class GuardedMethod extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        GuardedMethod(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) checkStop();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (seen.contains(dflt) || anySeen(labels)) checkStop();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (seen.contains(dflt) || anySeen(labels)) checkStop();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anySeen(Label[] labels) {
            for (Label l : labels) if (seen.contains(l)) return true;
            return false;
        }

        private void checkStop() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CELL_THREAD, "checkStop", "()V", false);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            if (opcode == Opcodes.INVOKESTATIC && isSystemExit(owner, name, desc)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "exit", "(I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && isRuntimeExit(owner, name, desc)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, name, RUNTIME_EXIT, false);
            } else {
                super.visitMethodInsn(opcode, owner, name, desc, itf);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
            Object[] guardedArgs = args.clone();
            for (int i = 0; i < guardedArgs.length; i++) guardedArgs[i] = guarded(guardedArgs[i]);
            super.visitInvokeDynamicInsn(name, desc, bootstrap, guardedArgs);
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(guarded(value));
        }
    }

    /** A method handle constant ({@code System::exit}) pointing at the guard instead. */
    private static Object guarded(Object constant) {
        if (!(constant instanceof Handle h)) return constant;
        if (h.getTag() == Opcodes.H_INVOKESTATIC && isSystemExit(h.getOwner(), h.getName(), h.getDesc())) {
            return new Handle(Opcodes.H_INVOKESTATIC, GUARD, "exit", "(I)V", false);
        }
        if (h.getTag() == Opcodes.H_INVOKEVIRTUAL && isRuntimeExit(h.getOwner(), h.getName(), h.getDesc())) {
            return new Handle(Opcodes.H_INVOKESTATIC, GUARD, h.getName(), RUNTIME_EXIT, false);
        }
        return constant;
    }

    private static boolean isSystemExit(String owner, String name, String desc) {
        return owner.equals("java/lang/System") && name.equals("exit") && desc.equals("(I)V");
    }

    private static boolean isRuntimeExit(String owner, String name, String desc) {
        return owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt")) && desc.equals("(I)V");
    }
}
