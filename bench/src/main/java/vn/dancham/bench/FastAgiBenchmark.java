package vn.dancham.bench;

import org.HdrHistogram.Histogram;
import vn.dancham.bench.agi.BareAgiServer;
import vn.dancham.bench.agi.CallPlan;
import vn.dancham.bench.agi.CallResult;
import vn.dancham.bench.agi.HotlineScenarios;
import vn.dancham.bench.agi.LoadDriver;
import vn.dancham.bench.agi.LoadStats;
import vn.dancham.bench.agi.Pacing;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.AppProcess;
import vn.dancham.bench.sys.Files2;
import vn.dancham.bench.sys.JavaProcess;
import vn.dancham.bench.sys.Machine;
import vn.dancham.bench.sys.ProcessSampler;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static vn.dancham.bench.report.Report.fmt;
import static vn.dancham.bench.report.Report.ms;
import static vn.dancham.bench.report.Report.ratio;

/**
 * Benchmark 1: concurrent calls on our FastAGI server against the running application and its PostgreSQL,
 * against a bare FastAGI script on the same library that sends the same commands with no work behind them.
 * <ol>
 *   <li>Throughput: a few lines dialling back to back with no think time — calls/s and turnaround.</li>
 *   <li>Ramp: ever more lines held at once with human pacing (prompts play, keys are typed, recordings last
 *       seconds), until calls fail — the level, what broke, turnaround, RSS and threads at each level.</li>
 * </ol>
 */
final class FastAgiBenchmark implements Main.Benchmark {

    record Side(LoadDriver.Run run, ProcessSampler.Sample peak, long serverInProgress) {
    }

    @Override
    public void run(Options o, Report report) throws Exception {
        Path work = o.work().resolve("fastagi");
        Files2.deleteRecursively(work);
        Path appDir = work.resolve("app");
        int readTimeout = 15_000;
        try (AppProcess app = AppProcess.launch(o.jar(), appDir, appProperties(), List.of())) {
            app.awaitHealthUp(Duration.ofMinutes(4));
            report.postgresVersion(Machine.postgresVersion(app.jdbcUrl(), "postgres"));
            HotlineScenarios scenarios = HotlineScenarios.fromDatabase(app.jdbcUrl());
            InetSocketAddress appAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), app.agiPort());
            LoadDriver appDriver = new LoadDriver(appAddress, appDir, readTimeout);

            // One call of each scenario, recorded: it checks that every path works and gives the baseline its script.
            Map<String, List<String>> transcripts = new LinkedHashMap<>();
            List<List<String>> calibration = new ArrayList<>();
            for (String scenario : HotlineScenarios.MIX.keySet()) {
                CallResult r = appDriver.once(scenarios.plan(scenario));
                transcripts.put(scenario, r.transcript());
                calibration.add(List.of(scenario, r.outcome().name(), Integer.toString(r.commands()),
                        r.detail() == null ? "" : r.detail()));
                System.err.println("calibration " + scenario + ": " + r.outcome() + " " + r.commands() + " commands"
                        + (r.detail() == null ? "" : " — " + r.detail()));
            }
            Path transcriptFile = work.resolve("transcripts.tsv");
            BareAgiServer.Transcripts.write(transcriptFile, transcripts);

            int barePort = AppProcess.freePort();
            try (JavaProcess bare = JavaProcess.start(BareAgiServer.class, List.of(),
                    List.of(Integer.toString(barePort), transcriptFile.toString(), "virtual", "3600"),
                    work.resolve("bare.log"), Duration.ofMinutes(1));
                 ProcessSampler appSampler = new ProcessSampler(app.pid(), app.postgres(), 250);
                 ProcessSampler bareSampler = new ProcessSampler(bare.pid(), null, 250)) {
                LoadDriver bareDriver = new LoadDriver(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), barePort), null, readTimeout);
                Supplier<CallPlan> appPlans = scenarios.mixed();
                Supplier<CallPlan> barePlans = scenarios.bareMixed();

                report.section("1. Concurrent calls on FastAGI");
                report.paragraph("The load generator speaks FastAGI as Asterisk's res_agi does (agi_* environment, "
                        + "blank line, `200 result=` replies, `HANGUP` then `511` after the caller hangs up) to "
                        + "`java -jar admin-web/target/dancham.jar` on the embedded PostgreSQL with the demo data. "
                        + "Call mix: " + HotlineScenarios.MIX + " (percent). The **baseline** is a bare "
                        + "Asterisk-Java `DefaultAgiServer` script (one virtual thread per call) in its own JVM that "
                        + "replays, for each scenario, the exact command lines our hotline sent in the calibration "
                        + "call below, with no work behind them. Turnaround = time from our reply leaving the "
                        + "generator to the next command arriving (server time plus one loopback round trip, the same "
                        + "for both). The generator runs on the same 2 cores as the server, for both sides.");
                report.subsection("Calibration: one call per scenario against the hotline");
                report.table(List.of("scenario", "outcome", "AGI commands", "detail"), calibration);

                // Throughput, no think time.
                // BENCH_FASTAGI_LINES: another number of lines (1 for the one-caller turnaround of issue 16).
                int lines = Integer.parseInt(System.getenv().getOrDefault("BENCH_FASTAGI_LINES",
                        Integer.toString(o.pick(8, 16))));
                Duration warm = Duration.ofSeconds(o.pick(5, 15));
                Duration measure = Duration.ofSeconds(o.pick(15, 60));
                bareDriver.run(lines, barePlans, Pacing.NONE, Duration.ZERO, warm, Long.MAX_VALUE);
                bareSampler.resetPeak();
                LoadDriver.Run bareTp = bareDriver.run(lines, barePlans, Pacing.NONE, Duration.ZERO, measure,
                        Long.MAX_VALUE);
                ProcessSampler.Sample bareTpPeak = bareSampler.resetPeak();
                appDriver.run(lines, appPlans, Pacing.NONE, Duration.ZERO, warm, Long.MAX_VALUE);
                appSampler.resetPeak();
                long[] dbBefore = databaseWork(app.jdbcUrl());
                LoadDriver.Run appTp = appDriver.run(lines, appPlans, Pacing.NONE, Duration.ZERO, measure,
                        Long.MAX_VALUE);
                long[] dbAfter = databaseWork(app.jdbcUrl());
                ProcessSampler.Sample appTpPeak = appSampler.resetPeak();
                long calls = Math.max(1, appTp.stats().okCalls());

                report.subsection("Throughput with no think time (" + lines + " lines dialling back to back, "
                        + measure.toSeconds() + " s after " + warm.toSeconds() + " s warm-up)");
                report.table(List.of("figure", "hotline", "bare baseline", "hotline / baseline"), List.of(
                        row("completed calls/s", appTp.okCallsPerSecond(), bareTp.okCallsPerSecond()),
                        row("AGI commands/s", appTp.commandsPerSecond(), bareTp.commandsPerSecond()),
                        row("commands per call", perCall(appTp), perCall(bareTp)),
                        msRow("turnaround p50", appTp.stats().turnaround(), bareTp.stats().turnaround(), 50),
                        msRow("turnaround p99", appTp.stats().turnaround(), bareTp.stats().turnaround(), 99),
                        msRow("turnaround p99.9", appTp.stats().turnaround(), bareTp.stats().turnaround(), 99.9),
                        msRow("connect → first command p99", appTp.stats().firstCommand(),
                                bareTp.stats().firstCommand(), 99),
                        List.of("failed calls", appTp.stats().failureSummary(), bareTp.stats().failureSummary(), ""),
                        row("RSS peak (MiB)", appTpPeak.rssMib(), bareTpPeak.rssMib()),
                        row("OS threads peak", appTpPeak.threads(), bareTpPeak.threads()),
                        List.of("PostgreSQL PSS peak (MiB) / processes", fmt(appTpPeak.postgresMib()) + " / "
                                + appTpPeak.postgresProcesses(), "–", ""),
                        List.of("database commits per completed call (pg_stat_database, whole cluster)",
                                fmt((double) (dbAfter[0] - dbBefore[0]) / calls), "–", ""),
                        List.of("rows written per completed call (inserted + updated + deleted)",
                                fmt((double) (dbAfter[1] - dbBefore[1]) / calls), "–", "")));
                if (System.getenv("BENCH_FASTAGI_THROUGHPUT_ONLY") != null) {
                    // A quick comparison (issue 16's before/after): no ramp.
                    return;
                }

                // Ramp with human pacing.
                List<Integer> levels = o.pick(List.of(250, 1000, 2000, 3000), List.of(100, 250, 500, 1000, 1500, 2000,
                        3000, 4000));
                Duration ramp = Duration.ofSeconds(o.pick(10, 30));
                Duration hold = Duration.ofSeconds(o.pick(20, 60));
                List<List<String>> rows = new ArrayList<>();
                String broke = null;
                int heldWithoutFailure = 0;
                for (int level : levels) {
                    Side b = side(bareDriver, bareSampler, null, level, barePlans, ramp, hold);
                    Side a = side(appDriver, appSampler, app.jdbcUrl(), level, appPlans, ramp, hold);
                    LoadStats s = a.run().stats();
                    rows.add(List.of(Integer.toString(level),
                            s.peakInFlight() + " / " + (a.serverInProgress() < 0 ? "–" : a.serverInProgress()),
                            s.okCalls() + " / " + s.calls(),
                            s.failureSummary(),
                            ms(LoadStats.millis(s.turnaround(), 50)) + " (" + ratio(LoadStats.millis(s.turnaround(), 50),
                                    LoadStats.millis(b.run().stats().turnaround(), 50)) + ")",
                            ms(LoadStats.millis(s.turnaround(), 99)) + " (" + ratio(LoadStats.millis(s.turnaround(), 99),
                                    LoadStats.millis(b.run().stats().turnaround(), 99)) + ")",
                            ms(LoadStats.millis(s.firstCommand(), 99)),
                            fmt(a.peak().rssMib()) + " (" + ratio(a.peak().rssMib(), b.peak().rssMib()) + ")",
                            a.peak().threads() + " (" + b.peak().threads() + ")",
                            fmt(a.peak().postgresMib()) + " / " + a.peak().postgresProcesses(),
                            b.run().stats().failureSummary(),
                            fmt(Machine.loadAverageNow())));
                    boolean failed = s.failedCalls() > s.calls() / 100
                            || s.count(CallResult.Outcome.REFUSED) + s.count(CallResult.Outcome.CONNECT_FAILED)
                            + s.count(CallResult.Outcome.STALLED) > 0;
                    if (failed) {
                        broke = "at " + level + " lines: " + s.failureSummary() + ". Samples: "
                                + String.join("; ", s.failureSamples());
                        break;
                    }
                    heldWithoutFailure = level;
                }
                report.subsection("Ramp with human pacing (prompts ~" + Pacing.HUMAN.promptMillis() / 1000.0
                        + " s, a key every ~" + Pacing.HUMAN.keyMillis() + " ms, recordings ~"
                        + Pacing.HUMAN.recordMillis() / 1000 + " s; each level: " + ramp.toSeconds() + " s ramp + "
                        + hold.toSeconds() + " s hold)");
                report.table(List.of("lines", "calls in progress peak (generator / server's IN_PROGRESS rows)",
                        "calls OK / placed", "failures", "turnaround p50 (× baseline)", "turnaround p99 (× baseline)",
                        "connect → first command p99", "RSS MiB (× baseline)", "OS threads (baseline)",
                        "PostgreSQL PSS MiB / processes", "baseline failures", "load avg"), rows);
                report.paragraph("**Held without failure: " + heldWithoutFailure + " concurrent calls.** "
                        + (broke == null ? "Nothing broke up to the highest level tried (" + levels.getLast()
                        + ")." : "Broke " + broke));
                List<String> problems = app.problemsInLog(15);
                if (!problems.isEmpty()) {
                    report.paragraph("Warnings and errors in the application's log during the run (first 15):");
                    report.code(problems.stream().map(l -> l.length() > 300 ? l.substring(0, 300) + "…" : l)
                            .toList());
                }
            }
        }
    }

    /**
     * Commits and rows written so far in every database of the application's PostgreSQL (the statistics are
     * cumulative; the difference over a phase, divided by its calls, is the work per call). Includes other work of
     * the application in that time (the scheduler, the rating writer), which is part of a call's cost.
     */
    private static long[] databaseWork(String jdbcUrl) throws Exception {
        // Backends report their counts when idle, within PostgreSQL's idle statistics interval (10 s): wait it out.
        Thread.sleep(11_000);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            c.createStatement().execute("SELECT pg_stat_clear_snapshot()");
            try (java.sql.ResultSet rs = c.createStatement().executeQuery(
                    "SELECT sum(xact_commit)::bigint, sum(tup_inserted + tup_updated + tup_deleted)::bigint "
                            + "FROM pg_stat_database")) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static Side side(LoadDriver driver, ProcessSampler sampler, String jdbcUrl, int lines,
                             Supplier<CallPlan> plans, Duration ramp, Duration hold) throws Exception {
        sampler.resetPeak();
        LoadStats stats = new LoadStats();
        long[] inProgress = {-1};
        Thread watcher = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(ramp.plus(hold.multipliedBy(3).dividedBy(4)));
                if (jdbcUrl != null) {
                    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                         ResultSet rs = c.createStatement().executeQuery(
                                 "SELECT count(*) FROM hotline_call WHERE outcome = 'IN_PROGRESS'")) {
                        rs.next();
                        inProgress[0] = rs.getLong(1);
                    }
                }
            } catch (Exception e) {
                // the figure stays "–"
            }
        });
        System.err.println("level " + lines + " on " + (jdbcUrl == null ? "baseline" : "hotline"));
        LoadDriver.Run run = driver.run(lines, plans, Pacing.HUMAN, ramp, hold, Long.MAX_VALUE, stats);
        watcher.join(Duration.ofSeconds(10));
        System.err.println("  " + run.stats().okCalls() + "/" + run.stats().calls() + " ok, failures "
                + run.stats().failureSummary() + ", p99 " + ms(LoadStats.millis(run.stats().turnaround(), 99)));
        return new Side(run, sampler.resetPeak(), inProgress[0]);
    }

    private static Map<String, String> appProperties() {
        return Map.of();
    }

    private static double perCall(LoadDriver.Run run) {
        return run.stats().calls() == 0 ? Double.NaN : (double) run.stats().commands() / run.stats().calls();
    }

    private static List<String> row(String name, double ours, double base) {
        return List.of(name, fmt(ours), fmt(base), ratio(ours, base));
    }

    private static List<String> msRow(String name, Histogram ours, Histogram base, double percentile) {
        double a = LoadStats.millis(ours, percentile);
        double b = LoadStats.millis(base, percentile);
        return List.of(name, ms(a), ms(b), ratio(a, b));
    }
}
