package sparkbook.kernel.io;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sparkbook.display.MimeBundle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which cell each display goes to, as the port decides it (text routing is covered through the kernel's clients). */
class CellOutputTest {
    /** One published display: under which request, whether it updates, which display. */
    record Sent(String request, boolean update, String displayId, String text) {}

    private final List<Sent> sent = new ArrayList<>();
    private CellOutput output;

    @BeforeEach
    void open() {
        output = new CellOutput(new CellOutput.Publisher() {
            @Override
            public void stream(OutputTarget target, String name, String text) {
            }

            @Override
            public void display(OutputTarget target, boolean update, String displayId, MimeBundle bundle) {
                synchronized (sent) {
                    sent.add(new Sent(target.requestId(), update, displayId, bundle.text()));
                }
            }
        });
    }

    @AfterEach
    void close() {
        output.close();
    }

    private static OutputTarget cell(String requestId, String cellId) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", requestId);
        return new OutputTarget(header, false, cellId);
    }

    @Test
    void aDisplayGoesToTheRunningCellAndKeepsAGivenId() {
        output.beginCell(cell("r1", "c1"));
        String id = output.display(MimeBundle.text("hello"), null);
        output.display(MimeBundle.text("again"), "mine");
        output.endCell();
        assertEquals(List.of(new Sent("r1", false, id, "hello"), new Sent("r1", false, "mine", "again")), sent);
    }

    @Test
    void aSilentCellPublishesNothing() {
        output.beginCell(new OutputTarget(cell("r1", null).parentHeader(), true, null));
        output.display(MimeBundle.text("hidden"), null);
        output.endCell();
        assertTrue(sent.isEmpty());
    }

    @Test
    void aLiveDisplayAppearsInTheCellThatOpenedItAndUpdatesUnderTheRunningOne() {
        output.beginCell(cell("r1", "c1"));
        String live = output.newLiveDisplay();
        output.endCell();
        output.show(live, MimeBundle.text("first batch")); // between cells: still the cell that opened it
        output.update(live, MimeBundle.text("second batch"));
        output.beginCell(cell("r2", "c2"));
        output.update(live, MimeBundle.text("third batch"));
        output.endCell();
        assertEquals(List.of(new Sent("r1", false, live, "first batch"), new Sent("r1", true, live, "second batch"),
                new Sent("r2", true, live, "third batch")), sent);
    }

    @Test
    void aThreadTheCellStartedKeepsWritingToItAfterTheCellEnded() throws InterruptedException {
        CountDownLatch nextCellRuns = new CountDownLatch(1);
        output.beginCell(cell("r1", "c1"));
        Thread stream = new Thread(() -> {
            try {
                nextCellRuns.await();
            } catch (InterruptedException e) {
                return;
            }
            output.display(MimeBundle.text("from the stream"), "late");
        });
        stream.start();
        output.endCell();
        output.beginCell(cell("r2", "c2"));
        nextCellRuns.countDown();
        stream.join();
        output.endCell();
        assertEquals(List.of(new Sent("r1", false, "late", "from the stream")), sent);
    }

    @Test
    void theNthStreamDisplayOfACellKeepsItsSlotWhenTheCellRunsAgain() {
        output.beginCell(cell("r1", "c1"));
        String first = output.cellSlot(output.newLiveDisplay());
        String second = output.cellSlot(output.newLiveDisplay());
        output.endCell();
        output.beginCell(cell("r2", "c1"));
        String rerun = output.cellSlot(output.newLiveDisplay());
        output.endCell();
        output.beginCell(cell("r3", null));
        String noCellId = output.newLiveDisplay();
        String own = output.cellSlot(noCellId);
        output.endCell();
        assertNotEquals(first, second);
        assertEquals(first, rerun);
        assertEquals(noCellId, own);
    }

    @Test
    void writeForStreamGoesToTheCellThatStartedTheStream() {
        output.beginCell(cell("r1", "c1"));
        output.setBackground(output.runningCell());
        output.endCell();
        output.beginCell(cell("r2", "c2"));
        output.writeForStream(() -> output.display(MimeBundle.text("batch failed"), "f"));
        output.endCell();
        assertEquals(List.of(new Sent("r1", false, "f", "batch failed")), sent);
    }
}
