package sparkbook.display.live;

/**
 * A rate budget that may go into debt: a message is allowed whenever the balance is not negative,
 * and its real cost is charged afterwards. That lets us render only at emit time (size unknown
 * until then) while still bounding the average rate to {@code rate + burst / window}.
 */
final class TokenBucket {
    private final double ratePerMilli;
    private final double burst;
    private double balance;
    private long updatedAt;

    TokenBucket(double ratePerSecond, double burst, long now) {
        if (ratePerSecond <= 0) throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.balance = burst;
        this.updatedAt = now;
    }

    /** Milliseconds until the balance is no longer negative; 0 if spending is allowed now. */
    synchronized long delayMillis(long now) {
        refill(now);
        return balance >= 0 ? 0 : (long) Math.ceil(-balance / ratePerMilli);
    }

    synchronized void charge(double amount, long now) {
        refill(now);
        balance -= amount;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            balance = Math.min(burst, balance + (now - updatedAt) * ratePerMilli);
            updatedAt = now;
        }
    }
}
