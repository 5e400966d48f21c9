package sparkbook.engine.localfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.local.LocalConfigKeys;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * {@link ForkFreeLocalFileSystem} for Hadoop's {@code FileContext} API, which Structured Streaming's checkpoint files
 * and state stores use: Hadoop's {@code LocalFs} (checksums over a raw local file system) with the fork-free raw layer.
 * Hadoop makes it by reflection from {@code fs.AbstractFileSystem.file.impl}, with this constructor.
 */
public final class ForkFreeLocalFs extends ChecksumFs {
    public ForkFreeLocalFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
        super(new Raw(conf));
    }

    /** What Hadoop's {@code RawLocalFs} is, over the fork-free raw file system. */
    private static final class Raw extends DelegateToFileSystem {
        Raw(Configuration conf) throws IOException, URISyntaxException {
            super(FsConstants.LOCAL_FS_URI, new ForkFreeLocalFileSystem.Raw(), conf,
                    FsConstants.LOCAL_FS_URI.getScheme(), false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1; // no port: local paths
        }

        @Override
        @Deprecated
        public FsServerDefaults getServerDefaults() throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public FsServerDefaults getServerDefaults(Path f) throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public boolean isValidName(String src) {
            return true; // local names may hold what HDFS refuses (':' among them), as in Hadoop's RawLocalFs
        }
    }
}
