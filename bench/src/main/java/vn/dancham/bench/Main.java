package vn.dancham.bench;

import vn.dancham.bench.report.Report;

import java.nio.file.Path;
import java.util.List;

/** Entry point of bench/run.sh: runs one benchmark (or all) and writes the Markdown report. */
public final class Main {

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        List<String> names = options.benchmark().equals("all")
                ? List.of("startup", "fastagi", "leader", "ingest", "scores", "jmh")
                : List.of(options.benchmark());
        Report report = new Report(options.commandLine(), options.size());
        boolean failed = false;
        for (String name : names) {
            Benchmark b = switch (name) {
                case "fastagi" -> new FastAgiBenchmark();
                case "startup" -> new StartupBenchmark();
                case "selftest" -> new SelfTest();
                case "ingest" -> new IngestBenchmark();
                case "jmh" -> new JmhBenchmarks();
                case "leader" -> new LeaderBenchmark();
                case "scores" -> new ScoresBenchmark();
                case "kill9" -> new Kill9Drill();
                default -> throw new IllegalArgumentException("unknown benchmark " + name);
            };
            System.err.println("== " + name + " (" + options.size() + ")");
            try {
                b.run(options, report);
            } catch (Exception | AssertionError e) {
                // One benchmark failing must not cost the others' figures: the report says what failed.
                e.printStackTrace();
                report.section(name + ": FAILED");
                report.paragraph("The benchmark stopped with `" + e + "`; its figures are missing from this report.");
                failed = true;
            }
        }
        // The self-test checks the harness; its figures are not results.
        Path directory = options.benchmark().equals("selftest") ? options.work() : options.results();
        Path file = report.write(directory, options.benchmark());
        System.err.println("report: " + file);
        System.exit(failed ? 1 : 0);
    }

    /** One of the five benchmarks. */
    public interface Benchmark {
        void run(Options options, Report report) throws Exception;
    }
}
