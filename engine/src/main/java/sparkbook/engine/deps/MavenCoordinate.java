package sparkbook.engine.deps;

import java.util.regex.Pattern;

/**
 * One artifact as a user names it: {@code group:artifact:version}, or with an extension and classifier,
 * {@code group:artifact:extension[:classifier]:version} (Maven's own order).
 */
public record MavenCoordinate(String groupId, String artifactId, String extension, String classifier, String version) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern OTHER_SCALA = Pattern.compile(".*_2\\.1[0-2]$");

    public MavenCoordinate {
        extension = extension == null || extension.isEmpty() ? "jar" : extension;
        classifier = classifier == null ? "" : classifier;
    }

    /** Parses what a user typed; a malformed coordinate throws with the forms that are understood. */
    public static MavenCoordinate parse(String text) {
        String[] p = text.strip().split(":", -1);
        MavenCoordinate c = switch (p.length) {
            case 3 -> new MavenCoordinate(p[0], p[1], "jar", "", p[2]);
            case 4 -> new MavenCoordinate(p[0], p[1], p[2], "", p[3]);
            case 5 -> new MavenCoordinate(p[0], p[1], p[2], p[3], p[4]);
            default -> null;
        };
        if (c == null || !PART.matcher(c.groupId).matches() || !PART.matcher(c.artifactId).matches()
                || !PART.matcher(c.extension).matches() || !PART.matcher(c.version).matches()
                || (!c.classifier.isEmpty() && !PART.matcher(c.classifier).matches())) {
            throw new IllegalArgumentException("'" + text + "' is not a Maven coordinate: write group:artifact:version,"
                    + " e.g. org.postgresql:postgresql:42.7.14 (or group:artifact:extension:classifier:version)");
        }
        return c;
    }

    /** The Scala line an artifact is built for differs from Spark's: its classes would fail at run time. */
    public boolean forOtherScala() {
        return OTHER_SCALA.matcher(artifactId).matches();
    }

    /** {@code group:artifact}, with the classifier when there is one: what "the same library" means. */
    public String key() {
        return classifier.isEmpty() ? groupId + ":" + artifactId : groupId + ":" + artifactId + ":" + classifier;
    }

    @Override
    public String toString() {
        if (classifier.isEmpty() && extension.equals("jar")) return groupId + ":" + artifactId + ":" + version;
        return groupId + ":" + artifactId + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier) + ":" + version;
    }
}
