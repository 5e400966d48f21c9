package sparkbook.display.live;

/**
 * Counters for one live display.
 *
 * @param emitted bundles sent to the sink (show + update)
 * @param coalesced offers that were superseded before being rendered
 * @param bytes total serialized size sent
 * @param trimmed bundles that were over {@link CoalescerSettings#maxBundleBytes} and lost their charts
 */
public record LiveStats(long emitted, long coalesced, long bytes, long trimmed) {}
