package sparkbook.kernel.interpreter;

import org.junit.jupiter.api.Test;

import javax.tools.StandardJavaFileManager;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What JShell's repeated options do to javac's file manager once it is wrapped for the kernel. */
class IndexKeepingFileManagerTest {
    /** Options as javac's file manager received them, "option value". */
    private final List<String> received = new ArrayList<>();
    private final IndexKeepingFileManager files = new IndexKeepingFileManager(recordingJavac());

    @Test
    void aRepeatedMultiReleaseOptionReachesJavacOnce() {
        for (int task = 0; task < 5; task++) assertTrue(option("--multi-release", "25"));
        assertEquals(List.of("--multi-release 25"), received);
    }

    @Test
    void aNewMultiReleaseValueAndEveryOtherOptionStillReachJavac() {
        option("--multi-release", "25");
        option("--multi-release", "17");
        option("-classpath", "/a.jar");
        option("-classpath", "/a.jar");
        assertEquals(List.of("--multi-release 17", "-classpath /a.jar", "-classpath /a.jar"), received.subList(1, 4));
    }

    @Test
    void theOptionsValueIsConsumedEvenWhenNotPassedOn() {
        option("--multi-release", "25");
        Iterator<String> args = List.of("25", "next").iterator();
        files.handleOption("--multi-release", args);
        assertEquals("next", args.next(), "the value was taken, the next argument left");
        assertFalse(args.hasNext());
    }

    private boolean option(String name, String value) {
        return files.handleOption(name, List.of(value).iterator());
    }

    private StandardJavaFileManager recordingJavac() {
        return (StandardJavaFileManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {StandardJavaFileManager.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("handleOption")) throw new UnsupportedOperationException(method.getName());
                    @SuppressWarnings("unchecked") Iterator<String> rest = (Iterator<String>) args[1];
                    received.add(args[0] + " " + rest.next());
                    return true;
                });
    }
}
