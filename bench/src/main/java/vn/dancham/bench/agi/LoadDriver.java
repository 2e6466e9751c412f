package vn.dancham.bench.agi;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs calls on {@code lines} concurrent virtual threads, each placing calls back to back (a closed system: a line
 * that finishes a call dials again), starting the lines evenly over the ramp, until the duration is over or the
 * call budget is spent. Every loop is bounded in count and time and stops by itself.
 *
 * <p>The driver owns the measurement rules, whatever emulates the caller: a stalled call's wait (the read timeout)
 * goes into the distribution at its full length; in {@link #hold} the ramp and the sustained hold are measured apart,
 * and waits still open when the hold is cut are counted at their length so far; the first wait that passes
 * {@code stallAlarm} is reported to a listener (for a thread dump of the server at that moment).
 */
public final class LoadDriver {

    private final InetSocketAddress server;
    private final Path recordingsRoot;
    private final int readTimeoutMillis;
    private volatile Duration stallAlarm;
    private volatile Consumer<String> onStall = s -> { };

    public LoadDriver(InetSocketAddress server, Path recordingsRoot, int readTimeoutMillis) {
        if (!server.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("Load goes to the loopback interface only, not " + server);
        }
        this.server = server;
        this.recordingsRoot = recordingsRoot;
        this.readTimeoutMillis = readTimeoutMillis;
        this.stallAlarm = Duration.ofMillis(readTimeoutMillis / 3);
    }

    /**
     * Calls {@code listener} (at most once per run, on the driver's watcher thread) when a call has waited
     * {@code after} for the server's next command, or stalled (read timeout) before anyone saw it wait that long.
     */
    public LoadDriver onStall(Duration after, Consumer<String> listener) {
        this.stallAlarm = after;
        this.onStall = listener;
        return this;
    }

    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** The result of one run: what happened and how long the measured part took. */
    public record Run(int lines, LoadStats stats, Duration elapsed) {
        public double callsPerSecond() {
            return stats.calls() / (elapsed.toNanos() / 1e9);
        }

        public double okCallsPerSecond() {
            return stats.okCalls() / (elapsed.toNanos() / 1e9);
        }

        public double commandsPerSecond() {
            return stats.commands() / (elapsed.toNanos() / 1e9);
        }
    }

    /**
     * A ramp then a sustained hold, measured apart.
     *
     * @param ramp  calls that ended and commands that arrived while the lines were being started
     * @param hold  the same for the hold, when every line was up, including the waits still open at its end
     * @param whole everything, including what happened after the cut (calls ended by it are counted apart)
     */
    public record Held(int lines, Run ramp, Run hold, LoadStats whole) {
    }

    public Run run(int lines, Supplier<CallPlan> plans, Pacing pacing, Duration ramp, Duration duration,
                   long maxCalls) throws InterruptedException {
        return run(lines, plans, pacing, ramp, duration, maxCalls, new LoadStats());
    }

    /**
     * As above, with the caller's statistics object, so that it can watch the run while it goes on. Calls in
     * progress at the deadline finish (bounded by the read timeout and the command cap) and are counted.
     */
    public Run run(int lines, Supplier<CallPlan> plans, Pacing pacing, Duration ramp, Duration duration,
                   long maxCalls, LoadStats stats) throws InterruptedException {
        long start = System.nanoTime();
        drive(lines, plans, pacing, ramp, duration, maxCalls, stats, null, null);
        return new Run(lines, stats, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * {@code lines} lines started evenly over {@code ramp}, then held for {@code hold} (a line whose call ends dials
     * again), then cut: the calls still in progress are hung up by the caller (counted as cut, neither OK nor
     * failed) and their open waits recorded at their length so far. {@code onPhase} is told "hold" when the hold
     * starts and "cut" when it ends, on the driver's thread (to read CPU clocks at those moments).
     */
    public Held hold(int lines, Supplier<CallPlan> plans, Pacing pacing, Duration ramp, Duration hold,
                     Consumer<String> onPhase) throws InterruptedException {
        LoadStats whole = new LoadStats();
        Run[] parts = new Run[2];
        drive(lines, plans, pacing, ramp, hold, Long.MAX_VALUE, whole, onPhase, parts);
        return new Held(lines, parts[0], parts[1], whole);
    }

    /** One call, keeping the command lines the server sent (to give the bare baseline the same script). */
    public CallResult once(CallPlan plan) {
        return new SimulatedCall(server, plan, Pacing.NONE, new LoadStats(), recordingsRoot, readTimeoutMillis, true)
                .run();
    }

    private void drive(int lines, Supplier<CallPlan> plans, Pacing pacing, Duration ramp, Duration duration,
                       long maxCalls, LoadStats stats, Consumer<String> onPhase, Run[] parts)
            throws InterruptedException {
        boolean phased = parts != null;
        AtomicLong budget = new AtomicLong(maxCalls);
        AtomicBoolean cutting = new AtomicBoolean();
        AtomicBoolean alarmed = new AtomicBoolean();
        Map<Thread, SimulatedCall> inProgress = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long rampEnd = start + ramp.toNanos();
        long deadline = rampEnd + duration.toNanos();
        long readTimeoutNanos = Duration.ofMillis(readTimeoutMillis).toNanos();
        LoadStats rampStats = phased ? stats.startPhase() : null;
        List<Thread> threads = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            long startAt = start + (lines <= 1 ? 0 : ramp.toNanos() * i / lines);
            threads.add(Thread.ofVirtual().name("caller-" + i).start(() -> {
                try {
                    long wait = startAt - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                    while (System.nanoTime() < deadline && !cutting.get() && budget.getAndDecrement() > 0) {
                        SimulatedCall call = new SimulatedCall(server, plans.get(), pacing, stats, recordingsRoot,
                                readTimeoutMillis, false);
                        stats.callStarted();
                        inProgress.put(Thread.currentThread(), call);
                        CallResult result;
                        try {
                            result = call.run();
                        } finally {
                            inProgress.remove(Thread.currentThread());
                            stats.callEnded();
                        }
                        if (cutting.get()) {
                            stats.cut();
                            break;
                        }
                        if (result.outcome() == CallResult.Outcome.STALLED) {
                            // The caller waited the whole read timeout (at least): that wait is in the histogram.
                            long since = call.awaitingServerSince();
                            long waited = since > 0 ? System.nanoTime() - since : readTimeoutNanos;
                            stats.stalledWait(Math.max(waited, readTimeoutNanos), result.commands() == 0);
                            if (alarmed.compareAndSet(false, true)) {
                                onStall.accept(result.scenario() + " call stalled: " + result.detail());
                            }
                        }
                        stats.add(result);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        // The watcher: calls in progress every 100 ms, the first long wait, the phase boundaries.
        long alarmNanos = stallAlarm.toNanos();
        boolean holdStarted = false;
        LoadStats holdStats = null;
        long holdStartNanos = 0;
        while (System.nanoTime() < deadline && threads.stream().anyMatch(Thread::isAlive)) {
            long now = System.nanoTime();
            if (phased && !holdStarted && now >= rampEnd) {
                holdStarted = true;
                parts[0] = new Run(lines, rampStats, Duration.ofNanos(now - start));
                holdStats = stats.startPhase();
                holdStartNanos = now;
                if (onPhase != null) {
                    onPhase.accept("hold");
                }
            }
            stats.observeInFlight();
            if (!alarmed.get()) {
                for (SimulatedCall c : inProgress.values()) {
                    long since = c.awaitingServerSince();
                    if (since > 0 && now - since >= alarmNanos && alarmed.compareAndSet(false, true)) {
                        onStall.accept("a call has waited " + (now - since) / 1_000_000 + " ms for the server's next "
                                + (c.awaitingFirstCommand() ? "(first) " : "") + "command");
                        break;
                    }
                }
            }
            Thread.sleep(Math.max(1, Math.min(100, (deadline - now) / 1_000_000)));
        }
        if (phased) {
            long now = System.nanoTime();
            if (!holdStarted) {
                parts[0] = new Run(lines, rampStats, Duration.ofNanos(now - start));
                holdStats = stats.startPhase();
                holdStartNanos = now;
            }
            // The cut: open waits go into the hold at their length so far, then the callers hang up.
            cutting.set(true);
            for (SimulatedCall c : inProgress.values()) {
                long since = c.awaitingServerSince();
                if (since > 0) {
                    stats.openWait(now - since, c.awaitingFirstCommand());
                }
            }
            stats.endPhase();
            parts[1] = new Run(lines, holdStats, Duration.ofNanos(now - holdStartNanos));
            if (onPhase != null) {
                onPhase.accept("cut");
            }
            // A virtual thread blocked on a socket is released by an interrupt (the socket is closed).
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(10));
            }
            return;
        }
        // A call in progress at the deadline finishes (bounded by the read timeout and the command cap).
        long hardStop = deadline + readTimeoutNanos * 4 + Duration.ofMinutes(2).toNanos();
        for (Thread t : threads) {
            long left = hardStop - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                t.interrupt();
            }
        }
    }
}
