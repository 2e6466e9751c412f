package vn.dancham.bench;

import org.HdrHistogram.Histogram;
import vn.dancham.bench.agi.AbSchedule;
import vn.dancham.bench.agi.CallPlan;
import vn.dancham.bench.agi.CallResult;
import vn.dancham.bench.agi.LoadDriver;
import vn.dancham.bench.agi.LoadStats;
import vn.dancham.bench.agi.Pacing;
import vn.dancham.bench.sys.AppLogEvents;
import vn.dancham.bench.sys.Cpu;
import vn.dancham.bench.sys.GcPauses;
import vn.dancham.bench.sys.Machine;
import vn.dancham.bench.sys.Pinning;
import vn.dancham.bench.sys.PostgresRoles;
import vn.dancham.bench.sys.ProcessSampler;
import vn.dancham.bench.sys.RareJobs;
import vn.dancham.bench.sys.ThreadDumps;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static vn.dancham.bench.report.Report.fmt;
import static vn.dancham.bench.report.Report.ms;
import static vn.dancham.bench.report.Report.ratio;

/**
 * Runs a FastAGI server against a baseline the honest way: A/B interleaved (baseline, candidate, baseline…), each run
 * with the CPU of the generator, the server and its PostgreSQL and everyone else read from /proc, the server left to
 * go idle before the next run starts (its catch-up work counted as its own), a thread dump at its first stall.
 * Used by the fastagi benchmark (bare server vs hotline) and by the self-test (bare vs bare).
 */
final class AgiComparison {

    /** A generator using this share of its core (or more) is the limit of the run, not the server. */
    static final double GENERATOR_LIMIT_PERCENT = 90;

    /**
     * A server under test.
     *
     * @param postgres its PostgreSQL's processes, or null (the bare server has none)
     * @param jdbcUrl  its database, or null
     * @param gcLog    its JVM's GC log ({@link GcPauses#option}), or null
     * @param appLog   the application's own log ({@link AppLogEvents}), or null (the bare server)
     */
    record Server(String name, LoadDriver driver, Supplier<CallPlan> plans, long pid,
                  Supplier<List<Long>> postgres, ProcessSampler sampler, String jdbcUrl, Path gcLog, Path appLog) {
    }

    /**
     * One run of one side with no think time.
     *
     * @param postgresByRole its PostgreSQL's CPU (nanoseconds, the catch-up after the run included) by whose work it
     *                       was ({@link PostgresRoles}), empty for a server without a database
     * @param answersWaiting rating answers kept and not yet applied when the run ended (-1: no database)
     * @param rareJobs       the server's rare scheduled jobs that fired in the run or just before it ({@link RareJobs})
     * @param gc             its JVM's GC pauses during the run, or null when they cannot be read
     * @param appEvents      what the application's log says of its database path in the run ({@link AppLogEvents})
     */
    record Measured(Server side, int order, LoadDriver.Run run, Cpu.Usage cpu, Cpu.Usage withSettle,
                    ProcessSampler.Sample peak, double load, Map<String, Long> postgresByRole, long answersWaiting,
                    List<String> rareJobs, GcPauses.Summary gc, List<String> appEvents) {

        /** Server CPU (with its database) per completed call, in ms, the catch-up after the run included. */
        double serverCpuMillisPerCall() {
            return run.stats().okCalls() == 0 ? Double.NaN
                    : withSettle.serverSideNanos() / 1e6 / run.stats().okCalls();
        }
    }

    /**
     * One ramp + hold of one side; {@code rareJobs} as in {@link Measured}, {@code gc} the pauses in the hold,
     * {@code appEvents} as in {@link Measured}, in the ramp and the hold.
     */
    record HeldRun(Server side, int order, LoadDriver.Held held, Cpu.Usage holdCpu, ProcessSampler.Sample peak,
                   long serverInProgress, double load, List<String> rareJobs, GcPauses.Summary gc,
                   List<String> appEvents) {
    }

    private final Pinning pinning;
    private final ThreadDumps dumps;
    private final long generator = Cpu.self();

    AgiComparison(Pinning pinning, ThreadDumps dumps) {
        this.pinning = pinning;
        this.dumps = dumps;
    }

    /** Sets the server's driver to dump its threads at its first stall (once per process). */
    void dumpOnStall(Server s, String label) {
        s.driver().onStall(Duration.ofMillis(s.driver().readTimeoutMillis() / 3),
                why -> dumps.once(s.pid(), s.name() + "-" + label, s.name() + ": " + why));
    }

    /** The schedule's runs with no think time, {@code lines} lines each, for {@code measure} each. */
    List<Measured> noThink(Server baseline, Server candidate, int lines, int pairs, Duration measure)
            throws InterruptedException {
        List<Measured> out = new ArrayList<>();
        Map<Server, PostgresRoles> roles = new HashMap<>();
        for (Server s : List.of(baseline, candidate)) {
            if (s.jdbcUrl() != null && s.postgres() != null) {
                roles.put(s, new PostgresRoles(s.jdbcUrl(), s.postgres()));
            }
        }
        try {
            for (AbSchedule.Slot slot : AbSchedule.interleaved(pairs)) {
                Server s = slot.baseline() ? baseline : candidate;
                // The other side's writer catching up would run on this side's core (both servers are pinned to
                // the same one) and show as others' CPU: 10.7 % of a core in a bare run of 2026-12-04-2232.
                for (var other : roles.entrySet()) {
                    if (other.getKey() != s) {
                        drain(other.getValue(), DRAIN_MAX);
                    }
                }
                out.add(noThinkRun(s, slot.order(), lines, measure, roles.get(s)));
            }
        } finally {
            roles.values().forEach(PostgresRoles::close);
        }
        return out;
    }

    private Measured noThinkRun(Server s, int order, int lines, Duration measure, PostgresRoles roles)
            throws InterruptedException {
        dumpOnStall(s, lines + "-lines-no-think");
        // A run starts with no answers of an earlier run (or of the warm-up) waiting to be applied: their writing
        // would be charged to this run. Until 2026-12-04 a run found thousands (the 8-line runs ended with
        // 2,400-5,000 waiting), and the hotline's runs at the same code cost 1.60-2.98 ms per call.
        long leftBefore = drain(roles, DRAIN_MAX);
        s.sampler().resetPeak();
        PostgresRoles.Snapshot p0 = roles == null ? null : roles.read();
        Instant started = Instant.now();
        Cpu.Reading r0 = read(s);
        LoadDriver.Run run = s.driver().run(lines, s.plans(), Pacing.NONE, Duration.ZERO, measure, Long.MAX_VALUE);
        Instant ended = Instant.now();
        Cpu.Reading r1 = read(s);
        long waiting = roles == null ? -1 : roles.answersWaiting();
        // ... and is charged all of its own: the CPU is read once the answers it left are applied, not when the
        // server first looks idle (the writer works in bursts, and went on into the next run).
        long leftAfter = drain(roles, DRAIN_MAX);
        Cpu.Reading r2 = settle(s, Duration.ofSeconds(20));
        if (leftBefore > 0 || leftAfter > 0) {
            System.err.println("  #" + order + " " + s.name() + ": answers still waiting after " + DRAIN_MAX.toSeconds()
                    + " s: " + leftBefore + " before the run, " + leftAfter + " after it");
        }
        Map<String, Long> byRole = roles == null ? Map.of() : roles.read().since(p0);
        Measured m = new Measured(s, order, run, r1.since(r0), r2.since(r0), s.sampler().resetPeak(),
                Machine.loadAverageNow(), byRole, waiting, rareJobs(s, started),
                GcPauses.between(s.gcLog(), started, ended), AppLogEvents.between(s.appLog(), started, ended));
        System.err.println("  #" + order + " " + s.name() + " " + lines + " lines: "
                + fmt(run.okCallsPerSecond()) + " calls/s, p99 "
                + LoadStats.percentileText(run.stats().turnaround(), 99));
        return m;
    }

    /** The schedule's ramp + hold runs at one level. */
    List<HeldRun> held(Server baseline, Server candidate, int level, int pairs, Pacing pacing, Duration ramp,
                       Duration hold) throws InterruptedException {
        List<HeldRun> out = new ArrayList<>();
        for (AbSchedule.Slot slot : AbSchedule.interleaved(pairs)) {
            Server s = slot.baseline() ? baseline : candidate;
            dumpOnStall(s, Integer.toString(level));
            s.sampler().resetPeak();
            long[] inProgress = {-1};
            Instant started = Instant.now();
            Thread watcher = s.jdbcUrl() == null ? null : Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(ramp.plus(hold.multipliedBy(3).dividedBy(4)));
                    inProgress[0] = serverCallsInProgress(s.jdbcUrl());
                } catch (Exception e) {
                    // the figure stays "–"
                }
            });
            Cpu.Reading[] at = new Cpu.Reading[2];
            Instant[] holdWindow = new Instant[2];
            LoadDriver.Held h = s.driver().hold(level, s.plans(), pacing, ramp, hold, phase -> {
                int i = phase.equals("hold") ? 0 : 1;
                at[i] = read(s);
                holdWindow[i] = Instant.now();
            });
            if (watcher != null) {
                watcher.join(Duration.ofSeconds(10));
            }
            settle(s, Duration.ofSeconds(30));
            Cpu.Usage holdCpu = at[0] != null && at[1] != null ? at[1].since(at[0]) : null;
            out.add(new HeldRun(s, slot.order(), h, holdCpu, s.sampler().resetPeak(), inProgress[0],
                    Machine.loadAverageNow(), rareJobs(s, started), holdWindow[0] == null || holdWindow[1] == null ? null
                    : GcPauses.between(s.gcLog(), holdWindow[0], holdWindow[1]),
                    AppLogEvents.between(s.appLog(), started, holdWindow[1] == null ? Instant.now() : holdWindow[1])));
            LoadStats hs = h.hold().stats();
            System.err.println("  #" + slot.order() + " " + s.name() + " " + level + " lines: hold "
                    + hs.okCalls() + "/" + hs.calls() + " ok, failures " + hs.failureSummary() + ", p99 "
                    + LoadStats.percentileText(hs.turnaround(), 99) + ", in progress min " + hs.minInFlight());
        }
        return out;
    }

    /** The server's rare jobs that fired from {@link RareJobs#LEAD} before {@code started} until now. */
    static List<String> rareJobs(Server s, Instant started) {
        return s.jdbcUrl() == null ? List.of()
                : RareJobs.firedBetween(s.jdbcUrl(), started.minus(RareJobs.LEAD), Instant.now());
    }

    /** The "limit" column: what limited the run, the rare jobs that ran in it, and its database path's events. */
    String limitNote(Cpu.Usage u, List<String> rareJobs, List<String> appEvents) {
        List<String> notes = new ArrayList<>();
        String generator = generatorNote(u);
        if (!generator.isEmpty()) {
            notes.add(generator);
        }
        if (!rareJobs.isEmpty()) {
            notes.add("the server's rare jobs ran: " + String.join(", ", rareJobs));
        }
        notes.addAll(appEvents);
        return String.join("; ", notes);
    }

    Cpu.Reading read(Server s) {
        return Cpu.read(generator, s.pid(), s.postgres());
    }

    /** Longest wait for the rating writer to apply the answers waiting, before and after a no-think run. */
    static final Duration DRAIN_MAX = Duration.ofSeconds(120);

    /**
     * Waits until the server's rating writer has applied every answer waiting, at most {@code max}; returns how many
     * were still waiting then (0: drained; 0 at once for a server without a database).
     */
    static long drain(PostgresRoles roles, Duration max) throws InterruptedException {
        if (roles == null) {
            return 0;
        }
        long deadline = System.nanoTime() + max.toNanos();
        long waiting = roles.answersWaiting();
        while (waiting > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            waiting = roles.answersWaiting();
        }
        return Math.max(waiting, 0);
    }

    /**
     * Waits until the server (and its PostgreSQL) use less than 10 % of a core over two looks of 250 ms, at most
     * {@code max}: the next run must not pay for this one's catch-up (an answer inbox being applied, hang-ups).
     */
    Cpu.Reading settle(Server s, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Cpu.Reading last = read(s);
        int quiet = 0;
        while (System.nanoTime() < deadline && quiet < 2) {
            Thread.sleep(250);
            Cpu.Reading now = read(s);
            Cpu.Usage u = now.since(last);
            quiet = u.percentOfCore(u.serverSideNanos()) < 10 ? quiet + 1 : 0;
            last = now;
        }
        return last;
    }

    /** Calls the server's database holds as in progress now. */
    static long serverCallsInProgress(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM hotline_call WHERE outcome = 'IN_PROGRESS'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // Figures over the runs of one side.

    static List<Measured> of(List<Measured> runs, Server side) {
        return runs.stream().filter(m -> m.side() == side).toList();
    }

    static List<HeldRun> heldOf(List<HeldRun> runs, Server side) {
        return runs.stream().filter(m -> m.side() == side).toList();
    }

    static double okCallsPerSecond(List<Measured> runs) {
        long calls = runs.stream().mapToLong(m -> m.run().stats().okCalls()).sum();
        long nanos = runs.stream().mapToLong(m -> m.run().elapsed().toNanos()).sum();
        return nanos == 0 ? Double.NaN : calls / (nanos / 1e9);
    }

    static double commandsPerSecond(List<Measured> runs) {
        long commands = runs.stream().mapToLong(m -> m.run().stats().commands()).sum();
        long nanos = runs.stream().mapToLong(m -> m.run().elapsed().toNanos()).sum();
        return nanos == 0 ? Double.NaN : commands / (nanos / 1e9);
    }

    static double commandsPerCall(List<Measured> runs) {
        long commands = runs.stream().mapToLong(m -> m.run().stats().commands()).sum();
        long calls = runs.stream().mapToLong(m -> m.run().stats().calls()).sum();
        return calls == 0 ? Double.NaN : (double) commands / calls;
    }

    static Histogram pooled(List<Measured> runs, Function<LoadStats, Histogram> which) {
        return LoadStats.pooled(runs.stream().map(m -> which.apply(m.run().stats())).toList());
    }

    static Histogram pooledHold(List<HeldRun> runs, Function<LoadStats, Histogram> which) {
        return LoadStats.pooled(runs.stream().map(m -> which.apply(m.held().hold().stats())).toList());
    }

    static Histogram pooledRamp(List<HeldRun> runs, Function<LoadStats, Histogram> which) {
        return LoadStats.pooled(runs.stream().map(m -> which.apply(m.held().ramp().stats())).toList());
    }

    /** Server CPU per completed call over the side's runs, in ms, with the catch-up after each run. */
    static double serverCpuPerCall(List<Measured> runs, Function<Cpu.Usage, Long> which) {
        long calls = runs.stream().mapToLong(m -> m.run().stats().okCalls()).sum();
        long nanos = runs.stream().mapToLong(m -> which.apply(m.withSettle())).sum();
        return calls == 0 ? Double.NaN : nanos / 1e6 / calls;
    }

    /** "a – b" over the runs (lowest to highest), or the one figure. */
    static String spread(List<Double> values, Function<Double, String> format) {
        List<Double> v = values.stream().filter(d -> !Double.isNaN(d)).sorted().toList();
        if (v.isEmpty()) {
            return "–";
        }
        if (v.size() == 1) {
            return format.apply(v.getFirst()) + " (1 run)";
        }
        double lo = v.getFirst();
        double hi = v.getLast();
        double mid = v.get(v.size() / 2);
        String pct = mid == 0 ? "" : String.format(java.util.Locale.ROOT, ", ±%.0f %%", 50 * (hi - lo) / mid);
        return format.apply(lo) + " – " + format.apply(hi) + pct;
    }

    static String p(Histogram h, double percentile) {
        return LoadStats.percentileText(h, percentile);
    }

    static String pRatio(Histogram ours, Histogram base, double percentile) {
        return ratio(LoadStats.millisIfEnough(ours, percentile), LoadStats.millisIfEnough(base, percentile));
    }

    /**
     * What limited a run, if not the server: the generator at ≥ 90 % of its core, or (pinned) its core saturated by
     * other users' work. Empty when neither.
     */
    String generatorNote(Cpu.Usage u) {
        if (u == null) {
            return "";
        }
        double gen = u.percentOfCore(u.generatorNanos());
        if (gen >= GENERATOR_LIMIT_PERCENT) {
            return "generator-bound (" + fmt(gen) + " % of its core)";
        }
        if (pinning.on()) {
            double core = u.coreBusyPercent(pinning.generatorCore());
            if (core >= GENERATOR_LIMIT_PERCENT) {
                return "generator's core saturated (" + fmt(core) + " % busy, generator " + fmt(gen) + " %)";
            }
        }
        return "";
    }

    /** How busy the server's core was (all processes), or "–" when not pinned. */
    String serverCoreBusy(Cpu.Usage u) {
        return u == null || !pinning.on() ? "–" : fmt(u.coreBusyPercent(pinning.serverCore())) + " %";
    }

    String generatorCoreBusy(Cpu.Usage u) {
        return u == null || !pinning.on() ? "–" : fmt(u.coreBusyPercent(pinning.generatorCore())) + " %";
    }

    /** The per-run table of a no-think block, in the order the runs were made. */
    List<List<String>> noThinkRows(List<Measured> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (Measured m : runs) {
            LoadStats s = m.run().stats();
            rows.add(List.of(Integer.toString(m.order()), m.side().name(), fmt(m.run().okCallsPerSecond()),
                    p(s.turnaround(), 50), p(s.turnaround(), 99), Long.toString(s.turnaround().getTotalCount()),
                    s.failureSummary(), fmt(m.serverCpuMillisPerCall()),
                    fmt(m.cpu().percentOfCore(m.cpu().serverSideNanos())) + " %", serverCoreBusy(m.cpu()),
                    fmt(m.cpu().percentOfCore(m.cpu().generatorNanos())) + " %", generatorCoreBusy(m.cpu()),
                    fmt(m.cpu().othersPercentOfCore()) + " %", fmt(m.load()), gcText(m.gc()),
                    limitNote(m.cpu(), m.rareJobs(), m.appEvents())));
        }
        return rows;
    }

    static final List<String> NO_THINK_RUN_HEADERS = List.of("#", "side", "calls/s", "turnaround p50",
            "turnaround p99", "samples", "failures", "server CPU ms per call (with its database)",
            "server CPU % of a core", "server's core busy (everyone)", "generator CPU % of a core",
            "generator's core busy (everyone)", "others' CPU % of a core", "load avg",
            "server's GC pauses (count / longest)", "limit");

    /** The per-run table of the ramp + hold runs. */
    List<List<String>> heldRows(List<HeldRun> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (HeldRun r : runs) {
            LoadStats ramp = r.held().ramp().stats();
            LoadStats hold = r.held().hold().stats();
            LoadStats whole = r.held().whole();
            Cpu.Usage u = r.holdCpu();
            rows.add(List.of(Integer.toString(r.order()), Integer.toString(r.held().lines()), r.side().name(),
                    p(ramp.turnaround(), 99), p(hold.turnaround(), 50), p(hold.turnaround(), 99),
                    ms(Math.max(ramp.longestWaitMillis(), hold.longestWaitMillis())),
                    hold.minInFlight() + " / " + fmt(hold.meanInFlight()),
                    (r.serverInProgress() < 0 ? "–" : Long.toString(r.serverInProgress())),
                    hold.okCalls() + " / " + hold.calls(),
                    failures(ramp, hold),
                    Long.toString(ramp.stalledWaits() + hold.stalledWaits()),
                    hold.openWaits() + " / " + whole.cutCalls(),
                    u == null ? "–" : fmt(u.percentOfCore(u.serverSideNanos())) + " %", serverCoreBusy(u),
                    u == null ? "–" : fmt(u.percentOfCore(u.generatorNanos())) + " %",
                    u == null ? "–" : fmt(u.othersPercentOfCore()) + " %", fmt(r.load()), gcText(r.gc()),
                    limitNote(u, r.rareJobs(), r.appEvents())));
        }
        return rows;
    }

    static final List<String> HELD_RUN_HEADERS = List.of("# at its level", "lines", "side", "ramp p99", "hold p50",
            "hold p99", "longest wait", "calls in progress in hold (min / mean, generator)", "server's IN_PROGRESS rows",
            "calls OK / ended in hold", "failures (ramp + hold)", "stalled waits (in histogram)",
            "waits open at cut / calls cut", "server CPU % of a core (hold)", "server's core busy (everyone)",
            "generator CPU % of a core", "others' CPU % of a core", "load avg",
            "server's GC pauses in hold (count / longest)", "limit");

    static String gcText(GcPauses.Summary gc) {
        return gc == null ? "–" : gc.text();
    }

    static String failures(LoadStats ramp, LoadStats hold) {
        String r = ramp.failureSummary();
        String h = hold.failureSummary();
        if (r.equals("none")) {
            return h;
        }
        return h.equals("none") ? r + " (ramp)" : r + " (ramp); " + h + " (hold)";
    }

    /** Failures of a run that mean the level was not held: stalls, refusals, broken or runaway calls, > 1 % failed. */
    static boolean broke(LoadStats s) {
        return s.failedCalls() > s.calls() / 100 || s.stalledWaits() > 0
                || s.count(CallResult.Outcome.REFUSED) + s.count(CallResult.Outcome.CONNECT_FAILED)
                + s.count(CallResult.Outcome.STALLED) + s.count(CallResult.Outcome.BROKEN)
                + s.count(CallResult.Outcome.RUNAWAY) > 0;
    }
}
