package dev.sessiongan.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps its {@code capacity} most recently reached entries and drops the rest. Not thread-safe. */
final class RecentlyUsed<K, V> extends LinkedHashMap<K, V> {
    private final int capacity;

    RecentlyUsed(int capacity) {
        super(16, 0.75f, true);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
