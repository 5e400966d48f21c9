import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a kernel's first seconds go, from a JFR recording of them: for each phase between two marks (epoch
 * milliseconds the bench took from the client's side), the Java CPU samples per thread and, per thread, per area of
 * code (javac, JShell, class loading, Spark, Janino, ...), with the JIT compilers' and GC's time beside them.
 * usage: java StartupProfile.java recording.jfr start=EPOCH_MS name=EPOCH_MS ...
 */
public class StartupProfile {
    /** Areas of code, checked from the top of a sampled stack down; the first that matches names the sample. */
    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("com.sun.tools.javac.", "javac");
        AREAS.put("jdk.jshell.", "JShell");
        AREAS.put("org.codehaus.janino.", "Janino (Spark's generated code)");
        AREAS.put("org.codehaus.commons.", "Janino (Spark's generated code)");
        AREAS.put("org.apache.spark.", "Spark");
        AREAS.put("org.apache.hadoop.", "Hadoop");
        AREAS.put("org.apache.logging.", "logging");
        AREAS.put("org.zeromq.", "JeroMQ");
        AREAS.put("zmq.", "JeroMQ");
        AREAS.put("sparkbook.", "sparkbook");
        AREAS.put("scala.", "Scala library");
        AREAS.put("com.google.gson.", "Gson");
    }

    private static String area(RecordedStackTrace stack) {
        if (stack == null) return "(no stack)";
        for (RecordedFrame f : stack.getFrames()) {
            String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            if (m.startsWith("java.lang.ClassLoader.") || m.startsWith("jdk.internal.loader.")
                    || m.startsWith("java.lang.invoke.") || m.startsWith("java.lang.Class.forName")) {
                return "class loading, lambdas, method handles";
            }
            for (var e : AREAS.entrySet()) if (m.startsWith(e.getKey())) return e.getValue();
        }
        return "JDK";
    }

    private static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("\\d+", "N").replaceAll("\\[.*]", "[...]");
    }

    public static void main(String[] args) throws Exception {
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        List<String> names = new ArrayList<>();
        List<Instant> marks = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            names.add(kv[0]);
            marks.add(Instant.ofEpochMilli(Long.parseLong(kv[1])));
        }
        for (int p = 1; p < marks.size(); p++) {
            Instant from = marks.get(p - 1), to = marks.get(p);
            Map<String, Map<String, Integer>> samples = new TreeMap<>();
            Duration gc = Duration.ZERO;
            Duration jit = compilingUntil(events, to).minus(compilingUntil(events, from));
            int total = 0;
            for (RecordedEvent e : events) {
                if (e.getStartTime().isBefore(from) || !e.getStartTime().isBefore(to)) continue;
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        String t = threadGroup(e.getThread("sampledThread").getJavaName());
                        samples.computeIfAbsent(t, k -> new TreeMap<>()).merge(area(e.getStackTrace()), 1, Integer::sum);
                        total++;
                    }
                    case "jdk.GarbageCollection" -> gc = gc.plus(e.getDuration());
                    default -> { }
                }
            }
            System.out.printf("%n%s -> %s: %.2f s wall; %d Java CPU samples; JIT compiling %.2f s (compiler threads);"
                            + " GC pauses %.2f s%n", names.get(p - 1), names.get(p),
                    Duration.between(from, to).toMillis() / 1000.0, total, jit.toMillis() / 1000.0, gc.toMillis() / 1000.0);
            int all = Math.max(total, 1);
            samples.entrySet().stream()
                    .sorted((a, b) -> Integer.compare(sum(b.getValue()), sum(a.getValue())))
                    .limit(8)
                    .forEach(t -> {
                        System.out.printf("  %-58s %4d%%  ", t.getKey(), 100 * sum(t.getValue()) / all);
                        t.getValue().entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(4)
                                .forEach(a -> System.out.printf("%s %d%%; ", a.getKey(), 100 * a.getValue() / sum(t.getValue())));
                        System.out.println();
                    });
        }
    }

    /** The JIT compilers' total time at the last statistics JFR took before {@code t} (once a second). */
    private static Duration compilingUntil(List<RecordedEvent> events, Instant t) {
        Duration latest = Duration.ZERO;
        Instant at = Instant.MIN;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("jdk.CompilerStatistics") && !e.getStartTime().isAfter(t)
                    && e.getStartTime().isAfter(at)) {
                at = e.getStartTime();
                latest = e.getDuration("totalTimeSpent");
            }
        }
        return latest;
    }

    private static int sum(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }
}
