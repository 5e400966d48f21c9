package sparkbook.kernel.deps;

import sparkbook.engine.deps.ShippedArtifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the kernel ships, as Maven listed it when the kernel was built (the resource {@code shipped-artifacts.txt}). */
final class ShippedLibraries {
    private ShippedLibraries() {}

    static ShippedArtifacts read() {
        try (InputStream in = ShippedLibraries.class.getResourceAsStream("shipped-artifacts.txt")) {
            if (in == null) return ShippedArtifacts.none(); // a build without it: every dependency is added
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return ShippedArtifacts.fromDependencyList(lines);
        } catch (IOException e) {
            return ShippedArtifacts.none();
        }
    }
}
