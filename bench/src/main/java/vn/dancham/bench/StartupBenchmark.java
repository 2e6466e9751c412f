package vn.dancham.bench;

import vn.dancham.bench.agi.BareAgiServer;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.AppProcess;
import vn.dancham.bench.sys.BarePostgres;
import vn.dancham.bench.sys.Files2;
import vn.dancham.bench.sys.JavaProcess;
import vn.dancham.bench.sys.Machine;
import vn.dancham.bench.sys.ProcessSampler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static vn.dancham.bench.report.Report.fmt;
import static vn.dancham.bench.report.Report.ratio;

/**
 * Benchmark 5: launch → health UP of {@code java -jar dancham.jar} on the embedded database with the demo data
 * already loaded, and its idle memory. Baselines in the same run: a JVM that only starts the same embedded
 * PostgreSQL on a copy of the same data (the floor under our start), and the bare FastAGI server's idle memory.
 */
final class StartupBenchmark implements Main.Benchmark {

    @Override
    public void run(Options o, Report report) throws Exception {
        Path work = o.work().resolve("startup");
        Files2.deleteRecursively(work);
        Path appDir = work.resolve("app");
        int rounds = o.pick(3, 7);
        Duration settle = Duration.ofSeconds(o.pick(10, 30));

        // First start: creates the database and loads the demo data (reported, not the figure asked for).
        Duration first;
        try (AppProcess app = AppProcess.launch(o.jar(), appDir, Map.of(), List.of())) {
            first = app.awaitHealthUp(Duration.ofMinutes(5));
            report.postgresVersion(Machine.postgresVersion(app.jdbcUrl(), "postgres"));
        }
        List<Double> appUp = new ArrayList<>();
        List<Double> pgUp = new ArrayList<>();
        ProcessSampler.Sample idle = null;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            try (JavaProcess pg = JavaProcess.start(BarePostgres.class, List.of(),
                    List.of(appDir.resolve("postgres").toString()), work.resolve("bare-postgres.log"),
                    Duration.ofMinutes(2))) {
                pgUp.add((System.nanoTime() - t0) / 1e6);
            }
            waitForPostgresStop(appDir);
            try (AppProcess app = AppProcess.launch(o.jar(), appDir, Map.of(), List.of())) {
                appUp.add(app.awaitHealthUp(Duration.ofMinutes(5)).toNanos() / 1e6);
                if (i == rounds - 1) {
                    Thread.sleep(settle);
                    try (ProcessSampler s = new ProcessSampler(app.pid(), app.postgres(), 1000)) {
                        idle = s.now();
                    }
                }
            }
            waitForPostgresStop(appDir);
        }
        ProcessSampler.Sample bareIdle;
        Path transcripts = work.resolve("empty.tsv");
        Files.writeString(transcripts, "");
        try (JavaProcess bare = JavaProcess.start(BareAgiServer.class, List.of(),
                List.of(Integer.toString(AppProcess.freePort()), transcripts.toString(), "virtual", "600"),
                work.resolve("bare.log"), Duration.ofMinutes(1))) {
            Thread.sleep(settle);
            try (ProcessSampler s = new ProcessSampler(bare.pid(), null, 1000)) {
                bareIdle = s.now();
            }
        }

        double appMedian = median(appUp);
        double pgMedian = median(pgUp);
        report.section("5. Start-up and idle memory");
        report.paragraph("Launch of `java -jar admin-web/target/dancham.jar` (web, FastAGI and scheduler on the "
                + "embedded PostgreSQL, demo data already loaded) until `/actuator/health` answers UP, " + rounds
                + " rounds, median. Baseline: a JVM that only starts the same embedded PostgreSQL on the same "
                + "data directory and stops it (the floor under our start). Idle memory " + settle.toSeconds()
                + " s after UP; baseline: the bare Asterisk-Java FastAGI server, idle.");
        report.table(List.of("figure", "application", "baseline", "application / baseline"), List.of(
                List.of("launch → health UP, median (ms)", fmt(appMedian), fmt(pgMedian), ratio(appMedian, pgMedian)),
                List.of("launch → health UP, all rounds (ms)", join(appUp), join(pgUp), ""),
                List.of("first start (empty data directory, loads the demo data) (ms)",
                        fmt(first.toNanos() / 1e6), "–", ""),
                List.of("idle RSS of the JVM (MiB)", fmt(idle.rssMib()), fmt(bareIdle.rssMib()),
                        ratio(idle.rssMib(), bareIdle.rssMib())),
                List.of("idle OS threads", Integer.toString(idle.threads()), Integer.toString(bareIdle.threads()),
                        ratio(idle.threads(), bareIdle.threads())),
                List.of("idle PostgreSQL PSS (MiB) / processes", fmt(idle.postgresMib()) + " / "
                        + idle.postgresProcesses(), "–", "")));
    }

    private static void waitForPostgresStop(Path appDir) throws InterruptedException {
        var pg = new vn.dancham.bench.sys.PostgresProcesses(appDir.resolve("postgres"));
        for (int i = 0; i < 100 && pg.postmaster().isPresent(); i++) {
            Thread.sleep(100);
        }
        pg.stopLeftover();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String join(List<Double> values) {
        return String.join(", ", values.stream().map(v -> fmt(v)).toList());
    }
}
