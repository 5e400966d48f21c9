package sparkbook.engine.metrics;

/** Cancels a registered callback. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
