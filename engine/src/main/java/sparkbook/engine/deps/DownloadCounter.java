package sparkbook.engine.deps;

import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;

import java.util.function.Consumer;

/** Counts what a resolution fetches from remote repositories and reports it; downloads run on several threads. */
final class DownloadCounter extends AbstractTransferListener {
    private final Consumer<ResolveProgress> progress;
    private volatile ResolveProgress.Phase phase = ResolveProgress.Phase.COLLECTING;
    private int files;
    private long bytes;
    private String current = "";

    DownloadCounter(Consumer<ResolveProgress> progress) {
        this.progress = progress;
    }

    void phase(ResolveProgress.Phase next) {
        phase = next;
        report();
    }

    @Override
    public void transferStarted(TransferEvent event) {
        synchronized (this) {
            current = event.getResource().getResourceName();
        }
        report();
    }

    @Override
    public void transferProgressed(TransferEvent event) {
        synchronized (this) {
            bytes += event.getDataLength();
        }
        report();
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        synchronized (this) {
            files++;
            if (event.getResource().getResourceName().equals(current)) current = "";
        }
        report();
    }

    synchronized ResolveProgress snapshot() {
        return new ResolveProgress(phase, files, bytes, current);
    }

    private void report() {
        progress.accept(snapshot());
    }
}
