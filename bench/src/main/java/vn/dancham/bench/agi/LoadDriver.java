package vn.dancham.bench.agi;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs calls on {@code lines} concurrent virtual threads, each placing calls back to back (a closed system: a line
 * that finishes a call dials again), starting the lines evenly over the ramp, until the duration is over or the
 * call budget is spent. Every loop is bounded in count and time and stops by itself.
 */
public final class LoadDriver {

    private final InetSocketAddress server;
    private final Path recordingsRoot;
    private final int readTimeoutMillis;

    public LoadDriver(InetSocketAddress server, Path recordingsRoot, int readTimeoutMillis) {
        if (!server.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("Load goes to the loopback interface only, not " + server);
        }
        this.server = server;
        this.recordingsRoot = recordingsRoot;
        this.readTimeoutMillis = readTimeoutMillis;
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

    public Run run(int lines, Supplier<CallPlan> plans, Pacing pacing, Duration ramp, Duration duration,
                   long maxCalls) throws InterruptedException {
        return run(lines, plans, pacing, ramp, duration, maxCalls, new LoadStats());
    }

    /** As above, with the caller's statistics object, so that it can watch the run while it goes on. */
    public Run run(int lines, Supplier<CallPlan> plans, Pacing pacing, Duration ramp, Duration duration,
                   long maxCalls, LoadStats stats) throws InterruptedException {
        AtomicLong budget = new AtomicLong(maxCalls);
        long start = System.nanoTime();
        long deadline = start + ramp.toNanos() + duration.toNanos();
        List<Thread> threads = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            long startAt = start + (lines <= 1 ? 0 : ramp.toNanos() * i / lines);
            threads.add(Thread.ofVirtual().name("caller-" + i).start(() -> {
                try {
                    long wait = startAt - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                    while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                        stats.callStarted();
                        CallResult result;
                        try {
                            result = new SimulatedCall(server, plans.get(), pacing, stats, recordingsRoot,
                                    readTimeoutMillis, false).run();
                        } finally {
                            stats.callEnded();
                        }
                        stats.add(result);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        // A call in progress at the deadline finishes (bounded by the read timeout and the command cap).
        long hardStop = deadline + Duration.ofMillis(readTimeoutMillis).toNanos() * 4 + Duration.ofMinutes(2).toNanos();
        for (Thread t : threads) {
            long left = hardStop - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                t.interrupt();
            }
        }
        return new Run(lines, stats, Duration.ofNanos(System.nanoTime() - start));
    }

    /** One call, keeping the command lines the server sent (to give the bare baseline the same script). */
    public CallResult once(CallPlan plan) {
        return new SimulatedCall(server, plan, Pacing.NONE, new LoadStats(), recordingsRoot, readTimeoutMillis, true)
                .run();
    }
}
