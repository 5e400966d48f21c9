package sparkbook.kernel.interpreter;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

import java.nio.file.Path;

/** JShell's hook for loading compiled snippets: guards their bytes ({@link SnippetBytecode}), keeps them, writes them out, defines them. */
final class SnippetLoaderDelegate implements LoaderDelegate {
    private final SnippetClassStore store;
    private final SnippetClassLoader loader;

    SnippetLoaderDelegate(SnippetClassStore store, SnippetClassLoader loader) {
        this.store = store;
        this.loader = loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        boolean[] installed = new boolean[cbcs.length];
        byte[][] guarded = new byte[cbcs.length][];
        for (int i = 0; i < cbcs.length; i++) {
            guarded[i] = SnippetBytecode.guarded(cbcs[i].bytecodes());
            store.put(cbcs[i].name(), guarded[i]);
        }
        try {
            for (int i = 0; i < cbcs.length; i++) {
                // Defining eagerly surfaces verify errors here rather than at first use.
                Class<?> c = loader.define(cbcs[i].name(), guarded[i]);
                installed[i] = true;
                c.getDeclaredMethods();
            }
        } catch (Throwable t) {
            throw new ClassInstallException("cannot load snippet class: " + t, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes cbc : cbcs) store.put(cbc.name(), SnippetBytecode.guarded(cbc.bytecodes()));
    }

    /** Adds to what snippets load; the JVM's own class path is left out, as the loader's parent already serves it. */
    @Override
    public void addToClasspath(String path) {
        for (String p : path.split(java.io.File.pathSeparator)) {
            if (!p.isBlank() && !LAUNCH_CLASS_PATH.contains(normal(p))) loader.addPath(Path.of(p));
        }
    }

    private static final java.util.Set<Path> LAUNCH_CLASS_PATH = java.util.Arrays.stream(
                    System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .filter(p -> !p.isBlank()).map(SnippetLoaderDelegate::normal).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static Path normal(String p) {
        return Path.of(p).toAbsolutePath().normalize();
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return loader.loadClass(name);
    }
}
