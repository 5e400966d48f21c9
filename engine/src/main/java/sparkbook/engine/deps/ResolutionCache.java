package sparkbook.engine.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Earlier resolutions of release versions, kept as files beside the local repository: released artifacts never
 * change, so the same coordinates against the same shipped libraries give the same jars. A kernel restarted and
 * re-run adds its libraries without building Maven's model of every POM again (seconds in a fresh JVM). An entry
 * whose jars are gone from the local repository is resolved again.
 */
final class ResolutionCache {
    private static final String FORMAT = "sparkbook-resolution 1";
    private final Path dir;

    ResolutionCache(Path dir) {
        this.dir = dir;
    }

    /** SNAPSHOTs, ranges and LATEST/RELEASE can mean other jars tomorrow: those are always resolved. */
    static boolean cacheable(List<MavenCoordinate> coordinates) {
        return coordinates.stream().map(MavenCoordinate::version).noneMatch(v -> v.endsWith("SNAPSHOT")
                || v.equals("LATEST") || v.equals("RELEASE") || v.matches(".*[\\[\\](),].*"));
    }

    Optional<Resolution> lookup(List<MavenCoordinate> coordinates, ShippedArtifacts shipped) {
        Path file = file(coordinates, shipped);
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) return Optional.empty();
            List<ResolvedArtifact> jars = new ArrayList<>();
            List<MavenCoordinate> kept = new ArrayList<>();
            List<VersionConflict> conflicts = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                switch (f[0]) {
                    case "jar" -> {
                        Path jar = Path.of(f[2]);
                        if (!Files.isRegularFile(jar)) return Optional.empty();
                        jars.add(new ResolvedArtifact(MavenCoordinate.parse(f[1]), jar));
                    }
                    case "shipped" -> kept.add(MavenCoordinate.parse(f[1]));
                    case "conflict" -> conflicts.add(new VersionConflict(f[1], f[2], f[3], f[4]));
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new Resolution(coordinates, jars, kept, conflicts, true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a damaged entry is only a miss
        }
    }

    void store(Resolution r, ShippedArtifacts shipped) {
        StringBuilder out = new StringBuilder(FORMAT).append('\n');
        for (ResolvedArtifact j : r.jars()) out.append("jar\t").append(j.coordinate()).append('\t').append(j.file()).append('\n');
        for (MavenCoordinate c : r.shipped()) out.append("shipped\t").append(c).append('\n');
        for (VersionConflict c : r.conflicts()) {
            out.append("conflict\t").append(c.key()).append('\t').append(c.shippedVersion()).append('\t')
                    .append(c.requestedVersion()).append('\t').append(c.requestedBy()).append('\n');
        }
        try {
            Files.createDirectories(dir);
            Path file = file(r.requested(), shipped);
            Path tmp = Files.createTempFile(dir, "entry", ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Not kept: the next kernel resolves again, which is only slower.
        }
    }

    private Path file(List<MavenCoordinate> coordinates, ShippedArtifacts shipped) {
        StringBuilder key = new StringBuilder(FORMAT);
        coordinates.stream().map(MavenCoordinate::toString).sorted().forEach(c -> key.append('\n').append(c));
        new TreeMap<>(shipped.versions()).forEach((k, v) -> key.append('\n').append(k).append('=').append(v));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".tsv");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }
}
