package sparkbook.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
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
        return new IdleHeapReturn(delay, () -> {
            collections.incrementAndGet();
            collected.countDown();
        });
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
    void aCellThatBeginsPutsTheCollectionOff() {
        IdleHeapReturn heap = after(Duration.ofHours(1));
        heap.idle();
        assertTrue(heap.armed());
        heap.busy();
        assertFalse(heap.armed());
        assertEquals(0, collections.get());
    }
}
