package sparkbook.display.live;

/**
 * Limits for live updates. The defaults keep 10 live displays on 100 ms batches well inside classic
 * Notebook's iopub limits (1000 msg/s and 1 MB/s averaged over 3 s):
 * 10 x 4 updates/s = 40 msg/s (global cap 50), and bytes average at most
 * {@code bytesPerSecond + burstBytes / 3} = 533 kB/s over any 3 s window.
 *
 * @param updatesPerSecond default per-display update rate (each display may override)
 * @param messagesPerSecond global cap on update messages across all displays
 * @param bytesPerSecond global byte budget; updates are delayed (never dropped) when it is spent
 * @param burstBytes how far the byte budget may run ahead of the average
 * @param maxBundleBytes a single bundle above this keeps only its text parts (charts dropped)
 */
public record CoalescerSettings(double updatesPerSecond, double messagesPerSecond, long bytesPerSecond,
                                long burstBytes, int maxBundleBytes) {
    public CoalescerSettings {
        if (updatesPerSecond <= 0 || messagesPerSecond <= 0 || bytesPerSecond <= 0 || maxBundleBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static CoalescerSettings defaults() {
        return new CoalescerSettings(4, 50, 400_000, 400_000, 250_000);
    }

    public CoalescerSettings withUpdatesPerSecond(double perSecond) {
        return new CoalescerSettings(perSecond, messagesPerSecond, bytesPerSecond, burstBytes, maxBundleBytes);
    }

    public CoalescerSettings withBytesPerSecond(long perSecond, long burst) {
        return new CoalescerSettings(updatesPerSecond, messagesPerSecond, perSecond, burst, maxBundleBytes);
    }

    public CoalescerSettings withMaxBundleBytes(int bytes) {
        return new CoalescerSettings(updatesPerSecond, messagesPerSecond, bytesPerSecond, burstBytes, bytes);
    }
}
