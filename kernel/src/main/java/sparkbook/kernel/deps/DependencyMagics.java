package sparkbook.kernel.deps;

import sparkbook.engine.deps.MavenCoordinate;
import sparkbook.engine.deps.Resolution;
import sparkbook.engine.deps.ResolutionException;
import sparkbook.engine.deps.VersionConflict;
import sparkbook.kernel.magic.LineMagic;
import sparkbook.kernel.magic.MagicException;
import sparkbook.kernel.magic.Magics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code %maven group:artifact:version ...} (Maven coordinates, resolved with their dependencies in one pass) and
 * {@code %classpath} / {@code %jars} (local jars, folders, globs). Either without arguments lists what it added.
 */
public final class DependencyMagics {
    private final AddedJars jars;
    private final MavenDependencies maven;
    /** What %maven added, by {@code group:artifact[:classifier]}: a JVM cannot load two versions of one library. */
    private final Map<String, MavenCoordinate> resolved = new LinkedHashMap<>();

    private DependencyMagics(AddedJars jars, MavenDependencies maven) {
        this.jars = jars;
        this.maven = maven;
    }

    public static void register(Magics magics, AddedJars jars, MavenDependencies maven) {
        DependencyMagics m = new DependencyMagics(jars, maven);
        LineMagic classpath = (args, ctx) -> {
            if (args.isEmpty()) {
                ctx.interpreter().classpath().forEach(System.out::println);
                return null;
            }
            List<Path> paths = new ArrayList<>();
            for (String arg : args) paths.addAll(expand(arg));
            List<Path> fresh = jars.add(ctx.interpreter(), paths);
            for (Path p : paths) System.out.println((fresh.contains(p.toAbsolutePath().normalize()) ? "Added " : "Already added ") + p);
            return null;
        };
        magics.registerLine("classpath", "add jars or folders (globs allowed) to the cell classpath and to Spark", classpath);
        magics.registerLine("jars", "same as %classpath", classpath);
        magics.registerLine("maven", "add Maven artifacts and their dependencies: %maven group:artifact:version ...",
                (args, ctx) -> {
                    if (args.isEmpty()) m.list();
                    else m.add(args, ctx.interpreter());
                    return null;
                });
    }

    private synchronized void list() {
        if (resolved.isEmpty()) {
            System.out.println("Nothing added with %maven yet. Try: %maven org.postgresql:postgresql:42.7.14");
            return;
        }
        System.out.println("Added with %maven: " + resolved.values().stream().map(MavenCoordinate::toString)
                .collect(Collectors.joining(" ")));
        jars.all().forEach(p -> System.out.println("  " + p));
    }

    private synchronized void add(List<String> args, sparkbook.kernel.interpreter.Interpreter interpreter) throws MagicException {
        List<MavenCoordinate> asked = new ArrayList<>();
        for (String arg : args) {
            try {
                asked.add(MavenCoordinate.parse(arg));
            } catch (IllegalArgumentException e) {
                throw new MagicException(e.getMessage());
            }
        }
        for (MavenCoordinate c : asked) {
            MavenCoordinate before = resolved.get(c.key());
            if (before != null && !before.version().equals(c.version())) {
                throw new MagicException(before + " is already added, and a JVM cannot load two versions of one"
                        + " library. Restart the kernel to use " + c.version() + " instead.");
            }
        }
        if (asked.stream().allMatch(c -> resolved.containsKey(c.key()))) {
            System.out.println("Already added: " + asked.stream().map(MavenCoordinate::toString).collect(Collectors.joining(" ")));
            return;
        }
        Resolution r;
        try {
            r = maven.forKernel(asked);
        } catch (ResolutionException e) {
            throw new MagicException(e.getMessage());
        }
        List<Path> files = r.jars().stream().map(j -> j.file()).toList();
        List<Path> fresh = jars.add(interpreter, files);
        asked.forEach(c -> resolved.put(c.key(), c));
        report(r, fresh);
    }

    private static void report(Resolution r, List<Path> fresh) {
        String names = fresh.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
        System.out.println("Added " + fresh.size() + (fresh.size() == 1 ? " jar" : " jars")
                + (fresh.isEmpty() ? "" : ": " + names));
        if (!r.shipped().isEmpty()) {
            System.out.println("Already in the kernel, not added again: " + r.shipped().stream()
                    .map(MavenCoordinate::key).collect(Collectors.joining(", ")));
        }
        for (VersionConflict c : r.conflicts()) System.out.println(c.describe());
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
