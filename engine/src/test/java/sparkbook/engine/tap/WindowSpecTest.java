package sparkbook.engine.tap;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowSpecTest {

    private final WindowSpec threeBySlideTwo = WindowSpec.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2));

    @Test
    void windowCoversTheBatchesEndingAtItsTime() {
        assertEquals(3, threeBySlideTwo.batchesPerWindow());
        assertEquals(2, threeBySlideTwo.batchesPerSlide());
        assertEquals(List.of(2000L, 3000L, 4000L), threeBySlideTwo.coveredBatchTimes(4000));
        assertTrue(threeBySlideTwo.coveredBatchTimes(4000).stream().allMatch(t -> threeBySlideTwo.covers(4000, t)));
        assertFalse(threeBySlideTwo.covers(4000, 1000));
        assertFalse(threeBySlideTwo.covers(4000, 5000));
    }

    @Test
    void windowFiresEverySlideCountedFromBeforeTheFirstBatch() {
        long firstBatch = 1000;
        assertFalse(threeBySlideTwo.firesAt(1000, firstBatch));
        assertTrue(threeBySlideTwo.firesAt(2000, firstBatch));
        assertFalse(threeBySlideTwo.firesAt(3000, firstBatch));
        assertTrue(threeBySlideTwo.firesAt(4000, firstBatch));
    }

    @Test
    void lengthsThatAreNotMultiplesOfTheBatchAreRejectedWithASuggestion() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> WindowSpec.of(Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("window 3000 ms"), e.getMessage());
    }
}
