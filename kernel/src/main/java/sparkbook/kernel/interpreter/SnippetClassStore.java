package sparkbook.kernel.interpreter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the bytes of every snippet class, and writes each as {@code <binary name>.class} into a directory
 * that executors in other JVMs read through {@code spark.repl.class.outputDir}. Writes are atomic:
 * a reader never sees half a class.
 */
final class SnippetClassStore {
    private final Path dir;
    private final Map<String, byte[]> classes = new ConcurrentHashMap<>();

    public SnippetClassStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public void put(String binaryName, byte[] bytes) {
        classes.put(binaryName, bytes);
        Path target = dir.resolve(binaryName.replace('.', '/') + ".class");
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".class");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snippet class " + binaryName + " to " + dir, e);
        }
    }

    /** Binary names of every snippet class defined so far. */
    public java.util.Set<String> names() {
        return java.util.Set.copyOf(classes.keySet());
    }

    public byte[] get(String binaryName) {
        return classes.get(binaryName);
    }
}
