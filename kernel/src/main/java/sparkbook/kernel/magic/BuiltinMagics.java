package sparkbook.kernel.magic;

import sparkbook.kernel.interpreter.EvalOutcome;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** %lsmagic, %classpath (alias %jars) and %time / %%time. */
public final class BuiltinMagics {
    private BuiltinMagics() {}

    /** @param onJarAdded told of every jar or folder added, so Spark can ship it to executors */
    public static void register(Magics magics, Consumer<Path> onJarAdded) {
        magics.registerLine("lsmagic", "list the available magics", (args, ctx) -> {
            StringBuilder sb = new StringBuilder("Available magics:\n");
            for (Map.Entry<String, String> e : ctx.magics().descriptions().entrySet()) {
                sb.append(String.format("  %-12s %s%n", e.getKey(), e.getValue()));
            }
            System.out.print(sb);
            return null;
        });
        LineMagic classpath = (args, ctx) -> {
            if (args.isEmpty()) {
                ctx.interpreter().classpath().forEach(p -> System.out.println(p));
                return null;
            }
            List<Path> added = new ArrayList<>();
            for (String arg : args) added.addAll(expand(arg));
            for (Path p : added) {
                ctx.interpreter().addToClasspath(p);
                onJarAdded.accept(p);
                System.out.println("Added " + p);
            }
            return null;
        };
        magics.registerLine("classpath", "add jars or folders (globs allowed) to the cell classpath and to Spark", classpath);
        magics.registerLine("jars", "same as %classpath", classpath);
        magics.registerLine("time", "time one Java statement or expression: %time expr", (args, ctx) -> {
            if (args.isEmpty()) throw new MagicException("%time needs something to time, e.g. %time sc.parallelize(List.of(1,2,3)).count()");
            return timed(ctx, ctx.rawArgs());
        });
        magics.registerCell("time", "time the whole cell", (args, body, ctx) -> timed(ctx, body));
    }

    private static EvalOutcome timed(MagicContext ctx, String code) {
        long start = System.nanoTime();
        EvalOutcome outcome = ctx.run(code);
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.println(ms < 1000 ? String.format("Wall time: %.1f ms", ms) : String.format("Wall time: %.2f s", ms / 1000));
        return outcome;
    }

    /** A path, or a glob in its last part such as {@code lib/*.jar}. */
    static List<Path> expand(String arg) throws MagicException {
        Path p = Path.of(arg.startsWith("~/") ? System.getProperty("user.home") + arg.substring(1) : arg).toAbsolutePath();
        String last = p.getFileName() == null ? "" : p.getFileName().toString();
        if (last.contains("*") || last.contains("?")) {
            List<Path> out = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.getParent(), last)) {
                ds.forEach(out::add);
            } catch (IOException e) {
                throw new MagicException("Cannot read " + p.getParent() + ": " + e.getMessage());
            }
            if (out.isEmpty()) throw new MagicException("No file matches " + arg + ": check the path and the pattern.");
            out.sort(null);
            return out;
        }
        if (!Files.exists(p)) throw new MagicException("No such jar or folder: " + p + ". Give a path to a .jar, a folder of classes, or a glob like lib/*.jar.");
        return List.of(p);
    }
}
