package sparkbook.engine.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A folder for {@code ssc.textFileStream(folder.path())}. Spark must never see a half-written
 * file, so each file is written in a staging folder next to it and then moved in atomically.
 * (textFileStream picks files by modification time, so it needs the real clock.)
 *
 * <pre>{@code
 * DropFolder drops = DropFolder.create(workDir);
 * ssc.textFileStream(drops.path()).print();
 * ssc.start();
 * drops.drop("part-1.txt", List.of("a", "b"));
 * }</pre>
 */
public final class DropFolder {
    private final Path folder;
    private final Path staging;

    private DropFolder(Path folder, Path staging) {
        this.folder = folder;
        this.staging = staging;
    }

    /** Makes a fresh watched folder (and its staging folder) under {@code parent}. */
    public static DropFolder create(Path parent) {
        try {
            Files.createDirectories(parent);
            Path folder = Files.createTempDirectory(parent, "drop-");
            Path staging = Files.createDirectories(parent.resolve(folder.getFileName() + ".staging"));
            return new DropFolder(folder, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a drop folder under " + parent, e);
        }
    }

    /** The watched folder, as textFileStream wants it. */
    public String path() {
        return folder.toAbsolutePath().toString();
    }

    public Path folder() {
        return folder;
    }

    /** Writes {@code lines} as file {@code name} and moves it into the watched folder in one step. */
    public Path drop(String name, List<String> lines) {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".") || name.startsWith("_")) {
            throw new IllegalArgumentException("Use a plain file name that does not start with '.' or '_' "
                    + "(Spark skips those), got '" + name + "'");
        }
        try {
            Path staged = Files.write(staging.resolve(name), lines);
            return Files.move(staged, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not drop " + name + " into " + folder, e);
        }
    }
}
