package sparkbook.kernel.interpreter;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;

/**
 * Loads snippet classes from their kept bytes, and jars added with %classpath. Its parent is the kernel's
 * loader, so snippets see the same Spark classes as the kernel.
 */
final class SnippetClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final SnippetClassStore store;
    private final ProtectionDomain domain;

    public SnippetClassLoader(ClassLoader parent, SnippetClassStore store) {
        super("sparkbook-snippets", new URL[0], parent);
        this.store = store;
        this.domain = new ProtectionDomain(new CodeSource(null, (java.security.cert.Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = store.get(name);
        if (bytes != null) return defineClass(name, bytes, 0, bytes.length, domain);
        return super.findClass(name);
    }

    /** Snippet classes are served from memory first, so a redefined class is picked up by the next definition. */
    Class<?> define(String name, byte[] bytes) {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            return c != null ? c : defineClass(name, bytes, 0, bytes.length, domain);
        }
    }

    /** The class if this loader has defined it already; never loads or initialises one. */
    java.util.Optional<Class<?>> loaded(String name) {
        return java.util.Optional.ofNullable(findLoadedClass(name));
    }

    void addPath(Path p) {
        try {
            addURL(p.toUri().toURL());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Same as the class itself, but also finds resources in the class store directory. */
    @Override
    public URL findResource(String name) {
        URL u = super.findResource(name);
        if (u != null) return u;
        Path p = store.dir().resolve(name);
        try {
            return java.nio.file.Files.exists(p) ? p.toUri().toURL() : null;
        } catch (java.net.MalformedURLException e) {
            return null;
        }
    }
}
