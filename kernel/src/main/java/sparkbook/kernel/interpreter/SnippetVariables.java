package sparkbook.kernel.interpreter;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the notebook variable that holds an object, so a display can be titled {@code totals} rather than by the
 * object's class. JShell keeps each top-level variable in a static field of its snippet's wrapper class
 * ({@code REPL.$JShell$12}); this reads those fields without going through JShell, which a running cell may be using.
 */
final class SnippetVariables {
    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$(\\d+)[A-Z]*");

    private final SnippetClassStore store;
    private final SnippetClassLoader loader;

    SnippetVariables(SnippetClassStore store, SnippetClassLoader loader) {
        this.store = store;
        this.loader = loader;
    }

    /** The most recently defined variable whose value is {@code value} itself (not an equal object). */
    Optional<String> nameOf(Object value) {
        if (value == null) return Optional.empty();
        return store.names().stream()
                .map(WRAPPER::matcher).filter(Matcher::matches)
                .sorted(Comparator.comparingInt((Matcher m) -> Integer.parseInt(m.group(1))).reversed())
                .map(m -> loader.loaded(m.group()))
                .flatMap(Optional::stream)
                .map(c -> holding(c, value))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> holding(Class<?> wrapper, Object value) {
        for (Field f : wrapper.getDeclaredFields()) {
            // temporaries for expressions are named $1, $2...: not something the user named
            if (!Modifier.isStatic(f.getModifiers()) || f.getName().startsWith("$") || f.getType().isPrimitive()) continue;
            try {
                f.setAccessible(true);
                if (f.get(null) == value) return Optional.of(f.getName());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // a field we cannot read names nothing
            }
        }
        return Optional.empty();
    }
}
