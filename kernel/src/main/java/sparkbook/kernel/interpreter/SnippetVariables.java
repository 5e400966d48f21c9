package sparkbook.kernel.interpreter;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notebook's top-level variables, read and set in place. JShell keeps each one in a static field of its snippet's
 * wrapper class ({@code REPL.$JShell$12}); the latest wrapper declaring a name holds the variable. Going to the fields
 * needs no evaluation, so the kernel can title a display {@code totals} (rather than by the object's class) while a
 * cell runs, and point {@code sc} at a new SparkContext without compiling code in the user's cell.
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
        return wrappersNewestFirst()
                .map(c -> holding(c, value))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The current value of the variable {@code name}; empty when it is not declared or null. */
    Optional<Object> value(String name) {
        return field(name).map(f -> {
            try {
                return f.get(null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        });
    }

    /** Sets the variable {@code name} if it is declared with a type that can hold {@code value}. */
    boolean set(String name, Object value) {
        Optional<Field> f = field(name);
        if (f.isEmpty() || value != null && !f.get().getType().isInstance(value)) return false;
        try {
            f.get().set(null, value);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The field of the latest declaration of {@code name} (a redeclaration replaces the one before). */
    private Optional<Field> field(String name) {
        return wrappersNewestFirst()
                .map(c -> declared(c, name))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private java.util.stream.Stream<Class<?>> wrappersNewestFirst() {
        return store.names().stream()
                .map(WRAPPER::matcher).filter(Matcher::matches)
                .sorted(Comparator.comparingInt((Matcher m) -> Integer.parseInt(m.group(1)))
                        .thenComparing((Matcher m) -> m.group()).reversed())
                .map(m -> loader.loaded(m.group()))
                .flatMap(Optional::stream);
    }

    private static Optional<Field> declared(Class<?> wrapper, String name) {
        try {
            for (Field f : wrapper.getDeclaredFields()) {
                if (!f.getName().equals(name) || !Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) continue;
                f.setAccessible(true);
                return Optional.of(f);
            }
        } catch (RuntimeException | LinkageError e) {
            // a wrapper whose fields cannot be read declares nothing we can use
        }
        return Optional.empty();
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
