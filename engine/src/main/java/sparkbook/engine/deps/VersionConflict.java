package sparkbook.engine.deps;

/** A library the kernel ships in one version while a resolution asked for another: the shipped one stays. */
public record VersionConflict(String key, String shippedVersion, String requestedVersion, String requestedBy) {
    /** One line for the cell. */
    public String describe() {
        return key + ": kept " + shippedVersion + " (shipped with the kernel); " + requestedBy + " asked for " + requestedVersion;
    }
}
