package sparkbook.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An idle kernel collects once, not at every interval; a cell that begins puts the collection off. */
class IdleHeapReturnTest {
    private final AtomicInteger collections = new AtomicInteger();
    private final CountDownLatch collected = new CountDownLatch(1);

    private IdleHeapReturn after(Duration delay) {
        return new IdleHeapReturn(delay, List.of(() -> {
            collections.incrementAndGet();
            collected.countDown();
        }));
    }

    @Test
    void anIdlePeriodEndsInOneCollectionAndNoMore() throws InterruptedException {
        IdleHeapReturn heap = after(Duration.ofMillis(50));
        heap.idle();
        heap.idle(); // a second cell ended before the first period was over: still one collection
        assertTrue(collected.await(30, TimeUnit.SECONDS));
        assertFalse(heap.armed(), "nothing more to come until the kernel works again");
        assertEquals(1, collections.get());
    }

    @Test
    void aCellThatBeginsDuringAStepStopsTheStepsAfterIt() throws InterruptedException {
        List<String> steps = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstStepRuns = new CountDownLatch(1), cellBegan = new CountDownLatch(1);
        CountDownLatch secondIdleDone = new CountDownLatch(1);
        IdleHeapReturn heap = new IdleHeapReturn(Duration.ofMillis(10), List.of(() -> {
            steps.add("index");
            firstStepRuns.countDown();
            try {
                cellBegan.await(30, TimeUnit.SECONDS); // the index still being built when a cell comes in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, () -> {
            steps.add("gc");
            if (Collections.frequency(steps, "index") == 2) secondIdleDone.countDown();
        }));
        heap.idle();
        assertTrue(firstStepRuns.await(30, TimeUnit.SECONDS));
        heap.beforeCell("1 + 1", null);
        cellBegan.countDown();
        heap.afterCell("1 + 1", null, null); // idle again: all the steps, after the interrupted ones
        assertTrue(secondIdleDone.await(30, TimeUnit.SECONDS));
        assertEquals(List.of("index", "index", "gc"), steps, "the collection ran under the cell that began");
    }

    @Test
    void aCellThatBeginsPutsTheCollectionOff() {
        IdleHeapReturn heap = after(Duration.ofHours(1));
        heap.idle();
        assertTrue(heap.armed());
        heap.busy();
        assertFalse(heap.armed());
        assertEquals(0, collections.get());
    }
}
