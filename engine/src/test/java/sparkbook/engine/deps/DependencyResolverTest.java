package sparkbook.engine.deps;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Real resolutions from Maven Central into a local repository of the test's own. */
class DependencyResolverTest {
    private static final MavenCoordinate CSV = MavenCoordinate.parse("org.apache.commons:commons-csv:1.14.1");
    @TempDir
    static Path home;
    private static DependencyResolver maven;

    @BeforeAll
    static void resolver() throws Exception {
        maven = DependencyResolver.withSettings(home.resolve("settings.xml"), home.resolve("repository"));
    }

    @Test
    void resolvesTransitivelyAndLeavesOutWhatTheKernelShips() throws Exception {
        // commons-csv needs commons-io and commons-codec; say the kernel ships commons-io in another version.
        ShippedArtifacts shipped = new ShippedArtifacts(Map.of("commons-io:commons-io", "0.1-shipped"));
        List<ResolveProgress> progress = new ArrayList<>();
        Resolution r = maven.resolve(List.of(CSV), shipped, progress::add);

        List<String> jars = r.jars().stream().map(j -> j.coordinate().key()).toList();
        assertEquals("org.apache.commons:commons-csv", jars.get(0), "the requested artifact comes first");
        assertTrue(jars.contains("commons-codec:commons-codec"), "its dependency is added: " + jars);
        assertFalse(jars.contains("commons-io:commons-io"), "a shipped library is not added twice: " + jars);
        r.jars().forEach(j -> assertTrue(Files.isRegularFile(j.file()), j.file() + " downloaded"));
        assertTrue(r.jars().get(0).file().startsWith(home.resolve("repository")));

        assertEquals(1, r.conflicts().size(), r.conflicts().toString());
        String line = r.conflicts().get(0).describe();
        assertTrue(line.startsWith("commons-io:commons-io: kept 0.1-shipped (shipped with the kernel); "
                + "org.apache.commons:commons-csv:1.14.1 asked for "), line);

        ResolveProgress last = progress.get(progress.size() - 1);
        assertEquals(ResolveProgress.Phase.DONE, last.phase());
        assertTrue(last.filesDownloaded() >= 3 && last.bytesDownloaded() > 10_000, last.toString());

        // Resolving again, in a resolver of a kernel started later, is answered by the earlier resolution.
        progress.clear();
        try (DependencyResolver later = DependencyResolver.withSettings(home.resolve("settings.xml"), home.resolve("repository"))) {
            Resolution again = later.resolve(List.of(CSV), shipped, progress::add);
            assertTrue(again.cached());
            assertEquals(r.jars(), again.jars());
            assertEquals(r.conflicts(), again.conflicts());
            assertEquals(r.shipped(), again.shipped());
            assertEquals(0, progress.get(progress.size() - 1).filesDownloaded());
            // Against other shipped libraries it is a resolution of its own, from the local repository.
            Resolution other = later.resolve(List.of(CSV), ShippedArtifacts.none(), progress::add);
            assertFalse(other.cached());
            assertTrue(other.jars().stream().anyMatch(j -> j.coordinate().key().equals("commons-io:commons-io")));
            // An entry whose jars were deleted from the local repository is resolved again.
            Files.delete(r.jars().get(0).file());
            Resolution redone = later.resolve(List.of(CSV), shipped, progress::add);
            assertFalse(redone.cached());
            assertTrue(Files.isRegularFile(redone.jars().get(0).file()));
        }
    }

    @Test
    void anUnknownArtifactNamesWhatWasTriedAndWhere() {
        MavenCoordinate missing = MavenCoordinate.parse("org.apache.commons:commons-csv-does-not-exist:1.0");
        ResolutionException e = assertThrows(ResolutionException.class,
                () -> maven.resolve(List.of(missing), ShippedArtifacts.none(), p -> {}));
        assertTrue(e.getMessage().startsWith("Could not resolve org.apache.commons:commons-csv-does-not-exist:1.0: "), e.getMessage());
        assertTrue(e.getMessage().contains("central (https://repo.maven.apache.org/maven2/)"), e.getMessage());
    }

    @Test
    void anUnreachableMirrorFromSettingsIsNamed(@TempDir Path dir) throws Exception {
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors><mirror><id>company</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:9/maven</url></mirror></mirrors>
                </settings>
                """);
        try (DependencyResolver viaMirror = DependencyResolver.withSettings(settings, dir.resolve("repository"))) {
            ResolutionException e = assertThrows(ResolutionException.class,
                    () -> viaMirror.resolve(List.of(CSV), ShippedArtifacts.none(), p -> {}));
            assertTrue(e.getMessage().contains("company (http://127.0.0.1:9/maven)"), e.getMessage());
        }
    }

    @Test
    void anArtifactForScala212IsRefusedBeforeAnyDownload() {
        MavenCoordinate old = MavenCoordinate.parse("org.apache.spark:spark-streaming-kafka-0-10_2.12:3.5.1");
        ResolutionException e = assertThrows(ResolutionException.class,
                () -> maven.resolve(List.of(old), ShippedArtifacts.none(), p -> fail("nothing is fetched")));
        assertTrue(e.getMessage().contains("Scala 2.13"), e.getMessage());
        assertTrue(e.getMessage().contains("org.apache.spark:spark-streaming-kafka-0-10_2.13:<version>"), e.getMessage());
    }

    @Test
    void coordinatesAreParsedOrRefusedWithTheFormThatWorks() {
        assertEquals(new MavenCoordinate("g", "a", "jar", "", "1"), MavenCoordinate.parse(" g:a:1 "));
        assertEquals(new MavenCoordinate("g", "a", "jar", "tests", "1"), MavenCoordinate.parse("g:a:jar:tests:1"));
        for (String bad : List.of("g:a", "g:a:1:2:3:4", "g::1", "g:a b:1", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MavenCoordinate.parse(bad));
            assertTrue(e.getMessage().contains("group:artifact:version"), e.getMessage());
        }
    }

    @Test
    void aDependencyListFromMavenNamesTheShippedVersions() {
        ShippedArtifacts s = ShippedArtifacts.fromDependencyList(List.of(
                "The following files have been resolved:",
                "   org.apache.spark:spark-core_2.13:jar:4.2.0:compile -- module spark.core",
                "   io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.118.Final:compile",
                "   org.junit.jupiter:junit-jupiter:jar:5.14.1:test"));
        assertEquals("4.2.0", s.version("org.apache.spark:spark-core_2.13").orElseThrow());
        assertEquals("4.1.118.Final", s.version("io.netty:netty-transport-native-epoll:linux-x86_64").orElseThrow());
        assertTrue(s.version("org.junit.jupiter:junit-jupiter").isEmpty());
    }
}
