package sparkbook.kernel.interpreter;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

import java.nio.file.Path;

/** JShell's hook for loading compiled snippets: keeps their bytes, writes them out, defines them. */
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
        for (ClassBytecodes cbc : cbcs) store.put(cbc.name(), cbc.bytecodes());
        try {
            for (int i = 0; i < cbcs.length; i++) {
                // Defining eagerly surfaces verify errors here rather than at first use.
                Class<?> c = loader.define(cbcs[i].name(), cbcs[i].bytecodes());
                installed[i] = true;
                c.getDeclaredMethods();
            }
        } catch (Throwable t) {
            throw new ClassInstallException("cannot load snippet class: " + t, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (ClassBytecodes cbc : cbcs) store.put(cbc.name(), cbc.bytecodes());
    }

    @Override
    public void addToClasspath(String path) {
        for (String p : path.split(java.io.File.pathSeparator)) {
            if (!p.isBlank()) loader.addPath(Path.of(p));
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return loader.loadClass(name);
    }
}
