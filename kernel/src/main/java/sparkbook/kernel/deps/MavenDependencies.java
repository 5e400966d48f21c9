package sparkbook.kernel.deps;

import sparkbook.display.deps.ResolveProgressView;
import sparkbook.display.live.LiveDisplay;
import sparkbook.display.live.UpdateCoalescer;
import sparkbook.engine.deps.DependencyResolver;
import sparkbook.engine.deps.MavenCoordinate;
import sparkbook.engine.deps.Resolution;
import sparkbook.engine.deps.ResolutionException;
import sparkbook.engine.deps.ShippedArtifacts;
import sparkbook.kernel.io.CellOutput;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The kernel's one Maven resolver, for {@code %maven} and for the tools a notebook starts in JVMs of their own (the
 * embedded Kafka broker). Each resolution shows its progress in the calling cell, updated in place.
 */
public final class MavenDependencies {
    private final CellOutput output;
    private final UpdateCoalescer displays;
    private DependencyResolver resolver;
    private ShippedArtifacts shipped;

    public MavenDependencies(CellOutput output, UpdateCoalescer displays) {
        this.output = output;
        this.displays = displays;
    }

    /** For this JVM: what the kernel ships is left out (and named in the resolution). */
    public Resolution forKernel(List<MavenCoordinate> coordinates) throws ResolutionException {
        return resolve(coordinates, true);
    }

    /** For another JVM: every jar its class path needs. */
    public Resolution forOtherJvm(List<MavenCoordinate> coordinates) throws ResolutionException {
        return resolve(coordinates, false);
    }

    private synchronized Resolution resolve(List<MavenCoordinate> coordinates, boolean leaveOutShipped)
            throws ResolutionException {
        if (resolver == null) { // made at first use: its repository system costs a start what it need not pay
            resolver = DependencyResolver.forUser();
            shipped = ShippedLibraries.read();
        }
        String what = coordinates.stream().map(MavenCoordinate::toString).collect(Collectors.joining(" "));
        try (LiveDisplay progress = displays.open(output.newLiveDisplay())) {
            return resolver.resolve(coordinates, leaveOutShipped ? shipped : ShippedArtifacts.none(),
                    p -> progress.offer(() -> ResolveProgressView.render(what, p)));
        }
    }
}
