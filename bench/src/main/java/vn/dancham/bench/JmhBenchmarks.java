package vn.dancham.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;
import vn.dancham.bench.report.Report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static vn.dancham.bench.report.Report.fmt;
import static vn.dancham.bench.report.Report.ratio;

/**
 * The JMH micro-benchmarks (classes named *Benchmark in this module with JMH annotations): every method {@code x}
 * is paired with its baseline {@code xBaseline} in the same class and reported as a ratio.
 */
final class JmhBenchmarks implements Main.Benchmark {

    @Override
    public void run(Options o, Report report) throws Exception {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("vn\\.dancham\\..*Benchmark\\..*")
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(o.pick(1, 2))
                .warmupIterations(o.pick(3, 5))
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(o.pick(5, 10))
                .measurementTime(TimeValue.seconds(o.pick(1, 2)))
                .jvmArgsAppend("-Xmx512m")
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(builder.build()).run();
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            byName.put(r.getParams().getBenchmark(), r);
        }
        List<List<String>> rows = new ArrayList<>();
        for (var e : byName.entrySet()) {
            String name = e.getKey();
            if (name.endsWith("Baseline")) {
                continue;
            }
            RunResult ours = e.getValue();
            RunResult base = byName.get(name + "Baseline");
            double s = ours.getPrimaryResult().getScore();
            double b = base == null ? Double.NaN : base.getPrimaryResult().getScore();
            rows.add(List.of(shortName(name), fmt(s) + " ± " + fmt(ours.getPrimaryResult().getScoreError()),
                    base == null ? "–" : fmt(b) + " ± " + fmt(base.getPrimaryResult().getScoreError()),
                    ratio(s, b)));
        }
        report.section("Micro-benchmarks (JMH)");
        report.paragraph("JMH, average time per operation in nanoseconds, " + o.pick(1, 2) + " fork(s), "
                + o.pick(3, 5) + " warm-up and " + o.pick(5, 10) + " measurement iterations of "
                + o.pick(1, 2) + " s. Each figure against the baseline named in its class "
                + "(`bench/src/main/java/**/*Benchmark.java`).");
        report.table(List.of("benchmark", "ns/op", "baseline ns/op", "ours / baseline"), rows);
    }

    private static String shortName(String fqn) {
        String[] parts = fqn.split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
