package vn.dancham.bench;

import vn.dancham.bench.agi.BareAgiServer;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.AppProcess;
import vn.dancham.bench.sys.BarePostgres;
import vn.dancham.bench.sys.Files2;
import vn.dancham.bench.sys.JavaProcess;
import vn.dancham.bench.sys.Machine;
import vn.dancham.bench.sys.ProcessSampler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static vn.dancham.bench.report.Report.fmt;
import static vn.dancham.bench.report.Report.ratio;

/**
 * Benchmark 5: launch → health UP on the embedded database with the demo data already loaded, and idle memory, for
 * the ways to run the application: the fat jar ({@code java -jar dancham.jar}), the extracted layout through its
 * launcher ({@code target/dancham/dancham.sh} with {@code DANCHAM_AOT=off}) and the same with the JDK's AOT cache
 * (made here by {@code dancham.sh train} with this JVM when it is missing or made by another JDK), with and without
 * the beans Spring AOT worked out in the build. Baseline in the same run, interleaved round by round with the variants: a JVM that only starts the same embedded PostgreSQL on the
 * same data directory (the floor under our start); idle memory beside the bare FastAGI server's.
 */
final class StartupBenchmark implements Main.Benchmark {

    private static final String BARE = "bare embedded PostgreSQL (baseline)";
    private static final String FAT = "fat jar: java -jar dancham.jar";
    private static final String EXTRACTED = "extracted layout: dancham.sh, DANCHAM_AOT=off";
    private static final String AOT = "extracted layout + AOT cache: dancham.sh";
    /** The A/B for Spring AOT: the same cache, the beans worked out at start as before. */
    private static final String NO_SPRING_AOT = "extracted layout + AOT cache, DANCHAM_SPRING_AOT=off: dancham.sh";

    @Override
    public void run(Options o, Report report) throws Exception {
        Path work = o.work().resolve("startup");
        Files2.deleteRecursively(work);
        Files.createDirectories(work);
        Path appDir = work.resolve("app");
        int rounds = o.pick(3, 7);
        Duration settle = Duration.ofSeconds(o.pick(10, 30));
        Path layout = o.jar().toAbsolutePath().getParent().resolve("dancham");
        Path launcher = layout.resolve("dancham.sh");
        Path cache = layout.resolve("dancham.aot");

        int feature = Runtime.version().feature();
        String training = "–";
        if (feature >= 25 && !cacheMadeByThisJvm(layout)) {
            training = fmt(train(launcher, work.resolve("train.log"))) + " ms";
        } else if (feature >= 25) {
            training = "not needed: a cache made by this JDK is there";
        }
        List<String> variants = new ArrayList<>(List.of(BARE, FAT, EXTRACTED));
        if (feature >= 25) {
            variants.add(NO_SPRING_AOT);
            variants.add(AOT);
        }

        // First start: creates the database and loads the demo data (reported, not the figure asked for). On a
        // crowded machine that alone takes many minutes, so BENCH_STARTUP_DATA may name the stopped data directory
        // of an earlier start with the demo data, which is copied instead (and the report says so).
        Duration first = null;
        String prepared = System.getenv("BENCH_STARTUP_DATA");
        if (prepared != null && !prepared.isBlank()) {
            Files.createDirectories(appDir);
            Process copy = new ProcessBuilder("cp", "-a", prepared, appDir.resolve("postgres").toString())
                    .inheritIO().start();
            if (copy.waitFor() != 0) {
                throw new IllegalStateException("cannot copy " + prepared);
            }
            report.postgresVersion("PostgreSQL " + Files.readString(appDir.resolve("postgres/PG_VERSION")).strip()
                    + " (zonky binaries; data directory copied from BENCH_STARTUP_DATA)");
        } else {
            try (AppProcess app = launch(AOT.equals(variants.getLast()) ? AOT : EXTRACTED, o, launcher, appDir)) {
                first = app.awaitHealthUp(Duration.ofMinutes(30));
                report.postgresVersion(Machine.postgresVersion(app.jdbcUrl(), "postgres"));
            }
            waitForPostgresStop(appDir);
        }

        Map<String, List<Double>> up = new LinkedHashMap<>();
        Map<String, ProcessSampler.Sample> idle = new LinkedHashMap<>();
        variants.forEach(v -> up.put(v, new ArrayList<>()));
        List<Double> loads = new ArrayList<>();
        boolean cacheMapped = true;
        boolean springAotUsed = true;
        for (int round = 0; round < rounds; round++) {
            // Interleaved, and the order turned by one each round, so no variant always follows the same one.
            for (int k = 0; k < variants.size(); k++) {
                String variant = variants.get((k + round) % variants.size());
                loads.add(Machine.loadAverageNow());
                if (variant.equals(BARE)) {
                    long t0 = System.nanoTime();
                    try (JavaProcess pg = JavaProcess.start(BarePostgres.class, List.of(),
                            List.of(appDir.resolve("postgres").toString()), work.resolve("bare-postgres.log"),
                            Duration.ofMinutes(5))) {
                        up.get(variant).add((System.nanoTime() - t0) / 1e6);
                    }
                } else {
                    try (AppProcess app = launch(variant, o, launcher, appDir)) {
                        up.get(variant).add(app.awaitHealthUp(Duration.ofMinutes(10)).toNanos() / 1e6);
                        if (variant.equals(AOT) || variant.equals(NO_SPRING_AOT)) {
                            cacheMapped &= maps(app.pid(), cache);
                        }
                        if (variant.equals(AOT) || variant.equals(EXTRACTED)) {
                            springAotUsed &= startedOnGeneratedBeans(app.logFile());
                        }
                        if (round == rounds - 1) {
                            Thread.sleep(settle);
                            try (ProcessSampler s = new ProcessSampler(app.pid(), app.postgres(), 1000)) {
                                idle.put(variant, s.now());
                            }
                        }
                    }
                }
                waitForPostgresStop(appDir);
            }
        }
        loads.add(Machine.loadAverageNow());
        ProcessSampler.Sample bareIdle;
        Path transcripts = work.resolve("empty.tsv");
        Files.writeString(transcripts, "");
        try (JavaProcess bare = JavaProcess.start(BareAgiServer.class, List.of(),
                List.of(Integer.toString(AppProcess.freePort()), transcripts.toString(), "virtual", "600"),
                work.resolve("bare.log"), Duration.ofMinutes(2))) {
            Thread.sleep(settle);
            try (ProcessSampler s = new ProcessSampler(bare.pid(), null, 1000)) {
                bareIdle = s.now();
            }
        }

        double pgMedian = median(up.get(BARE));
        report.section("5. Start-up and idle memory");
        report.paragraph("Launch until `/actuator/health` answers UP (web, FastAGI and scheduler on the embedded "
                + "PostgreSQL, demo data already loaded), " + rounds + " rounds; in each round every variant once, "
                + "one after the other, the order turned by one each round. Baseline: a JVM that only starts the "
                + "same embedded PostgreSQL on the same data directory and stops it (the floor under our start). "
                + "The extracted variants run through the launcher `admin-web/target/dancham/dancham.sh` (default "
                + "heap `-XX:MaxRAMPercentage=50`; the fat jar gets the JVM's default, a quarter). Idle memory "
                + settle.toSeconds() + " s after UP in the last round; baseline: the bare Asterisk-Java FastAGI "
                + "server, idle. dancham.sh starts on the beans Spring AOT worked out in the build "
                + "(`-Dspring.aot.enabled=true`) unless `DANCHAM_SPRING_AOT=off`; the cache is trained with them, so "
                + "the variant without them runs on a cache made for the other. Goal (issue 16): start-up ≤ 4× the "
                + "bare PostgreSQL start.");
        List<List<String>> rows = new ArrayList<>();
        for (String variant : variants) {
            List<Double> values = up.get(variant);
            double median = median(values);
            ProcessSampler.Sample s = idle.get(variant);
            rows.add(List.of(variant, fmt(median), fmt(min(values)) + " / " + fmt(max(values)), join(values),
                    variant.equals(BARE) ? "×1.00" : ratio(median, pgMedian),
                    variant.equals(BARE) ? "–" : (median <= 4 * pgMedian ? "met" : "not met"),
                    s == null ? "–" : fmt(s.rssMib()) + " / " + s.threads()));
        }
        report.table(List.of("variant", "launch → UP median (ms)", "min / max (ms)", "all rounds, in order (ms)",
                "median / bare PostgreSQL", "≤ 4×", "idle RSS (MiB) / OS threads"), rows);
        ProcessSampler.Sample anyIdle = idle.values().stream().findFirst().orElseThrow();
        report.table(List.of("figure", "value"), List.of(
                List.of("bare FastAGI server idle RSS (MiB) / OS threads",
                        fmt(bareIdle.rssMib()) + " / " + bareIdle.threads()),
                List.of("idle PostgreSQL PSS (MiB) / processes (" + idle.keySet().iterator().next() + ")",
                        fmt(anyIdle.postgresMib()) + " / " + anyIdle.postgresProcesses()),
                List.of("first start (empty data directory, loads the demo data; "
                        + (variants.contains(AOT) ? "AOT" : "extracted") + " variant) (ms)",
                        first == null ? "not run: data directory copied from " + prepared : fmt(first.toNanos() / 1e6)),
                List.of("AOT cache training run (`dancham.sh train`, this JDK)", training),
                List.of("AOT cache mapped by the JVM in every AOT round (/proc/pid/maps)",
                        variants.contains(AOT) ? (cacheMapped ? "yes" : "NO: the launcher fell back") : "–"),
                List.of("Spring AOT's generated beans used in every round of the variants with it (the log's "
                                + "\"Starting AOT-processed\")",
                        springAotUsed ? "yes" : "NO: a start went without them (see its \"Spring AOT off\" line)"),
                List.of("load average (1 min) before each start: min / median / max",
                        fmt(min(loads)) + " / " + fmt(median(loads)) + " / " + fmt(max(loads)))));
        if (feature < 25) {
            report.paragraph("This JDK (" + Runtime.version() + ") cannot use an AOT cache (JDK 25+): that variant "
                    + "was not run.");
        }
    }

    private static AppProcess launch(String variant, Options o, Path launcher, Path appDir) {
        return switch (variant) {
            case FAT -> AppProcess.launch(o.jar(), appDir, Map.of(), List.of());
            case EXTRACTED -> AppProcess.launchScript(launcher, Map.of("DANCHAM_AOT", "off"), appDir, Map.of());
            case AOT -> AppProcess.launchScript(launcher, Map.of(), appDir, Map.of());
            case NO_SPRING_AOT -> AppProcess.launchScript(launcher, Map.of("DANCHAM_SPRING_AOT", "off"), appDir,
                    Map.of());
            default -> throw new IllegalArgumentException(variant);
        };
    }

    /** The application's last start in its log (appended to by every start) says it ran on the generated beans. */
    private static boolean startedOnGeneratedBeans(Path log) throws IOException {
        List<String> starts = Files.readAllLines(log).stream()
                .filter(line -> line.contains("Starting ") && line.contains("DanChamApplication")).toList();
        return !starts.isEmpty() && starts.getLast().contains("Starting AOT-processed");
    }

    /** The launcher's record of the JDK that made the cache (line 2: its runtime version) names this JVM. */
    private static boolean cacheMadeByThisJvm(Path layout) throws IOException {
        Path madeBy = layout.resolve("dancham.aot.jdk");
        if (!Files.isRegularFile(layout.resolve("dancham.aot")) || !Files.isRegularFile(madeBy)) {
            return false;
        }
        List<String> lines = Files.readAllLines(madeBy, StandardCharsets.UTF_8);
        return lines.size() >= 2 && lines.get(1).equals(System.getProperty("java.runtime.version"))
                && Files.getLastModifiedTime(layout.resolve("dancham.aot"))
                .compareTo(Files.getLastModifiedTime(layout.resolve("dancham.jar"))) > 0;
    }

    /** {@code dancham.sh train} with this JVM's java; returns its duration in ms. */
    private static double train(Path launcher, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(launcher.toAbsolutePath().toString(), "train")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DANCHAM_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        long t0 = System.nanoTime();
        Process p = builder.start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("dancham.sh train failed; see " + log);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static boolean maps(long pid, Path file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "maps")).contains(file.toString());
        } catch (IOException e) {
            return false;
        }
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

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String join(List<Double> values) {
        return String.join(", ", values.stream().map(v -> fmt(v)).toList());
    }
}
