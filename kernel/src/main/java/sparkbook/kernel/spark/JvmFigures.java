package sparkbook.kernel.spark;

import sparkbook.display.Quantities;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The kernel's JVM in one line, for {@code %spark}: which JDK runs it, its heap (in use, committed, the most it
 * may take) and the process's resident memory, so a user on a shared machine sees what the kernel costs.
 */
final class JvmFigures {
    private JvmFigures() {}

    /** "OpenJDK 17.0.13+11-Debian-2 · heap 212.4 MB used, 512.0 MB committed, 6.0 GB max · RSS 780.2 MB". */
    static String now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        String jdk = System.getProperty("java.vm.name", "Java").replace(" 64-Bit Server VM", "").replace(" Server VM", "")
                + " " + Runtime.version();
        return jdk + " · heap " + Quantities.bytes(heap.getUsed()) + " used, " + Quantities.bytes(heap.getCommitted()) + " committed, "
                + Quantities.bytes(heap.getMax()) + " max" + residentMemory().map(r -> " · RSS " + Quantities.bytes(r)).orElse("");
    }

    /** VmRSS from /proc (Linux); empty elsewhere. */
    static java.util.Optional<Long> residentMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return java.util.Optional.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no RSS to show
        }
        return java.util.Optional.empty();
    }

}
