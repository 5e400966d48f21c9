package sparkbook.engine.localfs;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.NativeCodeLoader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import sparkbook.engine.SessionPerClass;
import sparkbook.engine.TestSessions;
import sparkbook.engine.input.LiveRows;

import java.io.FileNotFoundException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Hadoop's local file system without its chmod and readlink processes, alone and under a real stateful query. */
class ForkFreeLocalFileSystemTest {
    @RegisterExtension
    static final SessionPerClass spark = new SessionPerClass(TestSessions.local(2, Duration.ofSeconds(1)));

    @TempDir
    java.nio.file.Path dir;

    private static FileSystem fileSystem(FileSystem fs) throws Exception {
        fs.initialize(URI.create("file:///"), new Configuration());
        return fs;
    }

    /** The commands of the processes {@code work} started in this JVM, as JFR records them. */
    private List<String> processesStartedBy(ThrowingRunnable work) throws Exception {
        java.nio.file.Path file = dir.resolve("processes.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ProcessStart");
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream().map((RecordedEvent e) -> e.getString("command")).toList();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void hadoopsOwnLocalFileSystemStartsAChmodProcessThisOneDoesNot() throws Exception {
        assumeFalse(NativeCodeLoader.isNativeCodeLoaded(), "with Hadoop's native library Hadoop forks nothing either");
        Path hadoops = new Path(dir.resolve("hadoops").toUri());
        Path ours = new Path(dir.resolve("ours").toUri());
        Files.createFile(dir.resolve("hadoops"));
        Files.createFile(dir.resolve("ours"));
        FileSystem stock = fileSystem(new RawLocalFileSystem());
        FileSystem forkFree = fileSystem(new ForkFreeLocalFileSystem.Raw());

        List<String> stockCommands = processesStartedBy(() -> stock.setPermission(hadoops, new FsPermission((short) 0640)));
        List<String> ourCommands = processesStartedBy(() -> forkFree.setPermission(ours, new FsPermission((short) 0640)));

        assertEquals(1, stockCommands.stream().filter(c -> c.startsWith("chmod")).count(), stockCommands.toString());
        assertEquals(List.of(), ourCommands);
        assertEquals(Files.getPosixFilePermissions(dir.resolve("hadoops")), Files.getPosixFilePermissions(dir.resolve("ours")));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(dir.resolve("ours")));
    }

    @Test
    void linkStatusIsWhatHadoopAnswersForFilesFoldersLinksAndMissingPaths() throws Exception {
        FileSystem stock = fileSystem(new RawLocalFileSystem());
        FileSystem forkFree = fileSystem(new ForkFreeLocalFileSystem.Raw());
        Files.writeString(dir.resolve("file"), "abc");
        Files.createDirectory(dir.resolve("folder"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("file"));
        for (String name : List.of("file", "folder", "link")) {
            Path p = new Path(dir.resolve(name).toUri());
            FileStatus expected = stock.getFileLinkStatus(p);
            FileStatus actual = forkFree.getFileLinkStatus(p);
            assertEquals(expected.getPath(), actual.getPath(), name);
            assertEquals(expected.getLen(), actual.getLen(), name);
            assertEquals(expected.isDirectory(), actual.isDirectory(), name);
            assertEquals(expected.isSymlink(), actual.isSymlink(), name);
        }
        Path missing = new Path(dir.resolve("missing").toUri());
        assertThrows(FileNotFoundException.class, () -> stock.getFileLinkStatus(missing));
        assertThrows(FileNotFoundException.class, () -> forkFree.getFileLinkStatus(missing));
    }

    @Test
    void aStatefulQueryWritesItsCheckpointsAndStateWithoutStartingAProcess() throws Exception {
        var session = spark.session().spark();
        Configuration hadoop = session.sessionState().newHadoopConf();
        assertInstanceOf(ForkFreeLocalFileSystem.class, FileSystem.get(URI.create("file:///"), hadoop));
        LiveRows<String> words = LiveRows.lines(session);
        String checkpoint = dir.resolve("checkpoint").toUri().toString();
        StreamingQuery query = words.stream().groupBy("value").count().writeStream().outputMode("complete")
                .option("checkpointLocation", checkpoint).format("noop").start();
        try {
            words.push("warm", "up");
            query.processAllAvailable(); // the first batch creates the checkpoint's folders
            List<String> commands = processesStartedBy(() -> {
                for (int batch = 0; batch < 2; batch++) {
                    words.push("to", "be", "or", "not", "to", "be");
                    query.processAllAvailable();
                }
                try (FSDataOutputStream out = FileSystem.get(URI.create("file:///"), hadoop)
                        .create(new Path(dir.resolve("rdd-checkpoint").toUri()))) {
                    out.writeUTF("as a DStream or RDD checkpoint writes");
                }
            });
            assertEquals(List.of(), commands);
            assertFalse(query.lastProgress().stateOperators()[0].numRowsTotal() == 0, query.lastProgress().json());
        } finally {
            query.stop();
        }
    }
}
