package vn.dancham.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dancham.bench.agi.AbSchedule;
import vn.dancham.bench.agi.LoadStats;
import vn.dancham.bench.data.CoreContext;
import vn.dancham.bench.data.DataGenerator;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.Cpu;
import vn.dancham.bench.sys.Files2;
import vn.dancham.bench.sys.Machine;
import vn.dancham.bench.sys.PostgresProcesses;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.RatingWriter;
import vn.dancham.rating.Ratings;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static vn.dancham.bench.report.Report.fmt;
import static vn.dancham.bench.report.Report.ratio;

/**
 * Benchmark 3: answers kept per second through the answer path ({@code Ratings.submit}: one durable write on the
 * caller's time, applied by the rating writer after) at several concurrencies, against two plain-JDBC baselines on
 * the same database: the **same durability** (one row INSERT and commit per answer, same concurrency), A/B
 * interleaved with the answer path, and the **batch ceiling** (1,000 rows per commit). The writer's catch-up after
 * each run is timed, and its CPU counted in the answer path's.
 */
final class IngestBenchmark implements Main.Benchmark {

    private static final String[] QUESTIONS = {"ATTITUDE", "TIMELINESS", "OVERALL"};
    private static final int BATCH = 1000;
    private static final AtomicLong KEYS = new AtomicLong();

    /** What to run; defaults by size, each overridable by an environment variable (bench/README.md). */
    record Settings(List<Integer> levels, int pairs, Duration warm, Duration measure, List<Integer> batchThreads,
                    Duration drainMax, boolean withRecord, boolean analyze, boolean analyzeInbox) {

        static Settings from(Options o) {
            boolean quick = "1".equals(System.getenv("BENCH_QUICK"));
            return new Settings(ints("BENCH_INGEST_LEVELS", o.pick("1,4,16", "1,2,4,8,16,32,64")),
                    Integer.parseInt(env("BENCH_INGEST_PAIRS", "2")),
                    Duration.ofSeconds(o.pick(3, 10)),
                    Duration.ofSeconds(Long.parseLong(env("BENCH_INGEST_MEASURE_S", quick ? "8" : o.pick("10", "30")))),
                    ints("BENCH_INGEST_BATCH_THREADS", o.pick("1,4", "1,2,4,8")),
                    // The writer's catch-up after a run: long enough to measure its rate; a backlog left when it
                    // ends is still being applied during the next runs (the report says which).
                    Duration.ofSeconds(Long.parseLong(env("BENCH_INGEST_DRAIN_S", quick ? "45" : o.pick("120", "300")))),
                    "1".equals(System.getenv("BENCH_INGEST_RECORD")),
                    // BENCH_INGEST_ANALYZE=0: no analysis before each run (the runs before 2026-12-06), see ANALYZE;
                    // =inbox: the inbox too (ANALYZE_INBOX).
                    !"0".equals(System.getenv("BENCH_INGEST_ANALYZE")),
                    "inbox".equals(System.getenv("BENCH_INGEST_ANALYZE")));
        }

        /** Typical and worst-case seconds after the data set is built. */
        long[] boundSeconds() {
            long m = measure.toSeconds();
            long typical = 30 + 3 * warm.toSeconds() + (long) levels.size() * pairs * (2 * m + 15)
                    + (long) batchThreads.size() * pairs * (m + 2) + (withRecord ? levels.size() * m : 0);
            long worst = 60 + 3 * warm.toSeconds() + drainMax.toSeconds()
                    + (long) levels.size() * pairs * (2 * (m + 120) + drainMax.toSeconds())
                    + (long) batchThreads.size() * pairs * (m + 120) + (withRecord ? levels.size() * (m + 120) : 0);
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

    /**
     * One measured run.
     *
     * @param latency      per answer (per batch for the batch ceiling)
     * @param cpu          this JVM (the driver threads and the scoring core, in-process) and PostgreSQL, during the run
     * @param withDrain    the same including the writer's catch-up after the run (answer path only)
     * @param waitingAtEnd answers kept but not yet applied when the run ended (answer path only, else 0)
     * @param drain        how long the writer then took to apply them (null when it did not finish in time)
     * @param drained      how many of them it applied in {@code drainTime} (all of them when {@code drain} is set)
     */
    record Level(String writer, int threads, int order, long answers, Duration elapsed, Histogram latency,
                 long errors, String firstError, Cpu.Usage cpu, Cpu.Usage withDrain, long waitingAtEnd,
                 Duration drain, long drained, Duration drainTime, double load, Cpu.Usage drainCpu) {

        /**
         * CPU (this JVM, where the writer is the only thing left working, and PostgreSQL) per answer the writer applied
         * during its catch-up: a figure the other users' load changes much less than the rate (NaN when none).
         */
        double writerCpuMillisPerAnswer() {
            return drained == 0 || drainCpu == null ? Double.NaN
                    : (drainCpu.generatorNanos() + drainCpu.postgresNanos()) / 1e6 / drained;
        }

        /** Answers the writer applied per second after the run, alone (NaN when nothing was waiting). */
        double writerRate() {
            return drained == 0 || drainTime.isZero() ? Double.NaN : drained / (drainTime.toNanos() / 1e9);
        }

        double perSecond() {
            return answers / (elapsed.toNanos() / 1e9);
        }

        double cpuMillisPerAnswer() {
            return answers == 0 ? Double.NaN : (withDrain.generatorNanos() + withDrain.postgresNanos()) / 1e6 / answers;
        }
    }

    /** One unit of work; returns how many answers (rows) it wrote. */
    interface Work {
        int run() throws Exception;
    }

    @Override
    public void run(Options o, Report report) throws Exception {
        Settings settings = Settings.from(o);
        long[] bound = settings.boundSeconds();
        System.err.println("ingest: " + settings + "; after the data set about " + bound[0] / 60 + " min, at most "
                + bound[1] / 60 + " min");
        long started = System.nanoTime();
        Path work = o.work().resolve("ingest");
        Files2.deleteRecursively(work);
        DataGenerator.Size size = new DataGenerator.Size("ingest", 10, 10, 100, 2_000, o.pick(100_000, 300_000), 0);
        Path dataDirectory = work.resolve("postgres");
        try (ConfigurableApplicationContext context = CoreContext.start(dataDirectory, Map.of())) {
            DataSource ds = context.getBean(DataSource.class);
            report.postgresVersion(postgresVersion(ds));
            new DataGenerator(ds).generate(size);
            long dataReady = System.nanoTime();
            long[] dossiers = ids(ds, "SELECT id FROM dossier ORDER BY id");
            long questionId = ids(ds, "SELECT id FROM rating_question WHERE code = 'OVERALL'")[0];
            long[][] dossierOffice = officeOf(ds);
            Ratings ratings = context.getBean(Ratings.class);
            RatingWriter writer = context.getBean(RatingWriter.class);
            int poolSize = context.getBean(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize();
            PostgresProcesses postgres = new PostgresProcesses(dataDirectory);
            Meter meter = new Meter(postgres, writer, settings.drainMax(), settings.analyze() ? ds : null,
                    settings.analyzeInbox() ? ANALYZE_INBOX : ANALYZE);

            Work submit = () -> submitAnswer(ratings, dossiers);
            Work durable = () -> durableInsert(ds, dossierOffice, questionId);
            Work batch = () -> batchInsert(ds, dossierOffice, questionId);
            // Warm-up of each path (the JIT, the pool, the plans), not reported.
            meter.run("warm-up", 1, 0, settings.warm(), submit, true);
            meter.run("warm-up", 1, 0, settings.warm(), durable, false);
            meter.run("warm-up", 1, 0, settings.warm(), batch, false);

            List<Level> runs = new ArrayList<>();
            int order = 0;
            for (int threads : settings.levels()) {
                for (AbSchedule.Slot slot : AbSchedule.interleaved(settings.pairs())) {
                    runs.add(slot.baseline()
                            ? meter.run("same durability", threads, ++order, settings.measure(), durable, false)
                            : meter.run("answer path", threads, ++order, settings.measure(), submit, true));
                    log(runs.getLast());
                }
                if (settings.withRecord()) {
                    runs.add(meter.run("Ratings.record", threads, ++order, settings.measure(),
                            () -> recordAnswer(ratings, dossiers), false));
                    log(runs.getLast());
                }
            }
            for (int pair = 0; pair < settings.pairs(); pair++) {
                for (int threads : settings.batchThreads()) {
                    runs.add(meter.run("batch ceiling", threads, ++order, settings.measure(), batch, false));
                    log(runs.getLast());
                }
            }
            report(report, settings, size, poolSize, runs, writer);
            report.paragraph("This benchmark took " + minutes(System.nanoTime() - started) + " (the data set "
                    + minutes(dataReady - started) + "; planned after it: about " + bound[0] / 60 + " min, at most "
                    + bound[1] / 60 + " min).");
        }
    }

    private static String minutes(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s / 60 + " min " + s % 60 + " s";
    }

    private static void log(Level l) {
        System.err.println("  #" + l.order() + " " + l.writer() + " x" + l.threads() + ": " + fmt(l.perSecond())
                + "/s, p99 " + LoadStats.percentileText(l.latency(), 99)
                + (l.waitingAtEnd() > 0 ? ", inbox " + l.waitingAtEnd() + " drained in "
                + (l.drain() == null ? "–" : l.drain().toMillis() + " ms") : ""));
    }

    private void report(Report report, Settings settings, DataGenerator.Size size, int poolSize, List<Level> runs,
                        RatingWriter writer) {
        report.section("3. Rating ingestion");
        report.paragraph("**The answer path** is `Ratings.submit`, what the hotline calls for each rating key: one "
                + "durable write (committed when it returns) that the rating writer applies after, in batches "
                + "(attribution, eligibility rules, aggregates). N threads each play callers giving three answers "
                + "(attitude, timeliness, overall) about a random dossier of " + String.format("%,d", size.dossiers())
                + " from a random number. **Same-durability baseline**: plain JDBC, one row INSERT into `rating` and "
                + "its commit per answer, at the same concurrency, through the same connection pool (" + poolSize
                + " connections). **Batch ceiling**: plain JDBC, " + BATCH + " rows per batch and commit into "
                + "`rating`, best of " + settings.batchThreads() + " threads = the database's physical ceiling. "
                + "At each concurrency the runs are A/B interleaved (same durability, answer path, same durability, "
                + "answer path…, " + settings.pairs() + " pairs), " + settings.measure().toSeconds() + " s each; after "
                + "each answer-path run the writer's catch-up is timed (answers waiting in the inbox → 0) and its CPU "
                + "counted in the answer path's. The scoring core runs inside the benchmark's JVM (no pinning "
                + "here): CPU is that JVM (driver threads included) plus PostgreSQL, from /proc. "
                + (settings.analyze() ? "Before each run (outside its timing) `" + ANALYZE + "`: the baselines grow "
                + "`rating` far faster than autovacuum analyses it, and plans kept from a table a tenth of its size "
                + "slowed the writer from thousands of answers/s to 100-200 until the next analysis."
                : "No analysis before the runs (BENCH_INGEST_ANALYZE=0): autovacuum's alone.")
                + (settings.analyzeInbox() ? " BENCH_INGEST_ANALYZE=inbox: `" + ANALYZE_INBOX + "` instead, the "
                + "inbox analysed as it is at each run's start (empty when the catch-up before drained it), as a new "
                + "installation's inbox is: without statistics of waiting answers." : ""));
        List<List<String>> rows = new ArrayList<>();
        List<Level> batch = runs.stream().filter(l -> l.writer().equals("batch ceiling")).toList();
        double ceiling = 0;
        int ceilingThreads = 0;
        for (int t : settings.batchThreads()) {
            double r = pooledRate(batch.stream().filter(l -> l.threads() == t).toList());
            if (r > ceiling) {
                ceiling = r;
                ceilingThreads = t;
            }
        }
        List<String> goalDurable = new ArrayList<>();
        List<String> goalCeiling = new ArrayList<>();
        boolean metDurable = true;
        double bestAnswerPath = 0;
        int bestThreads = 0;
        for (int t : settings.levels()) {
            List<Level> a = runs.stream().filter(l -> l.threads() == t && l.writer().equals("answer path")).toList();
            List<Level> b = runs.stream().filter(l -> l.threads() == t && l.writer().equals("same durability"))
                    .toList();
            double ra = pooledRate(a);
            double rb = pooledRate(b);
            Histogram la = pooled(a);
            Histogram lb = pooled(b);
            long waiting = a.stream().mapToLong(Level::waitingAtEnd).max().orElse(0);
            String drains = String.join(", ", a.stream().map(l -> l.drain() == null ? "not within "
                    + settings.drainMax().toSeconds() + " s" : fmt(l.drain().toMillis() / 1000.0) + " s").toList());
            rows.add(List.of(Integer.toString(t), fmt(ra), fmt(rb), ratio(ra, rb), fmt(ceiling), ratio(ra, ceiling),
                    LoadStats.percentileText(la, 50) + " / " + LoadStats.percentileText(la, 99),
                    LoadStats.percentileText(lb, 50) + " / " + LoadStats.percentileText(lb, 99),
                    AgiComparison.spread(b.stream().map(Level::perSecond).toList(), Report::fmt),
                    AgiComparison.spread(a.stream().map(Level::perSecond).toList(), Report::fmt),
                    Report.ms(cpuPerAnswer(a)) + " / " + Report.ms(cpuPerAnswer(b)),
                    waiting + " / " + drains,
                    errors(a) + " / " + errors(b)));
            boolean d = ra >= 0.5 * rb;
            metDurable &= d;
            goalDurable.add(t + " threads: " + fmt(ra) + " / " + fmt(rb) + " = " + ratio(ra, rb)
                    + (d ? "" : " (not met)"));
            goalCeiling.add(t + " threads " + ratio(ra, ceiling));
            if (ra > bestAnswerPath) {
                bestAnswerPath = ra;
                bestThreads = t;
            }
        }
        report.table(List.of("threads", "answer path answers/s", "same durability answers/s",
                "× same durability", "batch ceiling rows/s", "× ceiling", "answer path latency p50 / p99",
                "same durability latency p50 / p99", "same-durability runs: lowest – highest",
                "answer-path runs: lowest – highest", "CPU per answer: answer path (writer included) / same durability",
                "inbox waiting at a run's end (most) / writer's catch-up per run", "errors: answer path / same durability"),
                rows);
        List<List<String>> batchRows = new ArrayList<>();
        for (int t : settings.batchThreads()) {
            List<Level> l = batch.stream().filter(x -> x.threads() == t).toList();
            Histogram h = pooled(l);
            batchRows.add(List.of(Integer.toString(t), fmt(pooledRate(l)),
                    AgiComparison.spread(l.stream().map(Level::perSecond).toList(), Report::fmt),
                    LoadStats.percentileText(h, 50) + " / " + LoadStats.percentileText(h, 99), Report.ms(cpuPerAnswer(l)),
                    errors(l)));
        }
        report.paragraph("Batch ceiling (" + BATCH + " rows per commit); the best concurrency, " + ceilingThreads
                + " threads, is the ceiling above:");
        report.table(List.of("threads", "rows/s (pooled)", "runs: lowest – highest", "latency per batch p50 / p99",
                "CPU per row", "errors"), batchRows);
        List<Level> record = runs.stream().filter(l -> l.writer().equals("Ratings.record")).toList();
        if (!record.isEmpty()) {
            report.paragraph("For reference, `Ratings.record` (everything on the caller's time, one transaction per "
                    + "answer): " + String.join("; ", record.stream().map(l -> l.threads() + " threads "
                    + fmt(l.perSecond()) + " answers/s, p99 " + LoadStats.percentileText(l.latency(), 99)).toList())
                    + ".");
        }
        report.paragraph("Runs in the order made:");
        List<List<String>> order = new ArrayList<>();
        for (Level l : runs) {
            order.add(List.of(Integer.toString(l.order()), l.writer(), Integer.toString(l.threads()),
                    fmt(l.perSecond()), LoadStats.percentileText(l.latency(), 50),
                    LoadStats.percentileText(l.latency(), 99), Long.toString(l.latency().getTotalCount()),
                    Report.ms(l.cpuMillisPerAnswer()),
                    fmt(l.cpu().percentOfCore(l.cpu().generatorNanos())) + " %",
                    fmt(l.cpu().percentOfCore(l.cpu().postgresNanos())) + " %",
                    fmt(l.cpu().othersPercentOfCore()) + " %",
                    l.writer().equals("answer path") ? l.waitingAtEnd() + " / "
                            + (l.drain() == null ? "not drained in " + fmt(l.drainTime().toMillis() / 1000.0) + " s"
                            : fmt(l.drain().toMillis() / 1000.0) + " s") + " / " + fmt(l.writerRate()) : "–",
                    l.errors() == 0 ? "0" : l.errors() + " (" + l.firstError() + ")", fmt(l.load())));
        }
        report.table(List.of("#", "writer", "threads", "answers/s", "p50", "p99", "samples", "CPU per answer",
                "this JVM % of a core", "PostgreSQL % of a core", "others' % of a core",
                "inbox waiting at end / catch-up / writer's answers/s alone", "errors", "load avg"), order);
        writerStatement(report, runs);
        report.subsection("Issue 16's goals (ingestion)");
        report.table(List.of("goal", "figures (answer path / baseline, per concurrency)", "verdict"), List.of(
                List.of("answer path ≥ 0.5 × the same-durability baseline, at every concurrency",
                        String.join("; ", goalDurable), metDurable ? "**met**" : "**not met**"),
                // The ceiling is one figure (the best batch concurrency): the answer path's best concurrency meets it.
                List.of("answer path ≥ 0.2 × the batch ceiling (" + fmt(ceiling) + " rows/s at " + ceilingThreads
                                + " threads), at its best concurrency",
                        "best: " + bestThreads + " threads, " + fmt(bestAnswerPath) + " answers/s = "
                                + ratio(bestAnswerPath, ceiling) + " (each concurrency: " + String.join("; ", goalCeiling)
                                + ")", bestAnswerPath >= 0.2 * ceiling ? "**met**" : "**not met**")));
        int setAside = writer.setAside();
        if (setAside > 0) {
            report.paragraph("The writer set " + setAside + " answers aside as unusable during the runs.");
        }
    }

    /** Whether the writer keeps up: its rate alone after each run against the rate answers were kept. */
    private static void writerStatement(Report report, List<Level> runs) {
        List<Level> a = runs.stream().filter(l -> l.writer().equals("answer path") && !Double.isNaN(l.writerRate()))
                .toList();
        if (a.isEmpty()) {
            return;
        }
        long drained = a.stream().mapToLong(Level::drained).sum();
        long nanos = a.stream().mapToLong(l -> l.drainTime().toNanos()).sum();
        double writer = drained / (nanos / 1e9);
        List<String> faster = a.stream().filter(l -> l.perSecond() > writer)
                .map(l -> "#" + l.order() + " (" + l.threads() + " threads, " + fmt(l.perSecond()) + "/s)").toList();
        List<String> unfinished = runs.stream().filter(l -> l.writer().equals("answer path") && l.drain() == null)
                .map(l -> "#" + l.order()).toList();
        // Issue 16's drain measurement: the writer alone, each catch-up with its absolute figures and its CPU.
        report.paragraph("**The rating writer's drain**: after each answer-path run the callers stop and the writer is "
                + "the only work left in this JVM; the answers it applies until the inbox is empty (or the catch-up "
                + "bound) are timed (the inbox counted every 100 ms) and the CPU of this JVM and PostgreSQL over that "
                + "time is divided by them. Other users' CPU over the same time is beside it: the rate depends on it, "
                + "the CPU per answer much less.");
        List<List<String>> rows = new ArrayList<>();
        for (Level l : a) {
            rows.add(List.of("#" + l.order(), Integer.toString(l.threads()), Long.toString(l.waitingAtEnd()),
                    Long.toString(l.drained()), fmt(l.drainTime().toMillis() / 1000.0) + " s"
                            + (l.drain() == null ? " (bound reached)" : ""),
                    fmt(l.writerRate()), fmt(l.writerCpuMillisPerAnswer()) + " ms",
                    fmt(l.drainCpu().othersPercentOfCore()) + " %", fmt(l.load())));
        }
        long drainNanosCpu = a.stream().mapToLong(l -> l.drainCpu().generatorNanos() + l.drainCpu().postgresNanos())
                .sum();
        rows.add(List.of("all", "", "", Long.toString(drained), fmt(nanos / 1e9) + " s", "**" + fmt(writer) + "**",
                "**" + fmt(drainNanosCpu / 1e6 / drained) + " ms**", "", ""));
        report.table(List.of("run", "threads", "inbox waiting at the run's end", "answers the writer applied",
                "catch-up time", "writer's answers/s", "CPU per applied answer (JVM + PostgreSQL)",
                "others' % of a core meanwhile", "load avg"), rows);
        report.paragraph("The rating writer applied " + fmt(writer) + " answers/s on its own after the answer-path "
                + "runs (" + drained + " answers). " + (unfinished.isEmpty() ? "" : "Its catch-up did not finish "
                + "after " + String.join(", ", unfinished) + ": the runs that followed shared the machine with it. ")
                + (faster.isEmpty()
                ? "Every answer-path run kept answers more slowly than that: the writer keeps up."
                : "Answers were kept faster than that in " + String.join(", ", faster) + ": at such a rate, "
                + "sustained, the inbox grows (the caller is not slowed; the scores are later)."));
    }

    private static double pooledRate(List<Level> runs) {
        long answers = runs.stream().mapToLong(Level::answers).sum();
        long nanos = runs.stream().mapToLong(l -> l.elapsed().toNanos()).sum();
        return nanos == 0 ? Double.NaN : answers / (nanos / 1e9);
    }

    private static double cpuPerAnswer(List<Level> runs) {
        long answers = runs.stream().mapToLong(Level::answers).sum();
        long nanos = runs.stream().mapToLong(l -> l.withDrain().generatorNanos() + l.withDrain().postgresNanos()).sum();
        return answers == 0 ? Double.NaN : nanos / 1e6 / answers;
    }

    private static Histogram pooled(List<Level> runs) {
        return LoadStats.pooled(runs.stream().map(Level::latency).toList());
    }

    private static String errors(List<Level> runs) {
        long n = runs.stream().mapToLong(Level::errors).sum();
        return n == 0 ? "0" : n + " (" + runs.stream().map(Level::firstError).filter(e -> e != null).findFirst()
                .orElse("") + ")";
    }

    /**
     * The tables the baselines write, analysed before each run (outside its timing and CPU). The baselines insert
     * into {@code rating} itself, hundreds of thousands of rows a minute, far faster than the writer or any hotline
     * grows it, while autovacuum analyses it at most once a minute: a run then began on statistics of a table a
     * tenth of its size or empty. The writer's foreign-key checks against {@code rating} are plans kept per
     * connection; planned on a table of a few pages they read it whole for each row (a sequential scan), until the
     * next analysis replans them. The first answer-path runs then applied 100-200 answers/s, the later ones thousands
     * (bench/results/2026-12-06-ingest-analyze.md). A production database grows {@code rating} by the writer alone,
     * at its own rate, which autovacuum's 10 % threshold follows. The inbox is left to autovacuum, as in production:
     * only the answer path fills it.
     */
    static final String ANALYZE = "ANALYZE rating, rating_target";

    /**
     * {@link #ANALYZE} and the inbox (BENCH_INGEST_ANALYZE=inbox), for an A/B of the writer against a new
     * installation's inbox: analysed only while empty, it has no statistics on {@code failed_at}, and the writer's
     * claim before V273 then read the whole backlog for every batch (bench/results/2026-12-06-writer-claim.txt).
     */
    static final String ANALYZE_INBOX = "ANALYZE rating, rating_target, rating_inbox";

    /** Runs a writer from N threads for a while, with the CPU of this JVM and PostgreSQL read around it. */
    private record Meter(PostgresProcesses postgres, RatingWriter writer, Duration drainMax, DataSource ds,
                         String analyze) {

        Level run(String name, int threads, int order, Duration duration, Work work, boolean inbox)
                throws InterruptedException {
            if (ds != null) {
                try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
                    st.execute(analyze);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            Histogram latency = new ConcurrentHistogram(3);
            LongAdder done = new LongAdder();
            LongAdder errors = new LongAdder();
            String[] firstError = {null};
            Cpu.Reading r0 = Cpu.read(Cpu.self(), -1, postgres);
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            List<Thread> list = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                list.add(Thread.ofPlatform().name("ingest-" + i).start(() -> {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        try {
                            done.add(work.run());
                            latency.recordValue(System.nanoTime() - t0);
                        } catch (Exception e) {
                            errors.increment();
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = summary(e);
                                }
                            }
                        }
                    }
                }));
            }
            for (Thread t : list) {
                t.join(duration.plusMinutes(2));
            }
            long end = System.nanoTime();
            Cpu.Reading r1 = Cpu.read(Cpu.self(), -1, postgres);
            long waiting = 0;
            long drained = 0;
            Duration drain = Duration.ZERO;
            Duration drainTime = Duration.ZERO;
            Cpu.Reading r2 = r1;
            if (inbox) {
                // The writer's catch-up: what the caller did not wait for is still work of the answer path.
                waiting = writer.waiting();
                long d0 = System.nanoTime();
                long drainDeadline = d0 + drainMax.toNanos();
                int left = waiting > 0 ? (int) waiting : 0;
                while (left > 0 && System.nanoTime() < drainDeadline) {
                    Thread.sleep(100);
                    left = writer.waiting();
                }
                drainTime = Duration.ofNanos(System.nanoTime() - d0);
                drain = left == 0 ? drainTime : null;
                drained = Math.max(0, waiting - left);
                r2 = Cpu.read(Cpu.self(), -1, postgres);
            }
            return new Level(name, threads, order, done.sum(), Duration.ofNanos(end - start), latency, errors.sum(),
                    firstError[0], r1.since(r0), r2.since(r0), waiting, drain, drained, drainTime,
                    Machine.loadAverageNow(), inbox ? r2.since(r1) : null);
        }
    }

    /**
     * One answer through the answer path. Each thread plays callers in turn: three answers (attitude, timeliness,
     * overall) about one dossier from one number, then the next caller.
     */
    private static int submitAnswer(Ratings ratings, long[] dossiers) {
        Caller c = Caller.next(dossiers);
        ratings.submit(new RatingSubmission(null, c.dossier, null, c.question(), ThreadLocalRandom.current()
                .nextInt(1, 6), c.number, Instant.now(), RatingSubmission.Channel.PHONE,
                "bench-" + ProcessHandle.current().pid() + "-" + KEYS.incrementAndGet()));
        return 1;
    }

    private static int recordAnswer(Ratings ratings, long[] dossiers) {
        Caller c = Caller.next(dossiers);
        ratings.record(new RatingSubmission(null, c.dossier, null, c.question(), ThreadLocalRandom.current()
                .nextInt(1, 6), c.number, Instant.now(), RatingSubmission.Channel.PHONE));
        return 1;
    }

    /** The caller a thread is playing: the same dossier and number for three answers in a row. */
    private static final class Caller {
        private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();
        final long dossier;
        final String number;
        int answered;

        private Caller(long dossier, String number) {
            this.dossier = dossier;
            this.number = number;
        }

        static Caller next(long[] dossiers) {
            Caller c = CURRENT.get();
            if (c == null || c.answered >= QUESTIONS.length) {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                c = new Caller(dossiers[r.nextInt(dossiers.length)], "09" + String.format("%08d",
                        r.nextInt(100_000_000)));
                CURRENT.set(c);
            }
            return c;
        }

        String question() {
            return QUESTIONS[answered++];
        }
    }

    private static final String INSERT_RATING = """
            INSERT INTO rating (dossier_id, office_id, officer_id, question_id, criterion, value, caller_number,
                                identity, channel, given_at, status)
            VALUES (?, ?, NULL, ?, 'OVERALL', ?, ?, 'UNVERIFIED', 'PHONE', ?, 'COUNTED')""";

    /** The same-durability baseline: one row and its commit per answer. */
    private static int durableInsert(DataSource ds, long[][] dossierOffice, long questionId) throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT_RATING)) {
            c.setAutoCommit(true);
            long[] d = dossierOffice[r.nextInt(dossierOffice.length)];
            ps.setLong(1, d[0]);
            ps.setLong(2, d[1]);
            ps.setLong(3, questionId);
            ps.setShort(4, (short) r.nextInt(1, 6));
            ps.setString(5, "09" + String.format("%08d", r.nextInt(100_000_000)));
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        return 1;
    }

    private static int batchInsert(DataSource ds, long[][] dossierOffice, long questionId) throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT_RATING)) {
                Timestamp now = Timestamp.from(Instant.now());
                for (int i = 0; i < BATCH; i++) {
                    long[] d = dossierOffice[r.nextInt(dossierOffice.length)];
                    ps.setLong(1, d[0]);
                    ps.setLong(2, d[1]);
                    ps.setLong(3, questionId);
                    ps.setShort(4, (short) r.nextInt(1, 6));
                    ps.setString(5, "09" + String.format("%08d", r.nextInt(100_000_000)));
                    ps.setTimestamp(6, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
        }
        return BATCH;
    }

    private static long[] ids(DataSource ds, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[][] officeOf(DataSource ds) throws Exception {
        List<long[]> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT id, receiving_office_id FROM dossier")) {
            while (rs.next()) {
                out.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return out.toArray(long[][]::new);
    }

    /** The exception's class and PostgreSQL's own message (not the whole SQL text jOOQ puts in front of it). */
    private static String summary(Exception e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).replaceAll("\\s+", " ");
        return e.getClass().getSimpleName() + ": " + (message.length() > 240 ? message.substring(0, 240) + "…" : message);
    }

    static String postgresVersion(DataSource ds) {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (Exception e) {
            return "unknown";
        }
    }
}
