package sparkbook.engine.deps;

import java.nio.file.Path;

/** A jar a resolution gives, with the coordinate it was resolved as. */
public record ResolvedArtifact(MavenCoordinate coordinate, Path file) {
}
