package sparkbook.display.live;

import sparkbook.display.MimeBundle;
import sparkbook.display.Mime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateCoalescerTest {
    /** Records what the kernel would send on iopub. */
    static final class RecordingSink implements DisplaySink {
        record Sent(String kind, String displayId, String text, long at) {}

        final List<Sent> sent = new ArrayList<>();
        final ManualScheduler clock;

        RecordingSink(ManualScheduler clock) {
            this.clock = clock;
        }

        @Override
        public void show(String displayId, MimeBundle data) {
            sent.add(new Sent("show", displayId, (String) data.get(Mime.TEXT), clock.nowMillis()));
        }

        @Override
        public void update(String displayId, MimeBundle data) {
            sent.add(new Sent("update", displayId, (String) data.get(Mime.TEXT), clock.nowMillis()));
        }

        List<String> texts() {
            return sent.stream().map(Sent::text).toList();
        }
    }

    final ManualScheduler clock = new ManualScheduler(1_000);
    final RecordingSink sink = new RecordingSink(clock);
    final UpdateCoalescer coalescer = new UpdateCoalescer(sink, clock, CoalescerSettings.defaults());

    @Test
    void manyOffersInOneSecondBecomeAtMostFourUpdatesAndTheLatestStateWins() {
        LiveDisplay live = coalescer.open("d1");
        for (int batch = 1; batch <= 40; batch++) { // 40 batches at 25 ms within one second
            int n = batch;
            live.offer(() -> MimeBundle.text("batch " + n));
            clock.advance(25);
        }
        long inFirstSecond = sink.sent.stream().filter(s -> s.at() < 2_000).count();
        assertEquals(4, inFirstSecond, "one show, then an update every 250 ms");
        assertEquals("show", sink.sent.get(0).kind());
        assertTrue(sink.sent.stream().skip(1).allMatch(s -> s.kind().equals("update")));

        clock.advance(1_000);
        assertEquals("batch 40", sink.texts().get(sink.texts().size() - 1), "the last state is shown");
        assertTrue(live.stats().coalesced() > 30, "intermediate states were dropped");
    }

    @Test
    void contentIsRenderedAtEmitTimeNotPerOffer() {
        AtomicInteger renders = new AtomicInteger();
        LiveDisplay live = coalescer.open("d1").bind(() -> MimeBundle.text("render " + renders.incrementAndGet()));
        for (int i = 0; i < 100; i++) live.markDirty();
        clock.runDue();
        assertEquals(1, renders.get());
    }

    @Test
    void finishEmitsTheFinalStateOnceAndThenCostsNothing() {
        LiveDisplay live = coalescer.open("d1");
        live.offer(() -> MimeBundle.text("first"));
        clock.runDue();
        live.offer(() -> MimeBundle.text("final")); // within the rate limit: not sent yet
        assertEquals(List.of("first"), sink.texts());

        live.finish();
        live.finish();
        assertEquals(List.of("first", "final"), sink.texts());

        live.offer(() -> MimeBundle.text("after finish"));
        clock.advance(10_000);
        assertEquals(2, sink.sent.size());
        assertEquals(0, clock.pendingCount());
        assertTrue(coalescer.openDisplays().isEmpty());
    }

    @Test
    void reopeningASlotFinishesTheDisplayItReplaces() {
        LiveDisplay first = coalescer.open("cell-7", "display-a");
        first.offer(() -> MimeBundle.text("old"));
        LiveDisplay second = coalescer.open("cell-7", "display-b");

        assertTrue(first.isClosed());
        assertEquals("display-a", sink.sent.get(0).displayId(), "old display kept its final state");
        second.offer(() -> MimeBundle.text("new"));
        clock.runDue();
        assertEquals(List.of(first.displayId(), second.displayId()), sink.sent.stream().map(RecordingSink.Sent::displayId).toList());
    }

    @Test
    void globalByteBudgetDelaysUpdatesAcrossDisplays() {
        var tight = CoalescerSettings.defaults().withBytesPerSecond(10_000, 0);
        var budgeted = new UpdateCoalescer(sink, clock, tight);
        String payload = "x".repeat(4_900); // about 5 kB once serialized
        List<LiveDisplay> displays = new ArrayList<>();
        for (int i = 0; i < 10; i++) displays.add(budgeted.open("d" + i));

        for (int tick = 0; tick < 30; tick++) { // 3 s of 100 ms batches on 10 displays
            for (LiveDisplay d : displays) d.offer(() -> MimeBundle.text(payload));
            clock.advance(100);
        }
        long bytes = displays.stream().mapToLong(d -> d.stats().bytes()).sum();
        assertTrue(bytes <= 3 * 10_000 + 5_100, "bytes sent in 3 s: " + bytes);
        assertTrue(sink.sent.size() < 10 * 4 * 3, "budget, not the per-display rate, was the limit");
    }

    @Test
    void oversizedBundlesKeepTheirTextAndDropCharts() {
        var small = new UpdateCoalescer(sink, clock, CoalescerSettings.defaults().withMaxBundleBytes(2_000));
        LiveDisplay live = small.open("d1");
        live.offer(() -> MimeBundle.text("summary").with(Mime.SVG, "<svg>" + "y".repeat(10_000) + "</svg>"));
        clock.runDue();
        assertEquals("summary", sink.texts().get(0));
        assertEquals(1, live.stats().trimmed());
    }

    @Test
    void aFailingRendererShowsTheErrorInsteadOfKillingUpdates() {
        LiveDisplay live = coalescer.open("d1");
        live.offer(() -> {
            throw new IllegalStateException("boom");
        });
        clock.runDue();
        assertTrue(sink.texts().get(0).contains("boom"));
    }

    @Test
    void theRealSchedulerUsesADaemonThread() throws Exception {
        try (ThreadScheduler scheduler = new ThreadScheduler()) {
            var thread = new java.util.concurrent.CompletableFuture<Thread>();
            scheduler.schedule(() -> thread.complete(Thread.currentThread()), 0);
            assertTrue(thread.get(5, java.util.concurrent.TimeUnit.SECONDS).isDaemon());
        }
    }
}
