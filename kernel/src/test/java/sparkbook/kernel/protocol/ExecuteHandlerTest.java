package sparkbook.kernel.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cells the execute handler answers itself instead of handing them to Java. */
class ExecuteHandlerTest {

    @Test
    void exitAndQuitAskTheFrontEndToClose() {
        for (String cell : new String[]{"exit", "quit", " exit\n", "exit()", "quit();"}) {
            assertTrue(ExecuteHandler.isExit(cell), cell);
        }
        for (String cell : new String[]{"System.exit(0);", "exit + 1", "int exit = 1;", "exitCode"}) {
            assertFalse(ExecuteHandler.isExit(cell), cell);
        }
    }
}
