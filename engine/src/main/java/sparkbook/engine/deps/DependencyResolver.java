package sparkbook.engine.deps;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Resolves coordinates with all their transitive dependencies in one pass, as Maven would for a project that
 * declared them together (so version conflicts between them are settled once, nearest wins). Dependencies the
 * kernel already ships are left out with everything under them: the running JVM has them loaded already.
 *
 * <pre>{@code
 * try (DependencyResolver maven = DependencyResolver.forUser()) {
 *     Resolution r = maven.resolve(List.of(MavenCoordinate.parse("org.postgresql:postgresql:42.7.14")),
 *             ShippedArtifacts.none(), progress -> {});
 *     r.jars().forEach(jar -> System.out.println(jar.file()));
 * }
 * }</pre>
 */
public final class DependencyResolver implements AutoCloseable {
    private final MavenSettings settings;
    private final ResolutionCache cache;
    /** Made at the first resolution the cache cannot answer: building it costs seconds in a fresh JVM. */
    private RepositorySystem system;

    private DependencyResolver(MavenSettings settings) {
        this.settings = settings;
        this.cache = new ResolutionCache(settings.localRepository().resolve(".sparkbook").resolve("resolutions"));
    }

    /** Resolves as the user's Maven does: {@code ~/.m2/settings.xml} and the local repository it names. */
    public static DependencyResolver forUser() throws ResolutionException {
        return new DependencyResolver(MavenSettings.forUser());
    }

    /** Resolves with the given settings file (it need not exist) and local repository. */
    public static DependencyResolver withSettings(Path settingsXml, Path localRepository) throws ResolutionException {
        return new DependencyResolver(MavenSettings.load(settingsXml, localRepository));
    }

    public Path localRepository() {
        return settings.localRepository();
    }

    /**
     * Resolves {@code coordinates} and their runtime dependencies, downloading what the local repository lacks.
     * Nothing is returned unless all of it resolved.
     */
    public Resolution resolve(List<MavenCoordinate> coordinates, ShippedArtifacts shipped,
                              Consumer<ResolveProgress> progress) throws ResolutionException {
        for (MavenCoordinate c : coordinates) {
            if (c.forOtherScala()) throw otherScala(c, c.toString());
        }
        boolean cacheable = ResolutionCache.cacheable(coordinates);
        if (cacheable) {
            Optional<Resolution> earlier = cache.lookup(coordinates, shipped);
            if (earlier.isPresent()) {
                progress.accept(new ResolveProgress(ResolveProgress.Phase.DONE, 0, 0, ""));
                return earlier.get();
            }
        }
        DownloadCounter downloads = new DownloadCounter(progress);
        try {
            Resolution r = resolve(coordinates, shipped, downloads);
            if (cacheable) cache.store(r, shipped);
            return r;
        } catch (ResolutionException e) {
            downloads.phase(ResolveProgress.Phase.FAILED);
            throw e;
        }
    }

    private synchronized Resolution resolve(List<MavenCoordinate> coordinates, ShippedArtifacts shipped,
                                            DownloadCounter downloads) throws ResolutionException {
        if (system == null) system = new RepositorySystemSupplier().get();
        try (RepositorySystemSession.CloseableSession session = session(downloads)) {
            List<RemoteRepository> repositories = system.newResolutionRepositories(session, settings.repositories());
            CollectRequest collect = new CollectRequest();
            for (MavenCoordinate c : coordinates) collect.addDependency(new Dependency(artifact(c), "runtime"));
            collect.setRepositories(repositories);
            DependencyNode root;
            try {
                root = system.collectDependencies(session, collect).getRoot();
            } catch (DependencyCollectionException e) {
                throw failure(coordinates, repositories, e);
            }
            Map<String, DependencyNode> wanted = new LinkedHashMap<>();
            List<MavenCoordinate> kept = new ArrayList<>();
            List<VersionConflict> conflicts = new ArrayList<>();
            for (DependencyNode child : root.getChildren()) walk(child, child, shipped, wanted, kept, conflicts);

            downloads.phase(ResolveProgress.Phase.DOWNLOADING);
            DependencyFilter onlyWanted = (node, parents) -> node.getArtifact() != null
                    && wanted.get(key(node.getArtifact())) == node;
            List<ArtifactResult> results;
            try {
                results = system.resolveDependencies(session, new DependencyRequest(root, onlyWanted)).getArtifactResults();
            } catch (DependencyResolutionException e) {
                throw failure(coordinates, repositories, e);
            }
            downloads.phase(ResolveProgress.Phase.DONE);
            List<ResolvedArtifact> jars = new ArrayList<>();
            for (ArtifactResult r : results) {
                Artifact a = r.getArtifact();
                if (a == null || a.getPath() == null) continue;
                jars.add(new ResolvedArtifact(coordinate(a), a.getPath()));
            }
            return new Resolution(coordinates, jars, kept, conflicts, false);
        }
    }

    /** Pre-order over the resolved graph; a shipped library is noted and its subtree left to the kernel's class path. */
    private static void walk(DependencyNode node, DependencyNode top, ShippedArtifacts shipped, Map<String, DependencyNode> wanted,
                             List<MavenCoordinate> kept, List<VersionConflict> conflicts) throws ResolutionException {
        Artifact a = node.getArtifact();
        String key = key(a);
        var shippedVersion = shipped.version(key);
        if (shippedVersion.isPresent()) {
            if (kept.stream().noneMatch(c -> c.key().equals(key))) {
                kept.add(coordinate(a));
                if (!shippedVersion.get().equals(a.getVersion())) {
                    conflicts.add(new VersionConflict(key, shippedVersion.get(), a.getVersion(), coordinate(top.getArtifact()).toString()));
                }
            }
            return;
        }
        MavenCoordinate c = coordinate(a);
        if (c.forOtherScala()) throw otherScala(c, coordinate(top.getArtifact()) + " depends on " + c);
        wanted.putIfAbsent(key, node);
        for (DependencyNode child : node.getChildren()) walk(child, top, shipped, wanted, kept, conflicts);
    }

    private RepositorySystemSession.CloseableSession session(DownloadCounter downloads) {
        return new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(settings.localRepository())
                .setOffline(settings.offline())
                .setMirrorSelector(settings.mirrors())
                .setProxySelector(settings.proxies())
                .setAuthenticationSelector(settings.credentials())
                .setTransferListener(downloads)
                .setSystemProperties(System.getProperties())
                .build();
    }

    private static DefaultArtifact artifact(MavenCoordinate c) {
        return new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.extension(), c.version());
    }

    private static MavenCoordinate coordinate(Artifact a) {
        return new MavenCoordinate(a.getGroupId(), a.getArtifactId(), a.getExtension(), a.getClassifier(), a.getVersion());
    }

    private static String key(Artifact a) {
        return coordinate(a).key();
    }

    private static ResolutionException otherScala(MavenCoordinate c, String what) {
        String fixed = c.artifactId().replaceAll("_2\\.1[0-2]$", "_2.13");
        return new ResolutionException(what + " is built for another Scala line than this notebook's: Spark here runs"
                + " Scala 2.13. Ask for " + c.groupId() + ":" + fixed + ":<version> instead.");
    }

    private ResolutionException failure(List<MavenCoordinate> asked, List<RemoteRepository> repositories, Exception e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) deepest = deepest.getCause();
        String where = repositories.stream().map(r -> r.getId() + " (" + r.getUrl() + ")").collect(Collectors.joining(", "));
        String what = asked.stream().map(MavenCoordinate::toString).collect(Collectors.joining(" "));
        String hint = settings.offline()
                ? " Maven is set to work offline (settings.xml): only what the local repository holds can be used."
                : " Check the coordinate (search.maven.org lists what exists), the network, and ~/.m2/settings.xml.";
        return new ResolutionException("Could not resolve " + what + ": " + deepest.getMessage().strip()
                + ". Looked in " + where + " and the local repository " + settings.localRepository() + "." + hint, e);
    }

    @Override
    public synchronized void close() {
        if (system != null) system.shutdown();
    }
}
