package dev.sessiongan.generate;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.UserHistory;
import dev.sessiongan.data.UserSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A test generator: users of one event each (a purchase every seventh, else a view), generated ten at a time;
 * it records which threads reach each block of ten and how many users it made, fails at one index if asked
 * to, and takes its time if asked to.
 */
class ViewsGenerator implements SessionGenerator {
    final ConcurrentHashMap<Long, Set<Thread>> threadsByBlock = new ConcurrentHashMap<>();
    final AtomicLong generated = new AtomicLong();
    private final long failAt;
    private final long sleepMillis;

    ViewsGenerator() {
        this(-1, 0);
    }

    /** @param sleepMillis how long each user takes */
    ViewsGenerator(long failAt, long sleepMillis) {
        this.failAt = failAt;
        this.sleepMillis = sleepMillis;
    }

    @Override
    public String kind() {
        return "views";
    }

    @Override
    public int usersGeneratedTogether() {
        return 10;
    }

    @Override
    public VirtualUser user(long index, GenerationRequest request) {
        if (index == failAt) {
            throw new InvalidInputException("user " + index + " cannot be generated");
        }
        if (sleepMillis > 0) {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // as a generator that does not look: the flag stays set
            }
        }
        generated.incrementAndGet();
        threadsByBlock.computeIfAbsent(index / 10, k -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread());
        String id = SessionGenerator.userId(index);
        EventType type = index % 7 == 3 ? EventType.PURCHASE : EventType.VIEW;
        Instant time = Instant.ofEpochSecond(request.seed() + index);
        ClickEvent event = new ClickEvent(time, type, "i", null, null, Map.of());
        return VirtualUser.of(new UserHistory(id, List.of(new UserSession(id + "-s1", id, List.of(event)))));
    }

    /** The names of every thread that generated a user. */
    Set<String> threadNames() {
        return threadsByBlock.values().stream().flatMap(Set::stream).map(Thread::getName).collect(Collectors.toSet());
    }
}
