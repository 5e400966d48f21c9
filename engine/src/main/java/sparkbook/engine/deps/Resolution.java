package sparkbook.engine.deps;

import java.util.List;

/**
 * What resolving some coordinates gave: the jars to add (requested ones first, then their dependencies), the
 * dependencies left out because the kernel ships them, and those of them shipped in another version; {@code cached}
 * when an earlier resolution of the same release versions gave it.
 */
public record Resolution(List<MavenCoordinate> requested, List<ResolvedArtifact> jars, List<MavenCoordinate> shipped,
                         List<VersionConflict> conflicts, boolean cached) {
    public Resolution {
        requested = List.copyOf(requested);
        jars = List.copyOf(jars);
        shipped = List.copyOf(shipped);
        conflicts = List.copyOf(conflicts);
    }
}
