package vn.dancham.citizen;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} events per key within a sliding {@code window}, in this node's memory. Enough for the
 * look-up page's guessing limits: a restart forgets them, but the guesses they stop (a receipt's 4 digits) need
 * thousands of tries, and the one-time codes, which cost SMS, are counted in the database instead.
 */
public final class Throttle {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> events = new ConcurrentHashMap<>();

    public Throttle(int limit, Duration window, Clock clock) {
        if (limit < 1 || !window.isPositive()) {
            throw new IllegalArgumentException("A throttle allows at least 1 event in a positive window");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts an event for {@code key}; false (and not counted) when the key is already at its limit. */
    public boolean tryAcquire(String key) {
        Instant now = clock.instant();
        Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            forgetOld(times, now);
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
        }
        sweepWhenLarge();
        return true;
    }

    /** True when {@code key} may not have another event now (nothing counted). */
    public boolean exhausted(String key) {
        Deque<Instant> times = events.get(key);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            forgetOld(times, clock.instant());
            return times.size() >= limit;
        }
    }

    /** Counts an event whatever the limit (a failure to remember). */
    public void record(String key) {
        Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            forgetOld(times, clock.instant());
            times.addLast(clock.instant());
        }
        sweepWhenLarge();
    }

    private void forgetOld(Deque<Instant> times, Instant now) {
        Instant from = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(from)) {
            times.removeFirst();
        }
    }

    /** Drops keys with nothing left in the window, so a scan from many addresses does not grow memory for ever. */
    private void sweepWhenLarge() {
        if (events.size() <= 100_000) {
            return;
        }
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Deque<Instant>>> it = events.entrySet().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next().getValue();
            synchronized (times) {
                forgetOld(times, now);
                if (times.isEmpty()) {
                    it.remove();
                }
            }
        }
    }
}
