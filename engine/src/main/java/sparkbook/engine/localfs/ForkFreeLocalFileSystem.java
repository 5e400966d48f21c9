package sparkbook.engine.localfs;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.SparkConf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's local file system ({@code file:}) as Spark's checkpoints use it, without starting processes. Without
 * Hadoop's native library (Spark's distribution has none) {@code RawLocalFileSystem} sets a permission by running
 * {@code chmod} and asks {@code readlink} for a link's target on every rename: a stateful query's micro-batch on a
 * laptop started about 40 processes (state deltas, offset and commit logs, each with its checksum file), 0.2-0.5 s
 * of a small word count's 1.0-1.5 s micro-batch. Here both go through {@code java.nio}; anything this class cannot do
 * that way (a sticky bit, a file system without POSIX permissions, a real symbolic link) falls back to Hadoop's code.
 *
 * <p>Spark reaches it through Hadoop's own settings, which {@link #configure(SparkConf)} sets for a local master
 * (its executors share the driver's class path): {@code fs.file.impl} for the {@code FileSystem} API (DStream and RDD
 * checkpoints) and {@code fs.AbstractFileSystem.file.impl} ({@link ForkFreeLocalFs}) for the {@code FileContext} API
 * (Structured Streaming's checkpoint files and state stores).
 */
public final class ForkFreeLocalFileSystem extends LocalFileSystem {
    static final String FILE_SYSTEM_KEY = "spark.hadoop.fs.file.impl";
    static final String FILE_CONTEXT_KEY = "spark.hadoop.fs.AbstractFileSystem.file.impl";

    public ForkFreeLocalFileSystem() {
        super(new Raw());
    }

    /** Makes Spark use these for {@code file:} paths, unless the user chose an implementation of their own. */
    public static void configure(SparkConf conf) {
        if (conf.contains(FILE_SYSTEM_KEY) || conf.contains(FILE_CONTEXT_KEY)) return;
        conf.set(FILE_SYSTEM_KEY, ForkFreeLocalFileSystem.class.getName());
        conf.set(FILE_CONTEXT_KEY, ForkFreeLocalFs.class.getName());
    }

    /** The raw (checksum-less) layer, which both APIs delegate to. */
    static final class Raw extends RawLocalFileSystem {
        private static final PosixFilePermission[] BY_BIT = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };

        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            short mode = permission.toShort();
            if ((mode & ~0777) != 0) { // sticky bit: java.nio cannot set it
                super.setPermission(p, permission);
                return;
            }
            Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
            for (int bit = 0; bit < BY_BIT.length; bit++) {
                if ((mode & (1 << bit)) != 0) perms.add(BY_BIT[bit]);
            }
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), perms);
            } catch (UnsupportedOperationException notPosix) {
                super.setPermission(p, permission);
            }
        }

        /** Hadoop's answer for anything but a symbolic link is the file's own status; only a link needs readlink. */
        @Override
        public FileStatus getFileLinkStatus(Path f) throws IOException {
            if (Files.isSymbolicLink(pathToFile(f).toPath())) return super.getFileLinkStatus(f);
            return getFileStatus(f);
        }
    }
}
