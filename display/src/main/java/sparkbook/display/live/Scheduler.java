package sparkbook.display.live;

/**
 * Time and delayed execution for {@link UpdateCoalescer}. Injectable so tests drive time by hand
 * ({@link ManualScheduler}) instead of sleeping; production uses {@link ThreadScheduler}.
 */
public interface Scheduler {
    long nowMillis();

    Task schedule(Runnable action, long delayMillis);

    /** A scheduled action that may be cancelled before it runs. */
    interface Task {
        void cancel();
    }
}
