package sparkbook.engine.testing;

import org.apache.spark.streaming.api.java.JavaDStream;
import scala.Tuple2;
import sparkbook.engine.TestSessions;
import sparkbook.engine.api.StreamingSession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints how long a 10-batch word-count check takes once the SparkContext is up (target: under 1 s).
 * Run after {@code mvn -o -q -pl engine test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt}:
 * {@code java <surefire argLine opens> -cp engine/target/classes:engine/target/test-classes:$(cat /tmp/cp.txt)
 * sparkbook.engine.testing.StreamCheckSpeed}
 */
public final class StreamCheckSpeed {
    private StreamCheckSpeed() {
    }

    public static void main(String[] args) {
        try (StreamingSession session = StreamingSession.open(TestSessions.local(2, Duration.ofSeconds(1)))) {
            StreamCheck streams = StreamCheck.on(session.sc()).withWorkDir(TestSessions.WORK_DIR);
            List<List<String>> input = new ArrayList<>();
            List<List<Tuple2<String, Integer>>> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                input.add(List.of("a b a", "c"));
                expected.add(List.of(new Tuple2<>("a", 2), new Tuple2<>("b", 1), new Tuple2<>("c", 1)));
            }
            for (int run = 1; run <= 5; run++) {
                long start = System.nanoTime();
                StreamCheckReport report = streams.check(input, StreamCheckSpeed::wordCount, expected).assertPassed();
                System.out.printf("run %d: 10-batch word-count check took %d ms (report says %d ms)%n",
                        run, (System.nanoTime() - start) / 1_000_000, report.elapsedMs());
            }
        }
    }

    static org.apache.spark.streaming.api.java.JavaPairDStream<String, Integer> wordCount(JavaDStream<String> lines) {
        return lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1))
                .reduceByKey(Integer::sum);
    }
}
