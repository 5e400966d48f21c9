package sparkbook.engine.deps;

/**
 * Where a resolution is, for a progress view: its phase, the files fetched from remote repositories so far (POMs
 * and jars), their bytes, and the file being fetched now (empty when none).
 */
public record ResolveProgress(Phase phase, int filesDownloaded, long bytesDownloaded, String downloading) {
    public enum Phase { COLLECTING, DOWNLOADING, DONE, FAILED }
}
