package vn.dancham.bench.agi;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latency histograms (HdrHistogram, nanoseconds, 3 significant digits) and outcome counts of a load run.
 *
 * <p>Phases: {@link #startPhase} opens a window (e.g. the ramp, then the sustained hold) whose own statistics receive
 * everything recorded here from then on, so that a run's parts are measured separately; this object keeps the whole.
 * A call is counted in the phase in which it ends; a turnaround in the phase in which its command arrives.
 *
 * <p>Stalls are in the distribution: a wait that ended in the caller giving up ({@link #stalledWait}) or that was
 * still open when the run was cut ({@link #openWait}) is recorded at its length (so far), not left out.
 */
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
    private final LongAdder stalledWaits = new LongAdder();
    private final LongAdder openWaits = new LongAdder();
    private final LongAdder cutCalls = new LongAdder();
    private final java.util.concurrent.atomic.AtomicInteger minInFlight =
            new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);
    private final LongAdder inFlightSamples = new LongAdder();
    private final LongAdder inFlightSum = new LongAdder();
    private final java.util.concurrent.ConcurrentHashMap<String, Histogram> byStep =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile LoadStats phase;

    public LoadStats() {
        for (CallResult.Outcome o : CallResult.Outcome.values()) {
            outcomes.put(o, new LongAdder());
        }
    }

    void turnaroundNanos(long nanos) {
        turnaround.recordValue(Math.min(Math.max(0, nanos), HIGHEST));
        LoadStats p = phase;
        if (p != null) {
            p.turnaroundNanos(nanos);
        }
    }

    /**
     * A turnaround also recorded under the step it followed (see {@link SimulatedCall}: the scenario and the command
     * the caller had just replied to), so a report can say where the slow ones were. At most {@link #STEPS_KEPT}
     * steps are told apart; the rest go under "other".
     */
    void turnaroundNanos(long nanos, String step) {
        turnaroundNanos(nanos);
        recordStep(nanos, step);
    }

    private void recordStep(long nanos, String step) {
        String key = byStep.size() < STEPS_KEPT || byStep.containsKey(step) ? step : "other";
        byStep.computeIfAbsent(key, k -> new ConcurrentHistogram(HIGHEST, 3))
                .recordValue(Math.min(Math.max(0, nanos), HIGHEST));
        LoadStats p = phase;
        if (p != null) {
            p.recordStep(nanos, step);
        }
    }

    static final int STEPS_KEPT = 300;

    /** The turnarounds by the step they followed (only those recorded with a step). */
    public Map<String, Histogram> turnaroundByStep() {
        return Map.copyOf(byStep);
    }

    void firstCommandNanos(long nanos) {
        firstCommand.recordValue(Math.min(Math.max(0, nanos), HIGHEST));
        LoadStats p = phase;
        if (p != null) {
            p.firstCommandNanos(nanos);
        }
    }

    void connectNanos(long nanos) {
        connect.recordValue(Math.min(Math.max(0, nanos), HIGHEST));
        LoadStats p = phase;
        if (p != null) {
            p.connectNanos(nanos);
        }
    }

    void callStarted() {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        LoadStats p = phase;
        if (p != null) {
            p.peakInFlight.accumulateAndGet(now, Math::max);
        }
    }

    void callEnded() {
        inFlight.decrementAndGet();
    }

    /**
     * From now on, everything recorded here is also recorded in a new phase's statistics, which this returns (the
     * previous phase, if any, stops receiving).
     */
    public LoadStats startPhase() {
        LoadStats p = new LoadStats();
        p.peakInFlight.set(inFlight.get());
        phase = p;
        return p;
    }

    /** Stops recording into the current phase. */
    public void endPhase() {
        phase = null;
    }

    /** A look at the calls in progress (every ~100 ms by the driver), for the phase's minimum and mean. */
    void observeInFlight() {
        int now = inFlight.get();
        LoadStats p = phase;
        for (LoadStats s : p == null ? List.of(this) : List.of(this, p)) {
            s.minInFlight.accumulateAndGet(now, Math::min);
            s.inFlightSamples.increment();
            s.inFlightSum.add(now);
        }
    }

    /**
     * A wait for the server that ended with the caller giving up (the read timeout): recorded at its full length in
     * the histogram it belongs to, as any other wait.
     */
    void stalledWait(long nanos, boolean firstCommand) {
        if (firstCommand) {
            firstCommandNanos(nanos);
        } else {
            turnaroundNanos(nanos);
        }
        stalledWaits.increment();
        LoadStats p = phase;
        if (p != null) {
            p.stalledWaits.increment();
        }
    }

    /** A wait still open when the run was cut: recorded at its length so far (a lower bound). */
    void openWait(long nanos, boolean firstCommand) {
        if (firstCommand) {
            firstCommandNanos(nanos);
        } else {
            turnaroundNanos(nanos);
        }
        openWaits.increment();
        LoadStats p = phase;
        if (p != null) {
            p.openWaits.increment();
        }
    }

    /** A call ended by the cut at the end of a run (the caller hung up): neither OK nor failed. */
    void cut() {
        cutCalls.increment();
    }

    /** Calls in progress right now, as the load generator sees them. */
    public int inFlight() {
        return inFlight.get();
    }

    public int peakInFlight() {
        return peakInFlight.get();
    }

    public void add(CallResult result) {
        LoadStats p = phase;
        if (p != null) {
            p.add(result);
        }
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

    /** Waits that ended in the read timeout (each also a STALLED call), counted in the histograms. */
    public long stalledWaits() {
        return stalledWaits.sum();
    }

    /** Waits still open when the run was cut, counted in the histograms at their length so far. */
    public long openWaits() {
        return openWaits.sum();
    }

    /** Calls in progress when the run was cut (the caller hung up): not counted as OK or failed. */
    public long cutCalls() {
        return cutCalls.sum();
    }

    /** Fewest calls in progress seen by the driver's look every ~100 ms (-1 if it never looked). */
    public int minInFlight() {
        int m = minInFlight.get();
        return m == Integer.MAX_VALUE ? -1 : m;
    }

    /** Mean calls in progress over the driver's looks (NaN if it never looked). */
    public double meanInFlight() {
        long n = inFlightSamples.sum();
        return n == 0 ? Double.NaN : (double) inFlightSum.sum() / n;
    }

    /** The longest wait recorded (turnaround or first command), in milliseconds. */
    public double longestWaitMillis() {
        long max = Math.max(turnaround.getTotalCount() == 0 ? 0 : turnaround.getMaxValue(),
                firstCommand.getTotalCount() == 0 ? 0 : firstCommand.getMaxValue());
        return max / 1_000_000.0;
    }

    public static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1_000_000.0;
    }

    /**
     * Samples a percentile needs to mean something: at least two values above it (200 for p99, 2,000 for p99.9,
     * 4 for p50), else the "p99" is just the maximum of a few.
     */
    public static long samplesNeeded(double percentile) {
        return (long) Math.ceil(2 / (1 - percentile / 100.0) - 1e-9);
    }

    /** The percentile in milliseconds, or NaN when the histogram has fewer samples than it needs. */
    public static double millisIfEnough(Histogram h, double percentile) {
        return h.getTotalCount() < samplesNeeded(percentile) ? Double.NaN : millis(h, percentile);
    }

    /** "2.31 ms", or "n/a (n=57)" when there are too few samples for that percentile. */
    public static String percentileText(Histogram h, double percentile) {
        if (h.getTotalCount() < samplesNeeded(percentile)) {
            return "n/a (n=" + h.getTotalCount() + ")";
        }
        return vn.dancham.bench.report.Report.ms(millis(h, percentile));
    }

    /** A copy of a histogram that can receive others' values (to pool the runs of one side). */
    public static Histogram pooled(List<Histogram> histograms) {
        Histogram out = new Histogram(HIGHEST, 3);
        histograms.forEach(out::add);
        return out;
    }
}
