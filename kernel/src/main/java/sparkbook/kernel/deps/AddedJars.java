package sparkbook.kernel.deps;

import org.apache.spark.streaming.SparkbookStreamingAccess;
import sparkbook.engine.jdbc.AddedJarDrivers;
import sparkbook.kernel.interpreter.Interpreter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The jars and class folders cells added, each given once to everything that runs user code: JShell's compiler and
 * class loader (the next cell can import from it), the running SparkContext ({@code addJar}: executors in other
 * JVMs fetch it), the contexts made later ({@code spark.jars}, read by every {@code new SparkConf()}, the
 * notebook's and a cell's own), and JDBC's DriverManager when the jar has a driver.
 */
public final class AddedJars {
    private final Set<Path> added = new LinkedHashSet<>();

    /** Adds what was not added before; returns those. */
    public synchronized List<Path> add(Interpreter interpreter, List<Path> paths) {
        List<Path> fresh = new ArrayList<>();
        for (Path p : paths) {
            Path normal = p.toAbsolutePath().normalize();
            if (added.add(normal)) fresh.add(normal);
        }
        for (Path p : fresh) interpreter.addToClasspath(p);
        List<Path> jars = fresh.stream().filter(p -> p.toString().endsWith(".jar")).toList();
        if (!jars.isEmpty()) {
            System.setProperty("spark.jars", added.stream().filter(p -> p.toString().endsWith(".jar"))
                    .map(Path::toString).collect(Collectors.joining(",")));
            SparkbookStreamingAccess.activeContext().ifPresent(sc -> jars.forEach(j -> sc.addJar(j.toString())));
        }
        if (fresh.stream().anyMatch(AddedJars::hasJdbcDriver)) AddedJarDrivers.register();
        return fresh;
    }

    public synchronized List<Path> all() {
        return List.copyOf(added);
    }

    /** A jar or folder that declares a {@code java.sql.Driver} service, as every JDBC 4 driver does. */
    static boolean hasJdbcDriver(Path p) {
        String service = "META-INF/services/java.sql.Driver";
        if (Files.isDirectory(p)) return Files.exists(p.resolve(service.replace('/', File.separatorChar)));
        try (JarFile jar = new JarFile(p.toFile())) {
            return jar.getEntry(service) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
