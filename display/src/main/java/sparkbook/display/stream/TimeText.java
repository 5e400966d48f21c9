package sparkbook.display.stream;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Human text for batch times and durations. */
public final class TimeText {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private TimeText() {}

    /** Wall-clock time of a batch; milliseconds only when batches are sub-second. */
    public static String batchTime(long epochMs, long batchIntervalMs) {
        var time = Instant.ofEpochMilli(epochMs).atZone(ZoneId.systemDefault());
        return (batchIntervalMs % 1000 == 0 ? SECONDS : MILLIS).format(time);
    }

    /** An event time as Structured Streaming reports watermarks: "2026-01-01 12:00:21 UTC". */
    public static String utc(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString().replace("T", " ").replace(".000Z", "Z").replace("Z", " UTC");
    }

    /** An event-time window, times of day in UTC: "12:00:10–12:00:20". */
    public static String utcSpan(long startMs, long endMs) {
        return SECONDS.format(Instant.ofEpochMilli(startMs).atZone(java.time.ZoneOffset.UTC)) + "–"
                + SECONDS.format(Instant.ofEpochMilli(endMs).atZone(java.time.ZoneOffset.UTC));
    }

    /** "850 ms", "1 s", "1.5 s", "2 min". */
    public static String duration(long ms) {
        if (ms < 1000) return ms + " ms";
        if (ms % 60_000 == 0) return (ms / 60_000) + " min";
        if (ms % 1000 == 0) return (ms / 1000) + " s";
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 record", "1,204 records". */
    public static String records(long n) {
        return count(n) + (n == 1 ? " record" : " records");
    }
}
