package sparkbook.engine.deps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The libraries already on the kernel's class path, by {@code group:artifact}, with their versions: they win over
 * whatever a resolution would add, since the running JVM has loaded them.
 */
public record ShippedArtifacts(Map<String, String> versions) {
    /** A line of {@code mvn dependency:list}: {@code group:artifact:type[:classifier]:version:scope}, maybe more after. */
    private static final Pattern LISTED = Pattern.compile(
            "^\\s*([\\w.\\-]+):([\\w.\\-]+):([\\w.\\-]+)(?::([\\w.\\-]+))?:([\\w.\\-]+):(compile|runtime|provided|system|test)\\b.*");

    public ShippedArtifacts {
        versions = Map.copyOf(versions);
    }

    public static ShippedArtifacts none() {
        return new ShippedArtifacts(Map.of());
    }

    /** Reads the output of {@code mvn dependency:list} (other lines are skipped). */
    public static ShippedArtifacts fromDependencyList(List<String> lines) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LISTED.matcher(line);
            if (!m.matches() || "test".equals(m.group(6))) continue;
            String key = m.group(4) == null ? m.group(1) + ":" + m.group(2) : m.group(1) + ":" + m.group(2) + ":" + m.group(4);
            versions.put(key, m.group(5));
        }
        return new ShippedArtifacts(versions);
    }

    /** The version shipped of {@code group:artifact[:classifier]}, if the kernel ships it. */
    public Optional<String> version(String key) {
        return Optional.ofNullable(versions.get(key));
    }
}
