package vn.dancham.bench;

import vn.dancham.bench.agi.BareAgiServer;
import vn.dancham.bench.agi.CallPlan;
import vn.dancham.bench.agi.CallResult;
import vn.dancham.bench.agi.LoadDriver;
import vn.dancham.bench.agi.LoadStats;
import vn.dancham.bench.agi.Pacing;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.AppProcess;
import vn.dancham.bench.sys.Files2;
import vn.dancham.bench.sys.JavaProcess;
import vn.dancham.bench.sys.ProcessSampler;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Checks the harness on its own, without the application: the load generator against the bare server replaying
 * a call shaped like a rating (menu, receipt, confirmation, three answers, a recording). Fails loudly when a call
 * does not end as expected, so a broken generator is not mistaken for a slow server.
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

    @Override
    public void run(Options o, Report report) throws Exception {
        Path work = o.work().resolve("selftest");
        Files2.deleteRecursively(work);
        Path transcripts = work.resolve("transcripts.tsv");
        BareAgiServer.Transcripts.write(transcripts, Map.of("rating", RATING_CALL));
        int port = AppProcess.freePort();
        CallPlan plan = new CallPlan("rating", "bare?scenario=rating", "0912345678", "2 1234567890# 1 5 4 5 #",
                null, Map.of());
        try (JavaProcess bare = JavaProcess.start(BareAgiServer.class, List.of(),
                List.of(Integer.toString(port), transcripts.toString(), "virtual", "600"),
                work.resolve("bare.log"), Duration.ofMinutes(1));
             ProcessSampler sampler = new ProcessSampler(bare.pid(), null, 250)) {
            LoadDriver driver = new LoadDriver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null,
                    10_000);
            CallResult one = driver.once(plan);
            if (!one.ok() || one.commands() != RATING_CALL.size() + 1) {
                throw new IllegalStateException("self-test call: " + one);
            }
            LoadDriver.Run tp = driver.run(4, () -> plan, Pacing.NONE, Duration.ZERO, Duration.ofSeconds(5),
                    Long.MAX_VALUE);
            LoadDriver.Run held = driver.run(o.pick(300, 2000), () -> plan, new Pacing(200, 50, 500, 0),
                    Duration.ofSeconds(3), Duration.ofSeconds(10), Long.MAX_VALUE);
            ProcessSampler.Sample peak = sampler.resetPeak();
            report.section("Self-test of the harness (bare server only)");
            report.table(List.of("run", "calls OK / placed", "failures", "calls/s", "turnaround p50", "p99",
                    "peak in flight", "RSS MiB", "threads"), List.of(
                    List.of("no think time, 4 lines", tp.stats().okCalls() + " / " + tp.stats().calls(),
                            tp.stats().failureSummary(), Report.fmt(tp.okCallsPerSecond()),
                            Report.ms(LoadStats.millis(tp.stats().turnaround(), 50)),
                            Report.ms(LoadStats.millis(tp.stats().turnaround(), 99)),
                            Integer.toString(tp.stats().peakInFlight()), "", ""),
                    List.of("paced, " + held.lines() + " lines", held.stats().okCalls() + " / " + held.stats().calls(),
                            held.stats().failureSummary(), Report.fmt(held.okCallsPerSecond()),
                            Report.ms(LoadStats.millis(held.stats().turnaround(), 50)),
                            Report.ms(LoadStats.millis(held.stats().turnaround(), 99)),
                            Integer.toString(held.stats().peakInFlight()), Report.fmt(peak.rssMib()),
                            Integer.toString(peak.threads()))));
            if (tp.stats().failedCalls() > 0 || held.stats().failedCalls() > 0) {
                throw new IllegalStateException("self-test failures: " + tp.stats().failureSamples() + " "
                        + held.stats().failureSamples());
            }
        }
    }
}
