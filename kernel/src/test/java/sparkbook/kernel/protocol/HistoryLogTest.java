package sparkbook.kernel.protocol;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What history_request answers: tail, range and search, as IPython reads them. */
class HistoryLogTest {
    HistoryLog log;

    @BeforeEach
    void fiveCells() {
        log = new HistoryLog();
        log.add(1, "int a = 1;");
        log.add(2, "a + 1");
        log.setOutput(2, "2");
        log.add(3, "String s = \"x\";");
        log.add(4, "a + 1");
        log.add(5, "List<Integer> xs = List.of(1, 2);\nxs.size()");
    }

    static List<Integer> lines(List<HistoryLog.Entry> entries) {
        return entries.stream().map(HistoryLog.Entry::line).toList();
    }

    @Test
    void tailIsTheNewestN() {
        assertEquals(List.of(4, 5), lines(log.tail(2)));
        assertEquals(List.of(1, 2, 3, 4, 5), lines(log.tail(100)));
        assertEquals(List.of(), lines(log.tail(0)));
        assertEquals(List.of(), lines(log.tail(-3)));
    }

    @Test
    void entriesKeepInputAndOutput() {
        HistoryLog.Entry second = log.range(0, 2, 3).get(0);
        assertEquals(new HistoryLog.Entry(1, 2, "a + 1", "2"), second);
        assertEquals(null, log.range(0, 1, 2).get(0).output());
    }

    @Test
    void rangeIsStartInclusiveStopExclusive() {
        assertEquals(List.of(2, 3), lines(log.range(0, 2, 4)));
        assertEquals(List.of(3, 4, 5), lines(log.range(0, 3, 0)), "stop 0 means to the end");
        assertEquals(List.of(1, 2, 3, 4, 5), lines(log.range(1, 1, 0)), "session 1 is this one");
        assertEquals(List.of(), lines(log.range(2, 1, 0)), "no later sessions");
        assertEquals(List.of(1, 2, 3, 4, 5), lines(log.range(-1, 0, 0)), "negative session means this one");
    }

    @Test
    void searchIsAGlobOverInputs() {
        assertEquals(List.of(2, 4), lines(log.search("a + *", 0, false)));
        assertEquals(List.of(1), lines(log.search("*= ?;", 0, false)), "? is one character");
        assertEquals(List.of(5), lines(log.search("*xs.size()", 0, false)), "a multi-line input matches across lines");
        assertEquals(List.of(1, 2, 3, 4, 5), lines(log.search("*", 0, false)));
    }

    @Test
    void searchUniqueKeepsTheNewestOfEachInput() {
        assertEquals(List.of(4), lines(log.search("a + 1", 0, true)));
        assertEquals(List.of(1, 3, 4, 5), lines(log.search("*", 0, true)));
    }

    @Test
    void searchNIsTheNewestNMatches() {
        assertEquals(List.of(4, 5), lines(log.search("*", 2, false)));
        assertEquals(List.of(4, 5), lines(log.search("*", 2, true)));
    }

    @Test
    void searchForInputsWithSlashes() {
        log.add(6, "double d = 1.0 / 3;");
        assertEquals(List.of(6), lines(log.search("*/ 3;", 0, false)));
        assertEquals(List.of(6), lines(log.search("double d = 1.0 / 3;", 0, false)));
    }
}
