package vn.dancham.bench;

import org.HdrHistogram.Histogram;
import vn.dancham.bench.AgiComparison.HeldRun;
import vn.dancham.bench.AgiComparison.Measured;
import vn.dancham.bench.AgiComparison.Server;
import vn.dancham.bench.agi.BareAgiServer;
import vn.dancham.bench.agi.CallResult;
import vn.dancham.bench.agi.HotlineScenarios;
import vn.dancham.bench.agi.LoadDriver;
import vn.dancham.bench.agi.LoadStats;
import vn.dancham.bench.agi.Pacing;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.AppProcess;
import vn.dancham.bench.sys.Cpu;
import vn.dancham.bench.sys.Files2;
import vn.dancham.bench.sys.GcPauses;
import vn.dancham.bench.sys.JavaProcess;
import vn.dancham.bench.sys.JitCpu;
import vn.dancham.bench.sys.Machine;
import vn.dancham.bench.sys.Pinning;
import vn.dancham.bench.sys.ProcessSampler;
import vn.dancham.bench.sys.RareJobs;
import vn.dancham.bench.sys.ThreadDumps;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static vn.dancham.bench.AgiComparison.of;
import static vn.dancham.bench.AgiComparison.p;
import static vn.dancham.bench.AgiComparison.pRatio;
import static vn.dancham.bench.AgiComparison.spread;
import static vn.dancham.bench.report.Report.fmt;
import static vn.dancham.bench.report.Report.ms;
import static vn.dancham.bench.report.Report.ratio;

/**
 * Benchmark 1: concurrent calls on our FastAGI server against the running application and its PostgreSQL,
 * against a bare FastAGI script on the same library that sends the same commands with no work behind them.
 * <ol>
 *   <li>No think time: 1 line (one caller's turnaround) and a few lines dialling back to back (throughput, CPU per
 *       call).</li>
 *   <li>Ramp + sustained hold: each level of lines started over the ramp, then held for a fixed time, measured
 *       apart from the ramp; human pacing (prompts play, keys are typed, recordings last seconds).</li>
 * </ol>
 * Every measurement is A/B interleaved (bare, hotline, bare, hotline…), the generator pinned off the server's core,
 * and the report closes with issue 16's goals, each met or not with its figures.
 */
final class FastAgiBenchmark implements Main.Benchmark {

    /**
     * What to run; defaults by size, each overridable by an environment variable (bench/README.md).
     *
     * @param warm    the shortest warm-up of a side before each line count
     * @param warmMax the longest: after {@code warm} a side keeps dialling in 5 s steps until its JIT compilers used
     *                less than {@link #JIT_QUIET} of a core in {@link #QUIET_STEPS} steps in a row (its steady
     *                state), at most this long
     */
    record Settings(List<Integer> noThinkLines, int pairs, Duration warm, Duration warmMax, Duration measure,
                    List<Integer> levels, Duration ramp, Duration hold, boolean throughputOnly) {

        static Settings from(Options o) {
            boolean quick = "1".equals(System.getenv("BENCH_QUICK"));
            return new Settings(
                    ints("BENCH_FASTAGI_LINES", o.pick("1,8", "1,16")),
                    Integer.parseInt(env("BENCH_FASTAGI_PAIRS", o.pick("2", "3"))),
                    Duration.ofSeconds(Long.parseLong(env("BENCH_FASTAGI_WARM_S", o.pick("5", "15")))),
                    // 420 s: at 8 lines the hotline's JIT went quiet after 296 s (results/2026-12-04-1939-…-long-warm-up.md);
                    // cut at 180 s, it was still compiling in 72 of 100 reports, at a cost of up to 0.31 ms per call.
                    Duration.ofSeconds(Long.parseLong(env("BENCH_FASTAGI_WARM_MAX_S", "420"))),
                    Duration.ofSeconds(Long.parseLong(env("BENCH_FASTAGI_MEASURE_S", quick ? "8" : o.pick("10", "30")))),
                    ints("BENCH_FASTAGI_LEVELS", quick ? "2000,3000"
                            : o.pick("250,1000,2000,3000", "100,250,500,1000,1500,2000,3000,4000")),
                    Duration.ofSeconds(Long.parseLong(env("BENCH_FASTAGI_RAMP_S", o.pick("10", "30")))),
                    Duration.ofSeconds(Long.parseLong(env("BENCH_FASTAGI_HOLD_S", quick ? "20" : o.pick("30", "60")))),
                    System.getenv("BENCH_FASTAGI_THROUGHPUT_ONLY") != null);
        }

        /** Typical and worst-case duration in seconds (the worst case: every wait bound reached). */
        long[] boundSeconds() {
            long noThinkRun = measure.toSeconds();
            long typical = 60 + 10; // application start with the demo data, calibration
            long worst = 600 + 30;
            for (int lines : noThinkLines) {
                // Typically the bare server is quiet after its shortest warm-up and the hotline after about 5 min.
                typical += warm.toSeconds() + Math.max(warm.toSeconds(), Math.min(300, warmMax.toSeconds()))
                        + 2L * pairs * (noThinkRun + 2);
                worst += 2 * (Math.max(warm.toSeconds(), warmMax.toSeconds()) + 60) + 2L * pairs * (noThinkRun + 60 + 20);
            }
            typical += 22; // database statistics before and after the throughput block
            worst += 22;
            if (!throughputOnly) {
                for (int ignored : levels) {
                    long run = ramp.toSeconds() + hold.toSeconds();
                    typical += 2L * pairs * (run + 10);
                    worst += 2L * pairs * (run + 10 + 30 + 10);
                }
            }
            return new long[] {typical, worst};
        }

        private static String env(String name, String otherwise) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? otherwise : v.trim();
        }

        private static List<Integer> ints(String name, String otherwise) {
            return Arrays.stream(env(name, otherwise).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(Integer::parseInt).toList();
        }
    }

    @Override
    public void run(Options o, Report report) throws Exception {
        Settings settings = Settings.from(o);
        long[] bound = settings.boundSeconds();
        System.err.println("fastagi: " + settings + "; about " + bound[0] / 60 + " min, at most " + bound[1] / 60
                + " min");
        long started = System.nanoTime();
        Path work = o.work().resolve("fastagi");
        Files2.deleteRecursively(work);
        Path appDir = work.resolve("app");
        int readTimeout = 15_000;
        Pinning pinning = Pinning.decide();
        ThreadDumps dumps = new ThreadDumps(o.results(), report.stem("fastagi"));
        // BENCH_APP_JVM_OPTS: extra JVM options for the application (space-separated), e.g. a JFR recording:
        // -XX:StartFlightRecording=settings=profile,filename=bench/target/app.jfr
        // Both servers' JVMs log their GC pauses, so that each run's table can say whether a side stopped in it.
        Files.createDirectories(appDir);
        List<String> appJvm = new ArrayList<>(appJvmOptions());
        appJvm.add(GcPauses.option(appDir.resolve("gc.log")));
        System.err.println("fastagi: application JVM options " + appJvm);
        // BENCH_PG_STATEMENTS=1: the application's embedded PostgreSQL preloads pg_stat_statements, and the report
        // says which statements took the executor's time over the throughput block (it costs the server some CPU:
        // not for runs whose CPU figures are the point).
        boolean statements = Settings.env("BENCH_PG_STATEMENTS", "0").equals("1");
        Map<String, String> appProperties = statements ? Map.of(
                "dancham.db.server-settings.shared_preload_libraries", "pg_stat_statements",
                "dancham.db.server-settings[pg_stat_statements.track]", "all") : Map.of();
        try (AppProcess app = AppProcess.launch(o.jar(), appDir, appProperties, appJvm)) {
            // ~30 s with the demo data on an idle machine; minutes when other users load the cores.
            app.awaitHealthUp(Duration.ofSeconds(Long.parseLong(Settings.env("BENCH_START_TIMEOUT_S", "600"))));
            if (statements) {
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(app.jdbcUrl(), "postgres", "")) {
                    c.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                }
            }
            report.postgresVersion(Machine.postgresVersion(app.jdbcUrl(), "postgres"));
            HotlineScenarios scenarios = HotlineScenarios.fromDatabase(app.jdbcUrl());
            InetSocketAddress appAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), app.agiPort());
            LoadDriver appDriver = new LoadDriver(appAddress, appDir, readTimeout);

            // One call of each scenario, recorded: it checks that every path works and gives the baseline its script.
            Map<String, List<String>> transcripts = new LinkedHashMap<>();
            List<List<String>> calibration = new ArrayList<>();
            long callsBefore;
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(app.jdbcUrl(), "postgres", "");
                 java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT coalesce(max(id), 0) FROM hotline_call")) {
                rs.next();
                callsBefore = rs.getLong(1);
            }
            for (String scenario : HotlineScenarios.MIX.keySet()) {
                CallResult r = appDriver.once(scenarios.plan(scenario));
                transcripts.put(scenario, r.transcript());
                calibration.add(List.of(scenario, r.outcome().name(), Integer.toString(r.commands()),
                        r.detail() == null ? "" : r.detail()));
                System.err.println("calibration " + scenario + ": " + r.outcome() + " " + r.commands() + " commands"
                        + (r.detail() == null ? "" : " — " + r.detail()));
            }
            // A key the flow refused means a scenario's keys are out of step with the flow (a prompt the script does
            // not know, e.g. the knowledge check's digits): the calls would measure a different, shorter path.
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(app.jdbcUrl(), "postgres", "");
                 java.sql.ResultSet rs = c.createStatement().executeQuery(
                         "SELECT string_agg(DISTINCT step, ', ') FROM call_event WHERE kind = 'INVALID' AND call_id > "
                                 + callsBefore)) {
                rs.next();
                if (rs.getString(1) != null) {
                    throw new IllegalStateException("The calibration calls pressed keys the flow refused at "
                            + rs.getString(1) + ": the scenarios are out of step with the hotline's flow");
                }
            }
            // The demo data was just loaded: PostgreSQL's first timed checkpoint (5 min after it started) would write
            // those pages during the measured runs and make every page the calls touch next write a full image to
            // the WAL (13,931 WAL bytes per call against 6,408 in a run it missed, 2026-12-03). A start-up cost, paid
            // here; the checkpoints of the calls' own pages, every checkpoint_timeout, stay in the figures.
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(app.jdbcUrl(), "postgres", "")) {
                c.createStatement().execute("CHECKPOINT");
            }
            Path transcriptFile = work.resolve("transcripts.tsv");
            BareAgiServer.Transcripts.write(transcriptFile, transcripts);

            int barePort = AppProcess.freePort();
            Path bareGcLog = work.resolve("bare-gc.log");
            try (JavaProcess bare = JavaProcess.start(BareAgiServer.class, List.of(GcPauses.option(bareGcLog)),
                    List.of(Integer.toString(barePort), transcriptFile.toString(), bareThreads(), "7200"),
                    work.resolve("bare.log"), Duration.ofMinutes(1));
                 ProcessSampler appSampler = new ProcessSampler(app.pid(), app.postgres(), 250);
                 ProcessSampler bareSampler = new ProcessSampler(bare.pid(), null, 250)) {
                Server hotline = new Server("hotline", appDriver, scenarios.mixed(), app.pid(), app.postgres(),
                        appSampler, app.jdbcUrl(), appDir.resolve("gc.log"), app.logFile());
                Server baseline = new Server("bare", new LoadDriver(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), barePort), null, readTimeout),
                        scenarios.bareMixed(), bare.pid(), null, bareSampler, null, bareGcLog, null);
                pinning.pinServer(app.pid(), app.postgres().get());
                pinning.pinServer(bare.pid(), List.of());
                pinning.pinGenerator();
                try {
                    measure(o, report, settings, pinning, dumps, hotline, baseline, calibration, app);
                } finally {
                    pinning.releaseGenerator();
                    dumps.awaitPending(30_000);
                }
            }
        }
        if (!dumps.files().isEmpty()) {
            report.paragraph("Thread dumps taken at the first stall of a server (a call waiting "
                    + readTimeout / 3 / 1000 + " s for its next command, or stalled): "
                    + String.join(", ", dumps.files().stream().map(f -> "`" + f.getFileName() + "`").toList()) + ".");
        }
        report.paragraph("This benchmark took " + (System.nanoTime() - started) / 60_000_000_000L + " min "
                + (System.nanoTime() - started) / 1_000_000_000L % 60 + " s (planned: about " + bound[0] / 60
                + " min, at most " + bound[1] / 60 + " min).");
    }

    private void measure(Options o, Report report, Settings settings, Pinning pinning, ThreadDumps dumps,
                         Server hotline, Server baseline, List<List<String>> calibration, AppProcess app)
            throws Exception {
        AgiComparison ab = new AgiComparison(pinning, dumps);
        report.section("1. Concurrent calls on FastAGI");
        report.paragraph("The load generator speaks FastAGI as Asterisk's res_agi does (agi_* environment, "
                + "blank line, `200 result=` replies, `HANGUP` then `511` after the caller hangs up) to "
                + "`java " + String.join(" ", appJvmOptions()) + " -jar " + o.jar() + "` (the options "
                + "`dancham.sh` gives a node, without the AOT cache; both servers' JVMs also write a GC log, "
                + "`-Xlog:gc`, whose pauses each run's table counts) on the embedded PostgreSQL with the demo "
                + "data. "
                + "Call mix: " + HotlineScenarios.MIX + " (percent). The **baseline** is a bare "
                + "Asterisk-Java `DefaultAgiServer` script (one " + bareThreads() + " thread per call) in its own "
                + "JVM that "
                + "replays, for each scenario, the exact command lines our hotline sent in the calibration "
                + "call below, with no work behind them. Turnaround = time from our reply leaving the "
                + "generator to the next command arriving (server time plus one loopback round trip, the same "
                + "for both).");
        report.bullets(List.of(
                "**Cores.** " + pinning.describe(),
                "**A/B interleaved.** Every figure comes from runs made in the order bare, hotline, bare, hotline… ("
                        + settings.pairs() + " pairs), so both sides see the same drift of the shared machine's load; "
                        + "the bare runs' spread (lowest – highest, ± half the range over the median) shows the "
                        + "baseline's own noise. Pooled figures merge the runs of a side. Before each run the previous "
                        + "server is left to go idle (< 10 % of a core, at most 20–30 s); the CPU it spends catching "
                        + "up (e.g. applying the answer inbox) is counted as its own. With no think time, every run "
                        + "starts with none of the hotline's rating answers waiting to be applied, and a hotline run's "
                        + "CPU is read once the answers it left are applied (each wait at most " + AgiComparison.DRAIN_MAX.toSeconds()
                        + " s): its CPU per call is its calls' work, not an earlier run's backlog.",
                "**CPU** from /proc: the generator (this JVM), the server (its JVM, plus for the hotline its "
                        + "PostgreSQL: postmaster, backends and the time of exited backends), every other process on "
                        + "the machine (\"others\": all cores' busy time minus ours). A run is marked *generator-bound* "
                        + "when the generator used ≥ " + (int) AgiComparison.GENERATOR_LIMIT_PERCENT
                        + " % of its core, or when its core was that busy with other users' work.",
                "**Stalls are in the distribution.** A caller that waits " + hotline.driver().readTimeoutMillis() / 1000
                        + " s for a command gives up (STALLED): that wait is recorded in the histogram at its full "
                        + "length. Waits still open when a hold is cut are recorded at their length so far.",
                "**Start-up costs left out**: after the calibration calls the application's PostgreSQL takes a "
                        + "checkpoint (the demo data load's pages; its first timed checkpoint otherwise fell in the "
                        + "measured runs), and each side warms up until its JIT compilers are quiet (below). The "
                        + "checkpoints of the calls' own pages, every `checkpoint_timeout`, stay in the figures.",
                "**Percentiles need samples**: p99 is printed from 200 samples, p99.9 from 2,000 (at least two "
                        + "values above it); below that, \"n/a (n=…)\".",
                "**Thread dump** (`jcmd Thread.print` and the virtual threads' JSON dump) of a server the first "
                        + "time one of its calls has waited " + hotline.driver().readTimeoutMillis() / 3000
                        + " s for a command, saved next to this report."));
        report.subsection("Calibration: one call per scenario against the hotline");
        report.table(List.of("scenario", "outcome", "AGI commands", "detail"), calibration);

        Map<Integer, List<Measured>> noThink = new LinkedHashMap<>();
        DatabaseWork db = null;
        int throughputLines = settings.noThinkLines().getLast();
        for (int lines : settings.noThinkLines()) {
            System.err.println("no think time, " + lines + " lines");
            Warmed bareWarm = warm(baseline, lines, settings).settle(ab, baseline);
            Warmed hotlineWarm = warm(hotline, lines, settings).settle(ab, hotline);
            System.err.println("  warmed: bare " + bareWarm + "; hotline " + hotlineWarm);
            boolean withDatabase = lines == throughputLines;
            DatabaseWork before = withDatabase ? databaseWork(app.jdbcUrl()) : null;
            long bareJit = JitCpu.nanos(baseline.pid());
            long hotlineJit = JitCpu.nanos(hotline.pid());
            List<Measured> runs = ab.noThink(baseline, hotline, lines, settings.pairs(), settings.measure());
            hotlineJit = JitCpu.nanos(hotline.pid()) - hotlineJit;
            bareJit = JitCpu.nanos(baseline.pid()) - bareJit;
            if (withDatabase) {
                db = databaseWork(app.jdbcUrl()).since(before);
            }
            noThink.put(lines, runs);
            reportNoThink(report, ab, settings, lines, runs, baseline, hotline, withDatabase ? db : null);
            report.paragraph(warmUpNote(runs, hotline, baseline, hotlineWarm, bareWarm, hotlineJit, bareJit));
        }

        Map<Integer, List<HeldRun>> ramp = new LinkedHashMap<>();
        String broke = null;
        if (!settings.throughputOnly()) {
            for (int level : settings.levels()) {
                System.err.println("level " + level);
                List<HeldRun> runs = ab.held(baseline, hotline, level, settings.pairs(), Pacing.HUMAN,
                        settings.ramp(), settings.hold());
                ramp.put(level, runs);
                for (HeldRun r : AgiComparison.heldOf(runs, hotline)) {
                    if (AgiComparison.broke(r.held().ramp().stats()) || AgiComparison.broke(r.held().hold().stats())) {
                        LoadStats h = r.held().whole();
                        broke = "at " + level + " lines (run #" + r.order() + "): " + h.failureSummary()
                                + ", stalled waits " + h.stalledWaits() + ". Samples: "
                                + String.join("; ", h.failureSamples());
                        break;
                    }
                }
                if (broke != null) {
                    break;
                }
            }
            reportRamp(report, ab, settings, ramp, baseline, hotline, broke);
            // Start-up's warnings (configuration, SMS simulated…) are not what the load did: left out.
            List<String> problems = app.problemsInLog(100_000).stream().filter(l -> !l.contains("[           main]"))
                    .toList();
            if (problems.isEmpty()) {
                report.paragraph("Warnings and errors in the application's log under load: none.");
            } else {
                report.paragraph("Warnings and errors in the application's log under load: " + problems.size()
                        + " lines; the first 15:");
                report.code(problems.stream().limit(15).map(l -> l.length() > 300 ? l.substring(0, 300) + "…" : l)
                        .toList());
            }
        }
        reportGoals(report, ab, settings, noThink, ramp, baseline, hotline);
    }

    /** The JIT's share of a core below which a warmed-up side counts as in its steady state. */
    static final double JIT_QUIET = 0.01;
    private static final Duration WARM_STEP = Duration.ofSeconds(5);
    /**
     * Quiet steps in a row that end a warm-up: compiling comes in bursts (one quiet step under 2 % after 15 s at 8
     * lines was followed by 8 % of a core of compiling in the measured runs, two steps after 30 s by 10 %,
     * 2026-12-03).
     */
    private static final int QUIET_STEPS = 3;

    /**
     * A side's warm-up: how long, the JIT compilers' CPU over its last step, and that step's length (the share of a
     * core is their ratio).
     */
    /**
     * @param settled how long the side took after its warm-up to go quiet (its work left from the warm-up done, e.g.
     *                the rating writer applying the warm-up's answers) before the first measured run
     */
    record Warmed(Duration length, long jitNanos, long lastStepNanos, boolean quiet, Duration settled) {
        double lastStepJitShare() {
            return lastStepNanos == 0 ? 0 : (double) jitNanos / lastStepNanos;
        }

        /**
         * Waits (at most {@link #SETTLE_MAX}) until the side is quiet. Without it the hotline's rating writer applied
         * the warm-up's backlog during the first bare run, where it was counted as other users' CPU (28–29 % of a
         * core), and during the first hotline run, whose CPU per call it raised (6,069 answers still waiting at its
         * end in bench/results/2026-12-04-0234-fastagi-small-final-jar.md).
         */
        Warmed settle(AgiComparison ab, Server side) throws InterruptedException {
            long start = System.nanoTime();
            ab.settle(side, SETTLE_MAX);
            return new Warmed(length, jitNanos, lastStepNanos, quiet, Duration.ofNanos(System.nanoTime() - start));
        }

        @Override
        public String toString() {
            return length.toSeconds() + " s, JIT " + Report.fmt(100 * lastStepJitShare()) + " % of a core at its end"
                    + (quiet ? "" : " (limit reached)") + ", quiet " + Report.fmt(settled.toMillis() / 1000.0)
                    + " s after it" + (settled.compareTo(SETTLE_MAX) >= 0 ? " (limit reached)" : "");
        }
    }

    /** The longest wait for a side to go quiet after its warm-up. */
    static final Duration SETTLE_MAX = Duration.ofSeconds(90);

    /**
     * Dials with no think time for the shortest warm-up, then in 5 s steps until the side's JIT compilers used less
     * than {@link #JIT_QUIET} of a core over each of the last three steps, or for at most the longest warm-up. The
     * steady state is what a hotline that runs for days costs per call; compiling its per-call code is a start-up
     * cost (each side gets the same rule).
     */
    private static Warmed warm(Server side, int lines, Settings settings) throws InterruptedException {
        long started = System.nanoTime();
        long jitBefore = JitCpu.nanos(side.pid());
        side.driver().run(lines, side.plans(), Pacing.NONE, Duration.ZERO, settings.warm(), Long.MAX_VALUE);
        long stepStart = started;
        long jitAfter = JitCpu.nanos(side.pid());
        long longest = Math.max(settings.warm().toNanos(), settings.warmMax().toNanos());
        int quietSteps = 0;
        while (true) {
            long now = System.nanoTime();
            double share = (double) (jitAfter - jitBefore) / Math.max(1, now - stepStart);
            quietSteps = share < JIT_QUIET ? quietSteps + 1 : 0;
            if (quietSteps >= QUIET_STEPS || now - started + WARM_STEP.toNanos() > longest) {
                return new Warmed(Duration.ofNanos(now - started), jitAfter - jitBefore, now - stepStart,
                        quietSteps >= QUIET_STEPS, Duration.ZERO);
            }
            jitBefore = jitAfter;
            stepStart = now;
            side.driver().run(lines, side.plans(), Pacing.NONE, Duration.ZERO, WARM_STEP, Long.MAX_VALUE);
            jitAfter = JitCpu.nanos(side.pid());
        }
    }

    private static String warmUpNote(List<Measured> runs, Server hotline, Server baseline, Warmed hotlineWarm,
                                     Warmed bareWarm, long hotlineJitNanos, long bareJitNanos) {
        long hotlineCalls = of(runs, hotline).stream().mapToLong(m -> m.run().stats().okCalls()).sum();
        long bareCalls = of(runs, baseline).stream().mapToLong(m -> m.run().stats().okCalls()).sum();
        return "Warm-up before these runs (each side dials with no think time until its JIT compilers used less than "
                + Report.fmt(100 * JIT_QUIET) + " % of a core in each of three 5 s steps in a row, at most "
                + "`BENCH_FASTAGI_WARM_MAX_S`; then until it and its database used less than 10 % of a core in two "
                + "250 ms looks in a row, at most " + SETTLE_MAX.toSeconds() + " s, so that the work the warm-up left, "
                + "such as the rating writer's backlog, is not paid by the first measured runs): the hotline "
                + hotlineWarm + ", the bare server " + bareWarm + ". The JIT compilers' CPU from the first measured run"
                + " to the end of the last (the catch-up included), per completed call: hotline "
                + (hotlineCalls == 0 ? "–" : Report.ms(hotlineJitNanos / 1e6 / hotlineCalls)) + ", bare "
                + (bareCalls == 0 ? "–" : Report.ms(bareJitNanos / 1e6 / bareCalls))
                + " (part of the server CPU above)"
                + (hotlineWarm.quiet() ? "" : "; **the hotline was still compiling when the warm-up's limit came**: its"
                + " CPU per call is above its steady state")
                + (bareWarm.quiet() ? "" : "; **the bare server was still compiling when the warm-up's limit came**")
                + ".";
    }

    private void reportNoThink(Report report, AgiComparison ab, Settings settings, int lines, List<Measured> runs,
                               Server baseline, Server hotline, DatabaseWork work) {
        long[] db = work == null ? null : work.totals();
        List<Measured> a = of(runs, hotline);
        List<Measured> b = of(runs, baseline);
        Function<LoadStats, Histogram> turnaround = LoadStats::turnaround;
        Histogram at = AgiComparison.pooled(a, turnaround);
        Histogram bt = AgiComparison.pooled(b, turnaround);
        Histogram af = AgiComparison.pooled(a, LoadStats::firstCommand);
        Histogram bf = AgiComparison.pooled(b, LoadStats::firstCommand);
        long aCalls = a.stream().mapToLong(m -> m.run().stats().okCalls()).sum();
        report.subsection("No think time: " + lines + (lines == 1 ? " line" : " lines") + " dialling back to back ("
                + settings.pairs() + " × " + settings.measure().toSeconds() + " s per side after a "
                + "warm-up until the JIT is quiet, see below)");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("completed calls/s", fmt(AgiComparison.okCallsPerSecond(a)),
                fmt(AgiComparison.okCallsPerSecond(b)),
                ratio(AgiComparison.okCallsPerSecond(a), AgiComparison.okCallsPerSecond(b)),
                spread(b.stream().map(m -> m.run().okCallsPerSecond()).toList(), Report::fmt),
                spread(a.stream().map(m -> m.run().okCallsPerSecond()).toList(), Report::fmt)));
        rows.add(List.of("AGI commands/s", fmt(AgiComparison.commandsPerSecond(a)),
                fmt(AgiComparison.commandsPerSecond(b)),
                ratio(AgiComparison.commandsPerSecond(a), AgiComparison.commandsPerSecond(b)), "", ""));
        rows.add(List.of("commands per call", fmt(AgiComparison.commandsPerCall(a)),
                fmt(AgiComparison.commandsPerCall(b)), "", "", ""));
        for (double pc : new double[] {50, 99, 99.9}) {
            rows.add(List.of("turnaround p" + fmt(pc).replace(".00", "").replace(".0", "") + " (samples "
                            + at.getTotalCount() + " / " + bt.getTotalCount() + ")", p(at, pc), p(bt, pc),
                    pRatio(at, bt, pc),
                    spread(b.stream().map(m -> LoadStats.millisIfEnough(m.run().stats().turnaround(), pc)).toList(),
                            Report::ms),
                    spread(a.stream().map(m -> LoadStats.millisIfEnough(m.run().stats().turnaround(), pc)).toList(),
                            Report::ms)));
        }
        rows.add(List.of("connect → first command p99", p(af, 99), p(bf, 99), pRatio(af, bf, 99), "", ""));
        rows.add(List.of("failed calls", failures(a), failures(b), "", "", ""));
        rows.add(List.of("server CPU per completed call (hotline: JVM + PostgreSQL)",
                ms(AgiComparison.serverCpuPerCall(a, Cpu.Usage::serverSideNanos)),
                ms(AgiComparison.serverCpuPerCall(b, Cpu.Usage::serverSideNanos)),
                ratio(AgiComparison.serverCpuPerCall(a, Cpu.Usage::serverSideNanos),
                        AgiComparison.serverCpuPerCall(b, Cpu.Usage::serverSideNanos)),
                spread(b.stream().map(Measured::serverCpuMillisPerCall).toList(), Report::ms),
                spread(a.stream().map(Measured::serverCpuMillisPerCall).toList(), Report::ms)));
        rows.add(List.of("… of which the application's JVM / its PostgreSQL",
                ms(AgiComparison.serverCpuPerCall(a, Cpu.Usage::serverNanos)) + " / "
                        + ms(AgiComparison.serverCpuPerCall(a, Cpu.Usage::postgresNanos)), "–", "", "", ""));
        if (a.stream().anyMatch(m -> !m.postgresByRole().isEmpty())) {
            Map<String, Long> byRole = new LinkedHashMap<>();
            a.forEach(m -> m.postgresByRole().forEach((role, nanos) -> byRole.merge(role, nanos, Long::sum)));
            long calls = Math.max(1, aCalls);
            byRole.forEach((role, nanos) -> rows.add(List.of("… its PostgreSQL: " + role,
                    ms(nanos / 1e6 / calls), "–", "", "", spread(a.stream().map(m -> m.run().stats().okCalls() == 0
                            ? Double.NaN : m.postgresByRole().getOrDefault(role, 0L) / 1e6
                            / m.run().stats().okCalls()).toList(), Report::ms))));
            rows.add(List.of("rating answers not yet applied when a run ended (the writer's catch-up is in the "
                            + "CPU above)", a.stream().map(m -> Long.toString(m.answersWaiting()))
                            .collect(java.util.stream.Collectors.joining(" / ")), "–", "", "", ""));
        }
        rows.add(List.of("generator CPU, % of a core (highest run)", maxPercent(a, Cpu.Usage::generatorNanos),
                maxPercent(b, Cpu.Usage::generatorNanos), "", "", ""));
        rows.add(List.of("others' CPU, % of a core (highest run)", maxOthers(a), maxOthers(b), "", "", ""));
        ProcessSampler.Sample ap = peak(a);
        ProcessSampler.Sample bp = peak(b);
        rows.add(List.of("RSS peak (MiB)", fmt(ap.rssMib()), fmt(bp.rssMib()), ratio(ap.rssMib(), bp.rssMib()), "",
                ""));
        rows.add(List.of("OS threads peak", Integer.toString(ap.threads()), Integer.toString(bp.threads()), "", "",
                ""));
        rows.add(List.of("PostgreSQL PSS peak (MiB) / processes", fmt(ap.postgresMib()) + " / "
                + ap.postgresProcesses(), "–", "", "", ""));
        if (db != null) {
            long calls = Math.max(1, aCalls);
            rows.add(List.of("database commits per completed call (pg_stat_database, whole cluster, over the A/B "
                    + "block)", fmt((double) db[0] / calls), "–", "", "", ""));
            rows.add(List.of("rows written per completed call (inserted + updated + deleted)",
                    fmt((double) db[1] / calls), "–", "", "", ""));
            rows.add(List.of("WAL per completed call: bytes / records (pg_stat_wal)",
                    fmt((double) db[2] / calls) + " / " + fmt((double) db[3] / calls), "–", "", "", ""));
            rows.add(List.of("WAL flushes to disk per completed call (pg_stat_io, object wal, fsyncs)",
                    fmt((double) db[4] / calls), "–", "", "", ""));
        }
        report.table(List.of("figure (pooled over the side's runs)", "hotline", "bare baseline",
                "hotline / baseline", "bare runs: lowest – highest", "hotline runs: lowest – highest"), rows);
        if (work != null && !work.byTable().isEmpty()) {
            long calls = Math.max(1, aCalls);
            report.paragraph("Rows written per completed call by table (pg_stat_user_tables of the application's "
                    + "database over the same block; the tables with most first, those under 0.05 left out):");
            List<List<String>> tableRows = new ArrayList<>();
            work.byTable().entrySet().stream()
                    .sorted((x, y) -> Long.compare(y.getValue()[0] + y.getValue()[1] + y.getValue()[2],
                            x.getValue()[0] + x.getValue()[1] + x.getValue()[2]))
                    .filter(e -> (double) (e.getValue()[0] + e.getValue()[1] + e.getValue()[2]) / calls >= 0.05)
                    .forEach(e -> tableRows.add(List.of(e.getKey(),
                            fmt((double) (e.getValue()[0] + e.getValue()[1] + e.getValue()[2]) / calls),
                            fmt((double) e.getValue()[0] / calls), fmt((double) e.getValue()[1] / calls),
                            heapOnly(e.getValue()[1], e.getValue()[3]), fmt((double) e.getValue()[2] / calls))));
            // Heap-only (HOT) updates write no index entry: an update of a column an index depends on (its key or
            // its predicate) never is one, nor one that finds no room on its row's page.
            report.table(List.of("table", "rows written per call", "inserted", "updated", "of the updates heap-only",
                    "deleted"), tableRows);
        }
        if (work != null && !work.statements().isEmpty()) {
            reportStatements(report, work.statements(), Math.max(1, aCalls));
        }
        report.paragraph("Runs in the order made:");
        report.table(AgiComparison.NO_THINK_RUN_HEADERS, ab.noThinkRows(runs));
        report.paragraph(limitStatement(ab, runs.stream().map(m -> Map.entry("#" + m.order() + " " + m.side().name(),
                m.cpu())).toList()));
        report.paragraph(rareJobsStatement(runs.stream().map(m -> Map.entry("#" + m.order() + " " + m.side().name(),
                m.rareJobs())).toList()));
        appEventsStatement(runs.stream().map(m -> Map.entry("#" + m.order() + " " + m.side().name(),
                m.appEvents())).toList()).ifPresent(report::paragraph);
        reportSlowSteps(report, a, at);
    }

    /** The statements that took most of the executor's time over the block, per completed call of the hotline. */
    private static void reportStatements(Report report, Map<Long, Statement> statements, long calls) {
        report.paragraph("Statements by the executor's time per completed call (pg_stat_statements over the same "
                + "block, `BENCH_PG_STATEMENTS=1`, statements run inside others — triggers, key checks — counted on "
                + "their own and also in the statement that ran them; the " + STATEMENTS_SHOWN + " with most). The "
                + "executor's time is wall time: it leaves out parsing, binding and the commit, and on the one core "
                + "the server has here it includes waiting for that core, so it overstates long statements most. "
                + "PostgreSQL 18 files every single-column foreign-key check under one entry, named after the first "
                + "table it checked. Preloading the extension costs the server CPU: this run's CPU figures are not "
                + "comparable with runs without it.");
        List<List<String>> rows = new ArrayList<>();
        statements.values().stream()
                .sorted((x, y) -> Double.compare(y.execMillis(), x.execMillis()))
                .limit(STATEMENTS_SHOWN)
                .forEach(st -> rows.add(List.of("`" + abbreviate(st.text()) + "`", ms(st.execMillis() / calls),
                        String.format(java.util.Locale.ROOT, "%,d", st.calls()), perCall(st.calls(), calls),
                        ms(st.execMillis() / st.calls()), perCall(st.rows(), calls),
                        perCall(st.walRecords(), calls))));
        report.paragraph("Completed hotline calls in the block: " + calls + ".");
        report.table(List.of("statement (its start)", "executor time per call", "executions", "executions per call",
                "mean", "rows per call", "WAL records per call"), rows);
    }

    private static final int STATEMENTS_SHOWN = 15;

    /** A count per call, with enough digits for what a batch of hundreds of answers does once. */
    private static String perCall(long count, long calls) {
        double v = (double) count / calls;
        return v != 0 && Math.abs(v) < 0.01 ? String.format(java.util.Locale.ROOT, "%.4f", v) : fmt(v);
    }

    private static String abbreviate(String sql) {
        String one = sql.replace('`', '\'');
        return one.length() <= 110 ? one : one.substring(0, 110) + "…";
    }

    private static String heapOnly(long updated, long hot) {
        return updated == 0 ? "–" : String.format(java.util.Locale.ROOT, "%.0f %%", 100.0 * hot / updated);
    }

    /**
     * Where the hotline's slowest turnarounds were: each step (scenario · the command the caller had just replied to)
     * with how many of its turnarounds were above the side's pooled p99 — so the tail can be put down to a cause.
     */
    private static void reportSlowSteps(Report report, List<Measured> hotlineRuns, Histogram pooled) {
        reportSlowSteps(report, "Where the hotline's slowest turnarounds were (its runs pooled)",
                hotlineRuns.stream().map(m -> m.run().stats()).toList(), pooled);
    }

    /**
     * The same for a hold: a side's hold p99 at a level is put down to the steps above it — a step after which the
     * hotline writes to its database (a rating's answer) against one it only speaks after, or every step alike (a
     * pause of the whole server).
     */
    private static void reportSlowSteps(Report report, String what, List<LoadStats> runs, Histogram pooled) {
        if (pooled.getTotalCount() < LoadStats.samplesNeeded(99)) {
            return;
        }
        long p99 = pooled.getValueAtPercentile(99);
        Map<String, List<Histogram>> byStep = new java.util.TreeMap<>();
        for (LoadStats stats : runs) {
            stats.turnaroundByStep().forEach((step, h) ->
                    byStep.computeIfAbsent(step, k -> new ArrayList<>()).add(h));
        }
        record Step(String name, Histogram h, long above) { }
        List<Step> steps = new ArrayList<>();
        long aboveAll = 0;
        for (var e : byStep.entrySet()) {
            Histogram h = LoadStats.pooled(e.getValue());
            long above = h.getTotalCount() == 0 || h.getMaxValue() <= p99 ? 0
                    : h.getCountBetweenValues(h.nextNonEquivalentValue(p99), h.getMaxValue());
            aboveAll += above;
            steps.add(new Step(e.getKey(), h, above));
        }
        if (aboveAll == 0) {
            return;
        }
        steps.sort(java.util.Comparator.comparingLong(Step::above).reversed());
        List<List<String>> rows = new ArrayList<>();
        for (Step st : steps.subList(0, Math.min(12, steps.size()))) {
            if (st.above() == 0) {
                break;
            }
            rows.add(List.of(st.name(), Long.toString(st.h().getTotalCount()), Long.toString(st.above()),
                    fmt(100.0 * st.above() / aboveAll) + " %", p(st.h(), 50), p(st.h(), 99),
                    Report.ms(st.h().getMaxValue() / 1_000_000.0)));
        }
        report.paragraph(what + ": the " + aboveAll
                + " turnarounds above the pooled p99 (" + Report.ms(p99 / 1_000_000.0) + ") by the step they followed"
                + " (the scenario · the command the caller had just replied to), the steps with most of them first:");
        report.table(List.of("step", "turnarounds", "above the p99", "share of those above", "its p50", "its p99",
                "its longest"), rows);
    }

    private void reportRamp(Report report, AgiComparison ab, Settings settings, Map<Integer, List<HeldRun>> ramp,
                            Server baseline, Server hotline, String broke) {
        report.subsection("Ramp and sustained hold with human pacing (prompts ~" + Pacing.HUMAN.promptMillis() / 1000.0
                + " s, a key every ~" + Pacing.HUMAN.keyMillis() + " ms, recordings ~"
                + Pacing.HUMAN.recordMillis() / 1000 + " s)");
        report.paragraph("At each level the lines are started evenly over " + settings.ramp().toSeconds()
                + " s (the *ramp*), then **held for " + settings.hold().toSeconds() + " s** (a line whose call ends "
                + "dials again at once): the hold is measured apart from the ramp. At the end of the hold the callers "
                + "hang up (\"calls cut\", neither OK nor failed) and the waits they had open are counted at their "
                + "length so far. A call is counted in the phase in which it ends. \"Calls in progress\" is the "
                + "generator's count, looked at every 100 ms during the hold; the server's IN_PROGRESS rows are read "
                + "¾ into the hold.");
        List<List<String>> summary = new ArrayList<>();
        List<HeldRun> all = new ArrayList<>();
        for (var e : ramp.entrySet()) {
            int level = e.getKey();
            List<HeldRun> a = AgiComparison.heldOf(e.getValue(), hotline);
            List<HeldRun> b = AgiComparison.heldOf(e.getValue(), baseline);
            all.addAll(e.getValue());
            Histogram ah = AgiComparison.pooledHold(a, LoadStats::turnaround);
            Histogram bh = AgiComparison.pooledHold(b, LoadStats::turnaround);
            Histogram ar = AgiComparison.pooledRamp(a, LoadStats::turnaround);
            Histogram br = AgiComparison.pooledRamp(b, LoadStats::turnaround);
            Histogram af = AgiComparison.pooledHold(a, LoadStats::firstCommand);
            Histogram bf = AgiComparison.pooledHold(b, LoadStats::firstCommand);
            ProcessSampler.Sample ap = heldPeak(a);
            ProcessSampler.Sample bp = heldPeak(b);
            summary.add(List.of(Integer.toString(level),
                    p(ah, 50) + " / " + p(bh, 50) + " (" + pRatio(ah, bh, 50) + ")",
                    p(ah, 99) + " / " + p(bh, 99) + " (" + pRatio(ah, bh, 99) + ")",
                    spread(b.stream().map(r -> LoadStats.millisIfEnough(r.held().hold().stats().turnaround(), 99))
                            .toList(), Report::ms),
                    spread(a.stream().map(r -> LoadStats.millisIfEnough(r.held().hold().stats().turnaround(), 99))
                            .toList(), Report::ms),
                    p(ar, 99) + " / " + p(br, 99) + " (" + pRatio(ar, br, 99) + ")",
                    p(af, 99) + " / " + p(bf, 99),
                    stalls(a) + " / " + stalls(b),
                    held(a, level) + " / " + held(b, level),
                    fmt(ap.rssMib()) + " (" + ratio(ap.rssMib(), bp.rssMib()) + ")",
                    ap.threads() + " (" + bp.threads() + ")",
                    fmt(ap.postgresMib()) + " / " + ap.postgresProcesses()));
        }
        report.table(List.of("lines", "hold turnaround p50, hotline / bare (×)", "hold p99, hotline / bare (×)",
                "bare runs' hold p99: lowest – highest", "hotline runs' hold p99: lowest – highest",
                "ramp p99, hotline / bare (×)", "hold connect → first command p99, hotline / bare",
                "stalled waits, hotline / bare", "held? hotline / bare", "RSS MiB peak (× bare)",
                "OS threads (bare)", "PostgreSQL PSS MiB / processes"), summary);
        report.paragraph("\"Held\" = in every run of the side at that level: no stalled wait, no call refused, not "
                + "connected, broken or runaway, at most 1 % of calls failed, and at least 95 % of the lines in a "
                + "call at every look during the hold.");
        report.paragraph("Runs in the order made:");
        report.table(AgiComparison.HELD_RUN_HEADERS, ab.heldRows(all));
        report.paragraph(limitStatement(ab, all.stream().map(r -> Map.entry("#" + r.order() + " "
                + r.side().name() + " at " + r.held().lines(), r.holdCpu())).toList()));
        report.paragraph(rareJobsStatement(all.stream().map(r -> Map.entry("#" + r.order() + " "
                + r.side().name() + " at " + r.held().lines(), r.rareJobs())).toList()));
        appEventsStatement(all.stream().map(r -> Map.entry("#" + r.order() + " " + r.side().name() + " at "
                + r.held().lines(), r.appEvents())).toList()).ifPresent(report::paragraph);
        for (var e : ramp.entrySet()) {
            for (Server side : List.of(hotline, baseline)) {
                List<HeldRun> runs = AgiComparison.heldOf(e.getValue(), side);
                reportSlowSteps(report, "Where the " + (side == hotline ? "hotline's" : "bare server's")
                                + " slowest hold turnarounds at " + e.getKey() + " lines were (its runs pooled)",
                        runs.stream().map(r -> r.held().hold().stats()).toList(),
                        AgiComparison.pooledHold(runs, LoadStats::turnaround));
            }
        }
        int heldLevel = 0;
        for (var e : ramp.entrySet()) {
            if (held(AgiComparison.heldOf(e.getValue(), hotline), e.getKey()).equals("yes")) {
                heldLevel = Math.max(heldLevel, e.getKey());
            }
        }
        report.paragraph("**Highest level held by the hotline: " + (heldLevel == 0 ? "none" : heldLevel
                + " concurrent calls") + ".** " + (broke == null ? "Nothing broke up to the highest level tried ("
                + settings.levels().getLast() + ")." : "Broke " + broke));
    }

    private void reportGoals(Report report, AgiComparison ab, Settings settings, Map<Integer, List<Measured>> noThink,
                             Map<Integer, List<HeldRun>> ramp, Server baseline, Server hotline) {
        report.subsection("Issue 16's goals (FastAGI)");
        List<List<String>> rows = new ArrayList<>();
        // 1. one caller's turnaround
        List<Measured> one = noThink.get(1);
        if (one == null) {
            rows.add(List.of("turnaround p99 at 1 line < 5 ms", "–", "–", "not measured (no 1-line run)"));
        } else {
            Histogram a = AgiComparison.pooled(of(one, hotline), LoadStats::turnaround);
            Histogram b = AgiComparison.pooled(of(one, baseline), LoadStats::turnaround);
            double p99 = LoadStats.millisIfEnough(a, 99);
            rows.add(List.of("turnaround p99 at 1 line (no think time) < 5 ms", p(a, 99) + " (n=" + a.getTotalCount()
                    + ")", p(b, 99), Double.isNaN(p99) ? "not measured (too few samples)" : verdict(p99 < 5)));
        }
        // 2. 2,000 lines
        List<HeldRun> two = ramp.get(2000);
        if (two == null) {
            rows.add(List.of("hold p99 at 2,000 lines ≤ 2 × bare's", "–", "–",
                    "not measured (" + (settings.throughputOnly() ? "throughput only" : "level not reached") + ")"));
        } else {
            Histogram a = AgiComparison.pooledHold(AgiComparison.heldOf(two, hotline), LoadStats::turnaround);
            Histogram b = AgiComparison.pooledHold(AgiComparison.heldOf(two, baseline), LoadStats::turnaround);
            double pa = LoadStats.millisIfEnough(a, 99);
            double pb = LoadStats.millisIfEnough(b, 99);
            List<Double> bareRuns = AgiComparison.heldOf(two, baseline).stream()
                    .map(r -> LoadStats.millisIfEnough(r.held().hold().stats().turnaround(), 99))
                    .filter(d -> !Double.isNaN(d)).sorted().toList();
            boolean robust = bareRuns.size() < 2 || pa <= 2 * bareRuns.getFirst() == pa <= 2 * bareRuns.getLast();
            String noise = bareRuns.size() < 2 ? "" : "; against the bare runs' lowest / highest p99: "
                    + ratio(pa, bareRuns.getFirst()) + " / " + ratio(pa, bareRuns.getLast());
            rows.add(List.of("hold turnaround p99 at 2,000 lines ≤ 2 × bare's p99 at the same level",
                    p(a, 99) + " (" + ratio(pa, pb) + noise + ")", p(b, 99),
                    Double.isNaN(pa) || Double.isNaN(pb) ? "not measured (too few samples)" : verdict(pa <= 2 * pb)
                            + (robust ? "" : " — but not against every bare run: the verdict depends on the "
                            + "baseline's noise")));
        }
        // 3. and 4. throughput and CPU per call at the throughput line count
        int lines = settings.noThinkLines().getLast();
        List<Measured> tp = noThink.get(lines);
        List<Measured> ta = of(tp, hotline);
        List<Measured> tb = of(tp, baseline);
        double ca = AgiComparison.okCallsPerSecond(ta);
        double cb = AgiComparison.okCallsPerSecond(tb);
        String bareBound = tb.stream().map(m -> ab.generatorNote(m.cpu())).filter(s -> !s.isEmpty()).findFirst()
                .map(s -> "; bare runs " + s + ": the baseline is understated, the ratio overstated").orElse("");
        rows.add(List.of("no-think throughput (" + lines + " lines) ≥ 0.5 × bare",
                fmt(ca) + " calls/s (" + ratio(ca, cb) + bareBound + ")", fmt(cb) + " calls/s", verdict(ca >= 0.5 * cb)));
        double pa = AgiComparison.serverCpuPerCall(ta, Cpu.Usage::serverSideNanos);
        double pb = AgiComparison.serverCpuPerCall(tb, Cpu.Usage::serverSideNanos);
        rows.add(List.of("server CPU per call (" + lines + " lines, hotline JVM + PostgreSQL) ≤ 3 × bare",
                ms(pa) + " (" + ratio(pa, pb) + ")", ms(pb), Double.isNaN(pa) || Double.isNaN(pb) ? "not measured"
                        : verdict(pa <= 3 * pb)));
        // 5. 3,000 held without a stall
        List<HeldRun> three = ramp.get(3000);
        if (three == null) {
            rows.add(List.of("3,000 concurrent calls held without a stall", "–", "–",
                    "not measured (" + (settings.throughputOnly() ? "throughput only" : "level not reached") + ")"));
        } else {
            List<HeldRun> a = AgiComparison.heldOf(three, hotline);
            double longest = a.stream().mapToDouble(r -> Math.max(r.held().ramp().stats().longestWaitMillis(),
                    r.held().hold().stats().longestWaitMillis())).max().orElse(Double.NaN);
            String minIn = String.join(", ", a.stream().map(r -> Integer.toString(r.held().hold().stats()
                    .minInFlight())).toList());
            rows.add(List.of("3,000 concurrent calls held for " + settings.hold().toSeconds() + " s without a stall",
                    "stalled waits " + stalls(a) + "; failures per run: " + String.join(", ", a.stream().map(r ->
                            AgiComparison.failures(r.held().ramp().stats(), r.held().hold().stats())).toList())
                            + "; fewest calls in progress in the hold per run: " + minIn + "; longest wait "
                            + ms(longest),
                    "bare: stalled waits " + stalls(AgiComparison.heldOf(three, baseline)),
                    verdict(held(a, 3000).equals("yes"))));
        }
        report.table(List.of("goal", "hotline", "bare baseline", "verdict"), rows);
        report.paragraph("The ingestion goals are in the `ingest` report.");
    }

    private static String verdict(boolean met) {
        return met ? "**met**" : "**not met**";
    }

    /** "yes" when every run of the side held the level (see the report's definition), else "no". */
    static String held(List<HeldRun> runs, int level) {
        if (runs.isEmpty()) {
            return "–";
        }
        for (HeldRun r : runs) {
            LoadStats ramp = r.held().ramp().stats();
            LoadStats hold = r.held().hold().stats();
            if (AgiComparison.broke(ramp) || AgiComparison.broke(hold) || hold.minInFlight() < level * 0.95) {
                return "no";
            }
        }
        return "yes";
    }

    private static long stalls(List<HeldRun> runs) {
        return runs.stream().mapToLong(r -> r.held().ramp().stats().stalledWaits()
                + r.held().hold().stats().stalledWaits()).sum();
    }

    private static String failures(List<Measured> runs) {
        List<String> f = runs.stream().map(m -> m.run().stats().failureSummary()).filter(s -> !s.equals("none"))
                .toList();
        long stalled = runs.stream().mapToLong(m -> m.run().stats().stalledWaits()).sum();
        return (f.isEmpty() ? "none" : String.join("; ", f)) + (stalled > 0 ? " (stalled waits " + stalled + ")" : "");
    }

    private static String maxPercent(List<Measured> runs, Function<Cpu.Usage, Long> which) {
        return fmt(runs.stream().mapToDouble(m -> m.cpu().percentOfCore(which.apply(m.cpu()))).max()
                .orElse(Double.NaN)) + " %";
    }

    private static String maxOthers(List<Measured> runs) {
        return fmt(runs.stream().mapToDouble(m -> m.cpu().othersPercentOfCore()).max().orElse(Double.NaN)) + " %";
    }

    private static ProcessSampler.Sample peak(List<Measured> runs) {
        return runs.stream().map(Measured::peak).reduce(FastAgiBenchmark::max)
                .orElse(new ProcessSampler.Sample(0, 0, 0, 0));
    }

    private static ProcessSampler.Sample heldPeak(List<HeldRun> runs) {
        return runs.stream().map(HeldRun::peak).reduce(FastAgiBenchmark::max)
                .orElse(new ProcessSampler.Sample(0, 0, 0, 0));
    }

    private static ProcessSampler.Sample max(ProcessSampler.Sample a, ProcessSampler.Sample b) {
        return new ProcessSampler.Sample(Math.max(a.rssKib(), b.rssKib()), Math.max(a.threads(), b.threads()),
                Math.max(a.postgresPssKib(), b.postgresPssKib()), Math.max(a.postgresProcesses(), b.postgresProcesses()));
    }

    /**
     * The report's sentence on the application's rare scheduled jobs (nightly, daily, weekly) in the runs: they run
     * on the clock of the place served, so the minute a benchmark starts decides whether its runs contain one.
     */
    static String rareJobsStatement(List<Map.Entry<String, List<String>>> runs) {
        List<String> with = runs.stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").toList();
        if (with.isEmpty()) {
            return "None of the application's rare scheduled jobs (those repeating less often than hourly, such as "
                    + "the nightly scoring at 01:30 Asia/Ho_Chi_Minh, 18:30 UTC) fired in these runs or in the "
                    + RareJobs.LEAD.toMinutes() + " min before one (read from Quartz's tables after each run).";
        }
        return "**The application's rare scheduled jobs fired** in or just before " + String.join(", ", with)
                + ": those runs measure the calls and the job together, not the calls' steady state; compare them "
                + "with care or run again at another time.";
    }

    /**
     * The report's sentence on the runs in which the hotline's database path was not in its steady state (down, or
     * catching up from its journal), if any ({@link vn.dancham.bench.sys.AppLogEvents}).
     */
    static java.util.Optional<String> appEventsStatement(List<Map.Entry<String, List<String>>> runs) {
        List<String> with = runs.stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + " (" + String.join("; ", e.getValue()) + ")").toList();
        if (with.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("**The hotline's database path was not in its steady state** in "
                + String.join(", ", with) + ": while it takes its database for down it writes less, while it replays "
                + "its journal it writes more; those runs' CPU and turnarounds are not the calls' steady state.");
    }

    /** The report's sentence on whether the generator limited any run. */
    static String limitStatement(AgiComparison ab, List<Map.Entry<String, Cpu.Usage>> runs) {
        List<String> limited = new ArrayList<>();
        double highest = 0;
        for (var e : runs) {
            String note = ab.generatorNote(e.getValue());
            if (!note.isEmpty()) {
                limited.add(e.getKey() + " (" + note + ")");
            }
            if (e.getValue() != null) {
                highest = Math.max(highest, e.getValue().percentOfCore(e.getValue().generatorNanos()));
            }
        }
        if (limited.isEmpty()) {
            return "The generator was not the limit in any of these runs (at most " + fmt(highest)
                    + " % of a core; limit " + (int) AgiComparison.GENERATOR_LIMIT_PERCENT + " %).";
        }
        return "**The generator was the limit** in " + String.join(", ", limited) + ": those runs measure the "
                + "generator (or the machine's other load on its core), not the server; a baseline so limited is "
                + "understated and every ratio to it overstated.";
    }

    /**
     * Commits and rows written so far in every database of the application's PostgreSQL (the statistics are
     * cumulative; the difference over a phase, divided by its calls, is the work per call). Includes other work of
     * the application in that time (the scheduler, the rating writer), which is part of a call's cost.
     */
    private static DatabaseWork databaseWork(String jdbcUrl) throws Exception {
        // Backends report their counts when idle, within PostgreSQL's idle statistics interval (10 s): wait it out.
        Thread.sleep(11_000);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            c.createStatement().execute("SELECT pg_stat_clear_snapshot()");
            long[] totals;
            // WAL written (pg_stat_wal) and its flushes to disk (pg_stat_io, PostgreSQL 16+; each synchronous commit
            // that finds its WAL not yet flushed makes one, group commit shares one among several).
            try (java.sql.ResultSet rs = c.createStatement().executeQuery(
                    "SELECT (SELECT sum(xact_commit)::bigint FROM pg_stat_database), "
                            + "(SELECT sum(tup_inserted + tup_updated + tup_deleted)::bigint FROM pg_stat_database), "
                            + "(SELECT wal_bytes::bigint FROM pg_stat_wal), (SELECT wal_records FROM pg_stat_wal), "
                            + "(SELECT coalesce(sum(fsyncs), 0)::bigint FROM pg_stat_io WHERE object = 'wal')")) {
                rs.next();
                totals = new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
            }
            // Where those rows go: the application's own tables (this connection's database).
            Map<String, long[]> byTable = new LinkedHashMap<>();
            try (java.sql.ResultSet rs = c.createStatement().executeQuery(
                    "SELECT schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_del, n_tup_hot_upd "
                            + "FROM pg_stat_user_tables")) {
                while (rs.next()) {
                    byTable.put(rs.getString(1),
                            new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
            return new DatabaseWork(totals, byTable, statements(c));
        }
    }

    /**
     * pg_stat_statements' cumulative counts by statement, when the extension is there (BENCH_PG_STATEMENTS): per
     * query id, executions, executor milliseconds, rows and WAL records, and one text. An id can have two entries
     * (run at top level, and inside another statement's trigger or key check): they are added up. The harness's own
     * reads of PostgreSQL's statistics are left out.
     */
    private static Map<Long, Statement> statements(java.sql.Connection c) throws java.sql.SQLException {
        Map<Long, Statement> out = new LinkedHashMap<>();
        try (java.sql.ResultSet has = c.createStatement().executeQuery(
                "SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
            if (!has.next()) {
                return out;
            }
        }
        try (java.sql.ResultSet rs = c.createStatement().executeQuery(
                "SELECT queryid, calls, total_exec_time, rows, wal_records, query FROM pg_stat_statements "
                        + "WHERE queryid IS NOT NULL AND query NOT LIKE '%pg_stat%' AND query NOT LIKE '%pg_extension%'")) {
            while (rs.next()) {
                Statement now = new Statement(rs.getLong(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6).replaceAll("\\s+", " ").strip());
                out.merge(rs.getLong(1), now, Statement::plus);
            }
        }
        return out;
    }

    /** One statement's cumulative counts in pg_stat_statements. */
    record Statement(long calls, double execMillis, long rows, long walRecords, String text) {

        Statement plus(Statement other) {
            return new Statement(calls + other.calls, execMillis + other.execMillis, rows + other.rows,
                    walRecords + other.walRecords, text);
        }

        Statement minus(Statement earlier) {
            return earlier == null ? this : new Statement(calls - earlier.calls, execMillis - earlier.execMillis,
                    rows - earlier.rows, walRecords - earlier.walRecords, text);
        }
    }

    /** Cumulative database counters: the cluster's totals and each application table's rows written. */
    record DatabaseWork(long[] totals, Map<String, long[]> byTable, Map<Long, Statement> statements) {

        /** What was done between {@code earlier} and this reading. */
        DatabaseWork since(DatabaseWork earlier) {
            long[] t = new long[totals.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = totals[i] - earlier.totals[i];
            }
            Map<String, long[]> tables = new LinkedHashMap<>();
            byTable.forEach((name, now) -> {
                long[] then = earlier.byTable.getOrDefault(name, new long[now.length]);
                long[] d = new long[now.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = now[i] - then[i];
                }
                tables.put(name, d);
            });
            Map<Long, Statement> ran = new LinkedHashMap<>();
            statements.forEach((id, now) -> {
                Statement d = now.minus(earlier.statements.get(id));
                if (d.calls() > 0) {
                    ran.put(id, d);
                }
            });
            return new DatabaseWork(t, tables, ran);
        }
    }

    /**
     * What runs the bare server's calls: {@code BENCH_BARE_THREADS}, {@code virtual} (default, as the hotline's) or
     * {@code platform} (as the hotline with {@code dancham.ivr.call-threads=platform}).
     */
    private static String bareThreads() {
        String threads = Settings.env("BENCH_BARE_THREADS", "virtual");
        if (!threads.equals("virtual") && !threads.equals("platform")) {
            throw new IllegalArgumentException("BENCH_BARE_THREADS: virtual or platform, not " + threads);
        }
        return threads;
    }

    /** The options the application's JVM is started with: as deployed, then {@code BENCH_APP_JVM_OPTS}. */
    private static List<String> appJvmOptions() {
        List<String> options = new java.util.ArrayList<>(AppProcess.AS_DEPLOYED);
        Arrays.stream(Settings.env("BENCH_APP_JVM_OPTS", "").split("\\s+")).filter(s -> !s.isEmpty())
                .forEach(options::add);
        return options;
    }
}
