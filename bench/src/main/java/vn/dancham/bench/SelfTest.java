package vn.dancham.bench;

import org.HdrHistogram.Histogram;
import vn.dancham.bench.AgiComparison.HeldRun;
import vn.dancham.bench.AgiComparison.Measured;
import vn.dancham.bench.AgiComparison.Server;
import vn.dancham.bench.agi.BareAgiServer;
import vn.dancham.bench.agi.CallPlan;
import vn.dancham.bench.agi.CallResult;
import vn.dancham.bench.agi.LoadDriver;
import vn.dancham.bench.agi.LoadStats;
import vn.dancham.bench.agi.Pacing;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.AppProcess;
import vn.dancham.bench.sys.Cpu;
import vn.dancham.bench.sys.Files2;
import vn.dancham.bench.sys.AppLogEvents;
import vn.dancham.bench.sys.GcPauses;
import vn.dancham.bench.sys.JavaProcess;
import vn.dancham.bench.sys.Pinning;
import vn.dancham.bench.sys.PostgresRoles;
import vn.dancham.bench.sys.ProcessSampler;
import vn.dancham.bench.sys.RareJobs;
import vn.dancham.db.EmbeddedPostgresServer;
import vn.dancham.bench.sys.ThreadDumps;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the harness on its own, without the application: the load generator against the bare server replaying
 * a call shaped like a rating (menu, receipt, confirmation, three answers, a recording), and the measurement rules
 * of issue 16 — A/B interleaving, ramp and hold measured apart, stalled and open waits in the histogram, a thread
 * dump at the first stall, the sample rule for percentiles, CPU from /proc, pinning. Fails loudly when a check does
 * not hold, so a broken generator is not mistaken for a slow server.
 */
final class SelfTest implements Main.Benchmark {

    static final List<String> RATING_CALL = List.of(
            "ANSWER",
            "STREAM FILE dancham/vi/welcome \"\"",
            "STREAM FILE dancham/vi/main-menu \"12340*\"",
            "WAIT FOR DIGIT 5000",
            "GET DATA dancham/vi/enter-receipt 8000 21",
            "STREAM FILE dancham/vi/you-entered \"12\"",
            "STREAM FILE digits/1 \"12\"",
            "STREAM FILE dancham/vi/confirm-receipt \"12\"",
            "WAIT FOR DIGIT 5000",
            "STREAM FILE dancham/vi/question-attitude \"12345\"",
            "WAIT FOR DIGIT 5000",
            "STREAM FILE dancham/vi/question-timeliness \"12345\"",
            "WAIT FOR DIGIT 5000",
            "STREAM FILE dancham/vi/question-overall \"12345\"",
            "WAIT FOR DIGIT 5000",
            "RECORD FILE /tmp/not-written wav \"#\" 60000 0 BEEP s=3",
            "STREAM FILE dancham/vi/thanks \"\"",
            "HANGUP");

    /** Three commands, then the server goes quiet for 3 s: a stall for a caller with a 1 s read timeout. */
    static final List<String> STALLING_CALL = List.of("ANSWER", "STREAM FILE dancham/vi/welcome \"\"",
            "STREAM FILE dancham/vi/main-menu \"\"", BareAgiServer.SLEEP + "3000", "HANGUP");

    /** One command, then 2.5 s of silence: a wait still open when a 1 s hold is cut. */
    static final List<String> SLOW_CALL = List.of("ANSWER", BareAgiServer.SLEEP + "2500", "HANGUP");

    private final List<List<String>> checks = new ArrayList<>();

    @Override
    public void run(Options o, Report report) throws Exception {
        Path work = o.work().resolve("selftest");
        Files2.deleteRecursively(work);
        Path transcripts = work.resolve("transcripts.tsv");
        Map<String, List<String>> scripts = new LinkedHashMap<>();
        scripts.put("rating", RATING_CALL);
        scripts.put("stall", STALLING_CALL);
        scripts.put("slow", SLOW_CALL);
        BareAgiServer.Transcripts.write(transcripts, scripts);
        CallPlan plan = plan("rating");
        Pinning pinning = Pinning.decide();
        ThreadDumps dumps = new ThreadDumps(work, report.stem("selftest"));
        int portA = AppProcess.freePort();
        int portB = AppProcess.freePort();
        Path gcLogA = work.resolve("bare-a-gc.log");
        try (JavaProcess bareA = JavaProcess.start(BareAgiServer.class, List.of(GcPauses.option(gcLogA)),
                List.of(Integer.toString(portA), transcripts.toString(), "virtual", "600"),
                work.resolve("bare-a.log"), Duration.ofMinutes(1));
             JavaProcess bareB = JavaProcess.start(BareAgiServer.class, List.of(),
                     List.of(Integer.toString(portB), transcripts.toString(), "virtual", "600"),
                     work.resolve("bare-b.log"), Duration.ofMinutes(1));
             ProcessSampler samplerA = new ProcessSampler(bareA.pid(), null, 250);
             ProcessSampler samplerB = new ProcessSampler(bareB.pid(), null, 250)) {
            LoadDriver driver = new LoadDriver(loopback(portA), null, 10_000);
            pinning.pinServer(bareA.pid(), List.of());
            pinning.pinServer(bareB.pid(), List.of());
            pinning.pinGenerator();
            try {
                checkPinning(pinning, bareA.pid());
                CallResult one = driver.once(plan);
                check("one rating call against the bare server", one.ok() && one.commands() == RATING_CALL.size() + 1,
                        one.outcome() + ", " + one.commands() + " commands (expected " + (RATING_CALL.size() + 1)
                                + ")");
                LoadDriver.Run tp = driver.run(4, () -> plan, Pacing.NONE, Duration.ZERO, Duration.ofSeconds(5),
                        Long.MAX_VALUE);
                check("no think time, 4 lines, 5 s", tp.stats().failedCalls() == 0 && tp.stats().okCalls() > 0,
                        tp.stats().okCalls() + " calls OK, " + Report.fmt(tp.okCallsPerSecond()) + " calls/s, p99 "
                                + LoadStats.percentileText(tp.stats().turnaround(), 99) + ", failures "
                                + tp.stats().failureSummary());
                LoadDriver.Run paced = driver.run(o.pick(300, 2000), () -> plan, new Pacing(200, 50, 500, 0),
                        Duration.ofSeconds(3), Duration.ofSeconds(10), Long.MAX_VALUE);
                ProcessSampler.Sample peak = samplerA.resetPeak();
                check("paced, " + paced.lines() + " lines", paced.stats().failedCalls() == 0
                                && paced.stats().peakInFlight() == paced.lines(),
                        paced.stats().okCalls() + " / " + paced.stats().calls() + " OK, peak in flight "
                                + paced.stats().peakInFlight() + ", p99 "
                                + LoadStats.percentileText(paced.stats().turnaround(), 99) + ", RSS "
                                + Report.fmt(peak.rssMib()) + " MiB, " + peak.threads() + " threads");

                AgiComparison ab = new AgiComparison(pinning, dumps);
                Server a = new Server("bare-A", driver, () -> plan, bareA.pid(), null, samplerA, null, gcLogA, null);
                Server b = new Server("bare-B", new LoadDriver(loopback(portB), null, 10_000), () -> plan,
                        bareB.pid(), null, samplerB, null, null, null);
                checkInterleaving(ab, a, b);
                checkHold(ab, a, b);
                checkStall(portA, bareA.pid(), dumps);
                checkOpenWaitAtCut(portA);
                checkSampleRule();
                checkExitedBackends();
                checkRareJobs(work);
                checkGcPauses(bareA.pid(), gcLogA);
            } finally {
                pinning.releaseGenerator();
                dumps.awaitPending(30_000);
            }
        }
        checkParentWatch(transcripts, work);
        checkZgcPauses(transcripts, work);
        checkAppLogEvents(work);
        report.section("Self-test of the harness (bare server only)");
        report.paragraph(pinning.describe());
        report.table(List.of("check", "result", "figures"), checks);
        List<String> failed = checks.stream().filter(c -> !c.get(1).equals("ok")).map(List::getFirst).toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("self-test failed: " + failed + " — " + checks);
        }
    }

    /**
     * A backend that exits between two readings counts only its time after the earlier one: the postmaster's
     * children's time holds its whole life. Before this, a run's "exited" row could hold a backend's whole life
     * (issue 16: 0.00-0.78 ms per call from run to run, and the roles summed to more than PostgreSQL's total).
     */
    private void checkExitedBackends() {
        long pm = 1;
        long recycled = 2;
        long stays = 3;
        var earlier = new PostgresRoles.Snapshot(
                Map.of(pm, new long[] {10, 100}, recycled, new long[] {50, 0}, stays, new long[] {20, 0}),
                Map.of(pm, PostgresRoles.POSTMASTER, recycled, PostgresRoles.HOTLINE, stays,
                        PostgresRoles.APPLICATION));
        // the recycled backend lived 70 ticks (20 of them after the earlier reading); another lived 5 ticks in between
        var now = new PostgresRoles.Snapshot(Map.of(pm, new long[] {10, 100 + 70 + 5}, stays, new long[] {30, 0}),
                Map.of(pm, PostgresRoles.POSTMASTER, stays, PostgresRoles.APPLICATION));
        Map<String, Long> by = now.since(earlier);
        long tick = 10_000_000L;
        check("an exited backend's time before the earlier reading is not counted again",
                by.get(PostgresRoles.EXITED) == 25 * tick && by.get(PostgresRoles.APPLICATION) == 10 * tick
                        && by.get(PostgresRoles.HOTLINE) == 0,
                "exited " + by.get(PostgresRoles.EXITED) / tick + " ticks (expected 25), application "
                        + by.get(PostgresRoles.APPLICATION) / tick + " (expected 10)");
    }

    private static CallPlan plan(String scenario) {
        return new CallPlan(scenario, "bare?scenario=" + scenario, "0912345678", "2 1234567890# 1 5 4 5 #", null,
                Map.of());
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private void check(String name, boolean ok, String figures) {
        checks.add(List.of(name, ok ? "ok" : "FAILED", figures));
        System.err.println((ok ? "ok     " : "FAILED ") + name + ": " + figures);
    }

    private void checkPinning(Pinning pinning, long serverPid) {
        if (!pinning.on()) {
            check("pinning", true, pinning.describe());
            return;
        }
        List<Integer> server = Pinning.allowedCores(serverPid);
        List<Integer> generator = Pinning.allowedCores(Cpu.self());
        check("pinning: server on its core, generator on the other",
                server.equals(List.of(pinning.serverCore())) && generator.equals(List.of(pinning.generatorCore())),
                "server " + server + ", generator " + generator);
    }

    /** Bare against bare: the runs alternate, each measured with the CPU of the generator and the server. */
    private void checkInterleaving(AgiComparison ab, Server a, Server b) throws InterruptedException {
        List<Measured> runs = ab.noThink(a, b, 2, 2, Duration.ofSeconds(3));
        List<String> order = runs.stream().map(m -> m.order() + ":" + m.side().name()).toList();
        boolean alternate = runs.size() == 4 && runs.get(0).side() == a && runs.get(1).side() == b
                && runs.get(2).side() == a && runs.get(3).side() == b
                && runs.stream().map(Measured::order).toList().equals(List.of(1, 2, 3, 4));
        check("A/B interleaving: baseline, candidate, baseline, candidate", alternate, String.join(", ", order));
        boolean measured = runs.stream().allMatch(m -> m.run().stats().okCalls() > 0
                && m.cpu().serverNanos() > 0 && m.cpu().generatorNanos() > 0
                && !Double.isNaN(m.serverCpuMillisPerCall()));
        check("each run: calls, server CPU and generator CPU from /proc", measured, String.join("; ", runs.stream()
                .map(m -> m.side().name() + " " + m.run().stats().okCalls() + " calls, server "
                        + Report.ms(m.serverCpuMillisPerCall()) + " CPU/call, generator "
                        + Report.fmt(m.cpu().percentOfCore(m.cpu().generatorNanos())) + " % of a core, others "
                        + Report.fmt(m.cpu().othersPercentOfCore()) + " %").toList()));
        String spread = AgiComparison.spread(AgiComparison.of(runs, a).stream()
                .map(m -> m.run().okCallsPerSecond()).toList(), Report::fmt);
        check("the baseline's spread over its repeats", spread.contains(" – "), "bare-A calls/s " + spread);
    }

    /** Ramp and hold measured apart; the cut ends calls without counting them as failures. */
    private void checkHold(AgiComparison ab, Server a, Server b) throws InterruptedException {
        int lines = 60;
        List<HeldRun> runs = ab.held(a, b, lines, 1, new Pacing(300, 50, 500, 0), Duration.ofSeconds(2),
                Duration.ofSeconds(4));
        boolean ok = runs.size() == 2;
        StringBuilder f = new StringBuilder();
        for (HeldRun r : runs) {
            LoadStats ramp = r.held().ramp().stats();
            LoadStats hold = r.held().hold().stats();
            LoadStats whole = r.held().whole();
            ok &= ramp != hold && hold.okCalls() > 0 && hold.failedCalls() == 0 && whole.failedCalls() == 0
                    && hold.minInFlight() >= lines * 0.95 && whole.cutCalls() > 0
                    && ramp.turnaround().getTotalCount() + hold.turnaround().getTotalCount()
                    <= whole.turnaround().getTotalCount()
                    && r.holdCpu() != null && r.held().hold().elapsed().toMillis() >= 3_500;
            f.append(r.side().name()).append(": ramp ").append(ramp.turnaround().getTotalCount())
                    .append(" turnarounds, hold ").append(hold.turnaround().getTotalCount()).append(" turnarounds and ")
                    .append(hold.okCalls()).append(" calls OK in ").append(r.held().hold().elapsed().toMillis())
                    .append(" ms, in progress min ").append(hold.minInFlight()).append(", cut ")
                    .append(whole.cutCalls()).append(", failures ").append(whole.failureSummary()).append("; ");
        }
        check("ramp and sustained hold measured apart, cut calls not failures", ok, f.toString());
        check("\"held\" verdict for the level", FastAgiBenchmark.held(AgiComparison.heldOf(runs, a), lines)
                .equals("yes"), FastAgiBenchmark.held(AgiComparison.heldOf(runs, a), lines));
    }

    /** A call the server leaves waiting past the read timeout: STALLED, its wait in the histogram, a thread dump. */
    private void checkStall(int port, long pid, ThreadDumps dumps) throws InterruptedException {
        LoadDriver stalling = new LoadDriver(loopback(port), null, 1_000);
        stalling.onStall(Duration.ofMillis(300), why -> dumps.once(pid, "bare-stall", "bare: " + why));
        LoadDriver.Run r = stalling.run(1, () -> plan("stall"), Pacing.NONE, Duration.ZERO, Duration.ofSeconds(1), 1);
        LoadStats s = r.stats();
        Histogram t = s.turnaround();
        // ANSWER is the first command; the two prompts are turnarounds; the stalled wait is the third.
        boolean ok = s.count(CallResult.Outcome.STALLED) == 1 && s.stalledWaits() == 1 && t.getTotalCount() == 3
                && t.getMaxValue() >= 1_000_000_000L;
        check("a stalled call's wait is in the distribution at its full length", ok,
                s.failureSummary() + ", " + t.getTotalCount() + " turnarounds, longest "
                        + Report.ms(t.getMaxValue() / 1e6) + ", stalled waits " + s.stalledWaits());
        dumps.awaitPending(60_000);
        boolean dumped = dumps.files().stream().anyMatch(p -> p.getFileName().toString().endsWith(".txt")
                && readable(p).contains("Full thread dump"));
        check("a thread dump of the server at the first stall", dumped,
                String.join(", ", dumps.files().stream().map(p -> p.getFileName().toString()).toList()));
    }

    /** A wait still open when a hold is cut is counted at its length so far. */
    private void checkOpenWaitAtCut(int port) throws InterruptedException {
        LoadDriver driver = new LoadDriver(loopback(port), null, 10_000);
        LoadDriver.Held h = driver.hold(4, () -> plan("slow"), Pacing.NONE, Duration.ZERO, Duration.ofMillis(1_500),
                phase -> { });
        LoadStats hold = h.hold().stats();
        boolean ok = hold.openWaits() == 4 && hold.turnaround().getTotalCount() == 4
                && hold.turnaround().getMinValue() >= 1_000_000_000L && h.whole().cutCalls() == 4
                && hold.failedCalls() == 0;
        check("waits open at the cut are in the distribution", ok, "open waits " + hold.openWaits()
                + ", turnarounds " + hold.turnaround().getTotalCount() + ", shortest "
                + Report.ms(hold.turnaround().getMinValue() / 1e6) + ", calls cut " + h.whole().cutCalls());
    }

    private void checkSampleRule() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 199; i++) {
            h.recordValue(i * 1_000_000L);
        }
        String below = LoadStats.percentileText(h, 99);
        h.recordValue(200_000_000L);
        String at = LoadStats.percentileText(h, 99);
        check("p99 needs 200 samples, p99.9 2,000", below.equals("n/a (n=199)") && !at.startsWith("n/a")
                        && LoadStats.percentileText(h, 99.9).equals("n/a (n=200)")
                        && LoadStats.samplesNeeded(50) == 4,
                "199 samples: " + below + "; 200: " + at + "; p99.9 at 200: " + LoadStats.percentileText(h, 99.9));
    }

    /**
     * The rare jobs a run contains, read from Quartz's tables (its real schema, migration V9) in a real PostgreSQL:
     * a daily cron that fired in the window is named; a five-minute job that fired there, a daily one that fired
     * before it and a weekly one not due yet are not.
     */
    private void checkRareJobs(Path work) throws Exception {
        long now = System.currentTimeMillis();
        long minute = 60_000;
        long day = 24 * 60 * minute;
        String schema;
        try (var in = SelfTest.class.getResourceAsStream("/db/migration/V9__quartz.sql")) {
            schema = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(work.resolve("quartz-pg"), 0, "quartz", false);
             java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl("quartz"), "postgres", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute(schema);
            insertTrigger(st, "nightly-scoring", "CRON", now - 2 * minute, now - 2 * minute + day, null);
            insertTrigger(st, "escalation-tick", "SIMPLE", now - minute, now + 4 * minute, 5 * minute);
            insertTrigger(st, "daily-digest", "CRON", now - 3 * 60 * minute, now - 3 * 60 * minute + day, null);
            insertTrigger(st, "weekly-check", "CRON", -1L, now + 7 * day, null);
            List<String> fired = RareJobs.firedBetween(pg.jdbcUrl("quartz"),
                    java.time.Instant.ofEpochMilli(now - 10 * minute), java.time.Instant.ofEpochMilli(now));
            check("a run's rare scheduled jobs named from Quartz's tables", fired.size() == 1
                            && fired.getFirst().startsWith("scoring.nightly-scoring (due at "),
                    "named: " + fired);
        }
    }

    /**
     * A server's GC pauses read from its log: a collection forced with jcmd is counted in the window it fell into; a
     * window with no pause in it says "none".
     */
    private void checkGcPauses(long pid, Path gcLog) throws Exception {
        checkGcPauses("a server's GC pauses counted in the run they fell into", pid, gcLog);
    }

    /** The same for a JVM on ZGC, whose pauses are logged apart from its collections (gc+phases). */
    private void checkZgcPauses(Path transcripts, Path work) throws Exception {
        Path gcLog = work.resolve("bare-zgc-gc.log");
        try (JavaProcess zgc = JavaProcess.start(BareAgiServer.class, List.of("-XX:+UseZGC", GcPauses.option(gcLog)),
                List.of(Integer.toString(AppProcess.freePort()), transcripts.toString(), "virtual", "600"),
                work.resolve("bare-zgc.log"), Duration.ofMinutes(1))) {
            checkGcPauses("a ZGC server's pauses counted too", zgc.pid(), gcLog);
        }
    }

    private void checkGcPauses(String name, long pid, Path gcLog) throws Exception {
        java.time.Instant from = java.time.Instant.now();
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean done = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        Thread.sleep(200);
        java.time.Instant to = java.time.Instant.now();
        GcPauses.Summary in = GcPauses.between(gcLog, from, to);
        GcPauses.Summary later = GcPauses.between(gcLog, to.plusSeconds(3600), to.plusSeconds(7200));
        boolean ok = done && in != null && in.count() >= 1 && in.longestMillis() > 0 && later != null
                && later.text().equals("none");
        check(name, ok,
                "forced collection's window: " + (in == null ? "log unreadable" : in.text())
                        + "; an hour later: " + (later == null ? "log unreadable" : later.text()));
    }

    /**
     * The application's database events named in the run they fell into: taken for down inside the window, a journal
     * replay still pending from before it, a maintenance refresh that ran in it (or began in it and ended after it).
     */
    private void checkAppLogEvents(Path work) throws Exception {
        java.time.Instant t = java.time.Instant.parse("2026-12-04T21:58:30Z");
        Path log = work.resolve("app-events.log");
        java.nio.file.Files.write(log, List.of(
                AppLogEvents.line(t, "INFO", "journal-replay",
                        "Journal replay wrote 132 answer(s), set aside 0; 1361 still pending"),
                "  a continuation line without a time",
                AppLogEvents.line(t.plusSeconds(5), "ERROR", "otline-call-log", "Database unavailable; the hotline "
                        + "serves callers without it and keeps their answers in the journal"),
                AppLogEvents.line(t.plusSeconds(7), "INFO", "hotline-db-probe", "Database reachable again"),
                AppLogEvents.line(t.plusSeconds(20), "INFO", "ancham_Worker-1", "Trend snapshots of 31 past "
                        + "periods taken again after late changes, in 2290 ms"),
                AppLogEvents.line(t.plusSeconds(60), "INFO", "journal-replay",
                        "Journal replay wrote 1361 answer(s), set aside 0; 0 still pending"),
                // Began inside the later window, ended after it.
                AppLogEvents.line(t.plusSeconds(95), "INFO", "ancham_Worker-2", "League tables kept ready "
                        + "computed again after changes: 12, in 5000 ms"),
                // An older jar's line, without its time, ended long after both windows.
                AppLogEvents.line(t.plusSeconds(400), "INFO", "ancham_Worker-1", "Trend snapshots of 2 past "
                        + "periods taken again after late changes")));
        List<String> during = AppLogEvents.between(log, t.plusSeconds(1), t.plusSeconds(30));
        List<String> after = AppLogEvents.between(log, t.plusSeconds(61), t.plusSeconds(90));
        boolean ok = during.size() == 4 && during.get(0).contains("down at 21:58:35")
                && during.get(1).contains("reachable again at 21:58:37")
                && during.get(2).contains("31 past periods taken again from 21:58:47 to 21:58:50 (2290 ms)")
                && during.get(3).contains("1361 answers pending at the start, 0 written")
                && after.size() == 1 && after.get(0).contains("12 league tables kept ready computed again from "
                + "22:00:00 to 22:00:05");
        check("the application's database events and maintenance bursts named in the run they fell into", ok,
                "in the window: " + during + "; after: " + after);
    }

    /** A bare server whose harness is gone (its standard input closed) stops instead of idling beside later runs. */
    private void checkParentWatch(Path transcripts, Path work) throws Exception {
        JavaProcess orphan = JavaProcess.start(BareAgiServer.class, List.of(),
                List.of(Integer.toString(AppProcess.freePort()), transcripts.toString(), "virtual", "600"),
                work.resolve("bare-orphan.log"), Duration.ofMinutes(1));
        long t0 = System.nanoTime();
        boolean exited = orphan.closeStdinAndAwaitExit(Duration.ofSeconds(20));
        check("a bare server stops when its harness is gone", exited,
                exited ? "exited " + (System.nanoTime() - t0) / 1_000_000 + " ms after its standard input closed"
                        : "still running 20 s after its standard input closed");
        orphan.close();
    }

    private static void insertTrigger(java.sql.Statement st, String job, String type, long prev, long next,
                                      Long interval) throws java.sql.SQLException {
        st.execute("INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable, "
                + "is_nonconcurrent, is_update_data, requests_recovery) VALUES ('s', '" + job + "', 'scoring', "
                + "'Job', true, false, false, false)");
        st.execute("INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, "
                + "next_fire_time, prev_fire_time, trigger_state, trigger_type, start_time) VALUES ('s', '" + job
                + "', 'scoring', '" + job + "', 'scoring', " + next + ", " + prev + ", 'WAITING', '" + type + "', 0)");
        if (interval != null) {
            st.execute("INSERT INTO qrtz_simple_triggers VALUES ('s', '" + job + "', 'scoring', -1, " + interval
                    + ", 0)");
        }
    }

    private static String readable(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }
}
