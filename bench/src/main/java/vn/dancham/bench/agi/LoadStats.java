package vn.dancham.bench.agi;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Latency histograms (HdrHistogram, nanoseconds, 3 significant digits) and outcome counts of a load run. */
public final class LoadStats {

    private static final long HIGHEST = 120_000_000_000L;

    private final Histogram turnaround = new ConcurrentHistogram(HIGHEST, 3);
    private final Histogram firstCommand = new ConcurrentHistogram(HIGHEST, 3);
    private final Histogram connect = new ConcurrentHistogram(HIGHEST, 3);
    private final Histogram callDuration = new ConcurrentHistogram(HIGHEST, 3);
    private final Map<CallResult.Outcome, LongAdder> outcomes = new EnumMap<>(CallResult.Outcome.class);
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder commands = new LongAdder();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger peakInFlight = new java.util.concurrent.atomic.AtomicInteger();

    public LoadStats() {
        for (CallResult.Outcome o : CallResult.Outcome.values()) {
            outcomes.put(o, new LongAdder());
        }
    }

    void turnaroundNanos(long nanos) {
        turnaround.recordValue(Math.min(nanos, HIGHEST));
    }

    void firstCommandNanos(long nanos) {
        firstCommand.recordValue(Math.min(nanos, HIGHEST));
    }

    void connectNanos(long nanos) {
        connect.recordValue(Math.min(nanos, HIGHEST));
    }

    void callStarted() {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void callEnded() {
        inFlight.decrementAndGet();
    }

    /** Calls in progress right now, as the load generator sees them. */
    public int inFlight() {
        return inFlight.get();
    }

    public int peakInFlight() {
        return peakInFlight.get();
    }

    public void add(CallResult result) {
        outcomes.get(result.outcome()).increment();
        commands.add(result.commands());
        callDuration.recordValue(Math.min(result.durationNanos(), HIGHEST));
        if (!result.ok() && failureSamples.size() < 8) {
            failureSamples.add(result.scenario() + ": " + result.outcome() + " — " + result.detail());
        }
    }

    public Histogram turnaround() {
        return turnaround;
    }

    public Histogram firstCommand() {
        return firstCommand;
    }

    public Histogram connect() {
        return connect;
    }

    public Histogram callDuration() {
        return callDuration;
    }

    public long count(CallResult.Outcome outcome) {
        return outcomes.get(outcome).sum();
    }

    public long calls() {
        return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long okCalls() {
        return count(CallResult.Outcome.OK);
    }

    public long failedCalls() {
        return calls() - okCalls();
    }

    public long commands() {
        return commands.sum();
    }

    public List<String> failureSamples() {
        synchronized (failureSamples) {
            return List.copyOf(failureSamples);
        }
    }

    /** Failed outcomes and their counts, e.g. "REFUSED 12, STALLED 3", or "none". */
    public String failureSummary() {
        StringBuilder s = new StringBuilder();
        for (var e : outcomes.entrySet()) {
            long n = e.getValue().sum();
            if (e.getKey() != CallResult.Outcome.OK && n > 0) {
                s.append(s.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(n);
            }
        }
        return s.isEmpty() ? "none" : s.toString();
    }

    public static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1_000_000.0;
    }
}
