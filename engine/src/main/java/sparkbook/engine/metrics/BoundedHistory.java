package sparkbook.engine.metrics;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/** A fixed-capacity ring of the latest items: adding beyond capacity forgets the oldest. Thread-safe. */
public final class BoundedHistory<T> {
    private final int capacity;
    private final ArrayDeque<T> items;

    public BoundedHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public synchronized void add(T item) {
        if (items.size() == capacity) {
            items.removeFirst();
        }
        items.addLast(item);
    }

    /** Oldest first; an immutable copy, safe to hand to another thread. */
    public synchronized List<T> snapshot() {
        return List.copyOf(items);
    }

    public synchronized Optional<T> latest() {
        return Optional.ofNullable(items.peekLast());
    }

    public synchronized int size() {
        return items.size();
    }

    public int capacity() {
        return capacity;
    }

    public synchronized void clear() {
        items.clear();
    }
}
