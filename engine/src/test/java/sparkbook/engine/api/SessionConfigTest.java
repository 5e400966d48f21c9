package sparkbook.engine.api;

import org.junit.jupiter.api.Test;
import sparkbook.engine.localfs.ForkFreeLocalFileSystem;
import sparkbook.engine.localfs.ForkFreeLocalFs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionConfigTest {

    @Test
    void defaultsAreLocalStarWithOneSecondBatches() {
        SessionConfig config = SessionConfig.defaults();
        assertEquals("local[*]", config.master());
        assertEquals(Duration.ofSeconds(1), config.batchInterval());
        assertEquals("sparkbook", config.appName());
        assertTrue(config.conf().isEmpty());
        assertNull(config.classOutputDir());
        assertFalse(config.manualClock());
    }

    @Test
    void magicTokensOverrideMasterBatchAppAndSparkSettings() {
        SessionConfig config = SessionConfig.defaults().withArgs("master=local[4] batch=500ms app=x spark.foo=bar");
        assertEquals("local[4]", config.master());
        assertEquals(Duration.ofMillis(500), config.batchInterval());
        assertEquals("x", config.appName());
        assertEquals(Map.of("spark.foo", "bar"), config.conf());
    }

    @Test
    void batchAcceptsMillisSecondsAndMinutes() {
        assertEquals(Duration.ofSeconds(2), SessionConfig.defaults().withArgs("batch=2s").batchInterval());
        assertEquals(Duration.ofMinutes(1), SessionConfig.defaults().withArgs("batch=1m").batchInterval());
    }

    @Test
    void badInputSaysWhatToDo() {
        var notKeyValue = assertThrows(IllegalArgumentException.class, () -> SessionConfig.defaults().withArgs("local[2]"));
        assertTrue(notKeyValue.getMessage().contains("not a key=value setting"), notKeyValue.getMessage());
        assertTrue(notKeyValue.getMessage().contains("%spark master="), notKeyValue.getMessage());

        var badBatch = assertThrows(IllegalArgumentException.class, () -> SessionConfig.defaults().withArgs("batch=fast"));
        assertTrue(badBatch.getMessage().contains("like 500ms, 2s or 1m"), badBatch.getMessage());

        var unknown = assertThrows(IllegalArgumentException.class, () -> SessionConfig.defaults().withArgs("cores=3"));
        assertTrue(unknown.getMessage().contains("Unknown setting 'cores'"), unknown.getMessage());

        var badMaster = assertThrows(IllegalArgumentException.class, () -> SessionConfig.defaults().withArgs("master=local[x]"));
        assertTrue(badMaster.getMessage().contains("local[*], local[3]"), badMaster.getMessage());
    }

    @Test
    void environmentVariablesGiveTheDefaults() {
        SessionConfig config = SessionConfig.fromEnvironment(Map.of(
                "SPARKBOOK_MASTER", "local[3]",
                "SPARKBOOK_BATCH", "250ms",
                "SPARKBOOK_CONF", "spark.a=1  spark.b=2"));
        assertEquals("local[3]", config.master());
        assertEquals(Duration.ofMillis(250), config.batchInterval());
        assertEquals(Map.of("spark.a", "1", "spark.b", "2"), config.conf());
        assertEquals(SessionConfig.defaults(), SessionConfig.fromEnvironment(Map.of()));
    }

    @Test
    void classOutputDirBecomesTheReplClassDirSetting() {
        var conf = StreamingSession.sparkConf(SessionConfig.defaults().withClassOutputDir(Path.of("/tmp/snippets")));
        assertEquals("/tmp/snippets", conf.get("spark.repl.class.outputDir"));
    }

    @Test
    void localMastersGetTwoShufflePartitionsPerCoreUnlessSet() {
        assertEquals("6", StreamingSession.sparkConf(SessionConfig.defaults().withMaster("local[3]")).get("spark.sql.shuffle.partitions"));
        assertEquals("50", StreamingSession.sparkConf(SessionConfig.defaults().withMaster("local[3]")
                .withConf("spark.sql.shuffle.partitions", "50")).get("spark.sql.shuffle.partitions"));
        assertFalse(StreamingSession.sparkConf(SessionConfig.defaults().withMaster("spark://127.0.0.1:7077"))
                .contains("spark.sql.shuffle.partitions"), "a cluster keeps Spark's default");
    }

    @Test
    void localMastersGetMemoryPagesOfOneMegabyteUnlessSet() {
        assertEquals("1m", StreamingSession.sparkConf(SessionConfig.defaults()).get("spark.buffer.pageSize"));
        assertEquals("16m", StreamingSession.sparkConf(SessionConfig.defaults()
                .withConf("spark.buffer.pageSize", "16m")).get("spark.buffer.pageSize"));
        assertFalse(StreamingSession.sparkConf(SessionConfig.defaults().withMaster("spark://127.0.0.1:7077"))
                .contains("spark.buffer.pageSize"), "a cluster's executors size their own");
    }

    @Test
    void broadcastPiecesAreSmallerThanHalfAHeapRegionUnlessSet() {
        long piece = StreamingSession.sparkConf(SessionConfig.defaults()).getSizeAsBytes("spark.broadcast.blockSize");
        assertTrue(piece < 512 * 1024, "G1 allocates an object of half a region or more (regions of 1 MB up) apart");
        assertEquals("4m", StreamingSession.sparkConf(SessionConfig.defaults()
                .withConf("spark.broadcast.blockSize", "4m")).get("spark.broadcast.blockSize"));
    }

    @Test
    void localMastersWriteCheckpointsWithoutForksUnlessTheUserChoseAFileSystem() {
        var ours = StreamingSession.sparkConf(SessionConfig.defaults());
        assertEquals(ForkFreeLocalFileSystem.class.getName(), ours.get("spark.hadoop.fs.file.impl"));
        assertEquals(ForkFreeLocalFs.class.getName(), ours.get("spark.hadoop.fs.AbstractFileSystem.file.impl"));
        // as %spark spark.hadoop.fs.file.impl=org.apache.hadoop.fs.LocalFileSystem sets it
        var theirs = StreamingSession.sparkConf(SessionConfig.defaults()
                .withConf("spark.hadoop.fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem"));
        assertEquals("org.apache.hadoop.fs.LocalFileSystem", theirs.get("spark.hadoop.fs.file.impl"));
        assertFalse(theirs.contains("spark.hadoop.fs.AbstractFileSystem.file.impl"), "Hadoop's own for both APIs");
        assertFalse(StreamingSession.sparkConf(SessionConfig.defaults().withMaster("spark://127.0.0.1:7077"))
                .contains("spark.hadoop.fs.file.impl"), "executors in other JVMs keep Hadoop's");
    }

    @Test
    void localCoresReadsTheMaster() {
        assertEquals(1, LocalCores.of("local").getAsInt());
        assertEquals(3, LocalCores.of("local[3]").getAsInt());
        assertEquals(4, LocalCores.of("local[4,2]").getAsInt());
        assertEquals(Runtime.getRuntime().availableProcessors(), LocalCores.of("local[*]").getAsInt());
        assertTrue(LocalCores.of("spark://host:7077").isEmpty());
    }
}
