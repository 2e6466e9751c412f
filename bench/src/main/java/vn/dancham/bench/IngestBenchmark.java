package vn.dancham.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dancham.bench.data.CoreContext;
import vn.dancham.bench.data.DataGenerator;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.Files2;
import vn.dancham.rating.RatingSubmission;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import static vn.dancham.bench.report.Report.fmt;
import static vn.dancham.bench.report.Report.ms;
import static vn.dancham.bench.report.Report.ratio;

/**
 * Benchmark 3: ratings recorded per second through {@code Ratings.record} (attribution, identity, supersession,
 * anti-gaming checks, per-day aggregates and events, one transaction each) at several concurrencies, against a
 * plain JDBC batch insert of the same rows into the same table — the physical ceiling of the database.
 */
final class IngestBenchmark implements Main.Benchmark {

    private static final String[] QUESTIONS = {"ATTITUDE", "TIMELINESS", "OVERALL"};

    record Level(int threads, double perSecond, Histogram latency, long errors, String firstError) {
    }

    @Override
    public void run(Options o, Report report) throws Exception {
        Path work = o.work().resolve("ingest");
        Files2.deleteRecursively(work);
        DataGenerator.Size size = new DataGenerator.Size("ingest", 10, 10, 100, 2_000, o.pick(100_000, 300_000), 0);
        try (ConfigurableApplicationContext context = CoreContext.start(work.resolve("postgres"), Map.of())) {
            DataSource ds = context.getBean(DataSource.class);
            report.postgresVersion(postgresVersion(ds));
            new DataGenerator(ds).generate(size);
            long[] dossiers = ids(ds, "SELECT id FROM dossier ORDER BY id");
            long questionId = ids(ds, "SELECT id FROM rating_question WHERE code = 'OVERALL'")[0];
            long[][] dossierOffice = officeOf(ds);
            Ratings ratings = context.getBean(Ratings.class);
            int poolSize = context.getBean(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize();

            List<Integer> levels = o.pick(List.of(1, 4, 16), List.of(1, 2, 4, 8, 16, 32, 64));
            Duration warm = Duration.ofSeconds(o.pick(3, 10));
            Duration measure = Duration.ofSeconds(o.pick(10, 30));
            int batch = 1000;

            run(1, warm, () -> recordCall(ratings, dossiers));
            List<Level> api = new ArrayList<>();
            for (int threads : levels) {
                api.add(run(threads, measure, () -> recordCall(ratings, dossiers)));
                System.err.println("record x" + threads + ": " + fmt(api.getLast().perSecond()) + "/s");
            }
            run(1, warm, () -> batchInsert(ds, dossierOffice, questionId, batch));
            List<Level> plain = new ArrayList<>();
            for (int threads : o.pick(List.of(1, 4), List.of(1, 2, 4, 8))) {
                plain.add(run(threads, measure, () -> batchInsert(ds, dossierOffice, questionId, batch)));
                System.err.println("batch x" + threads + ": " + fmt(plain.getLast().perSecond()) + "/s");
            }
            Level ceiling = plain.stream().max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();

            report.section("3. Rating ingestion");
            report.paragraph("`Ratings.record` (one transaction per answer: attribution, caller identity, "
                    + "supersession, daily cap / burst / identical-low checks, per-day aggregates, events) from N "
                    + "threads; each thread plays calls of three answers (attitude, timeliness, overall) about a "
                    + "random dossier of " + String.format("%,d", size.dossiers()) + " from a random caller. "
                    + "**Baseline**: a plain JDBC batch insert (" + batch + " rows per batch and commit) of the same "
                    + "kind of rows into the same `rating` table, best of " + plain.size() + " concurrencies = the "
                    + "physical ceiling. The application's connection pool has " + poolSize + " connections. "
                    + measure.toSeconds() + " s per level after a " + warm.toSeconds() + " s warm-up.");
            List<List<String>> rows = new ArrayList<>();
            for (Level l : api) {
                rows.add(List.of("Ratings.record × " + l.threads() + " threads", fmt(l.perSecond()),
                        ms(l.latency().getValueAtPercentile(50) / 1e6), ms(l.latency().getValueAtPercentile(99) / 1e6),
                        fmt(ceiling.perSecond()), ratio(l.perSecond(), ceiling.perSecond()),
                        l.errors() == 0 ? "0" : l.errors() + " (" + l.firstError() + ")"));
            }
            for (Level l : plain) {
                rows.add(List.of("baseline: JDBC batch × " + l.threads() + " threads", fmt(l.perSecond()),
                        ms(l.latency().getValueAtPercentile(50) / 1e6) + " per batch",
                        ms(l.latency().getValueAtPercentile(99) / 1e6) + " per batch",
                        fmt(ceiling.perSecond()), ratio(l.perSecond(), ceiling.perSecond()),
                        l.errors() == 0 ? "0" : l.errors() + " (" + l.firstError() + ")"));
            }
            report.table(List.of("writer", "ratings/s", "latency p50 (per call of 3 answers)", "latency p99", "ceiling ratings/s",
                    "ratio to ceiling", "errors"), rows);
        }
    }

    /** One unit of work; returns how many ratings it wrote. */
    interface Work {
        int run() throws Exception;
    }

    private static Level run(int threads, Duration duration, Work work) throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(3);
        LongAdder done = new LongAdder();
        LongAdder errors = new LongAdder();
        String[] firstError = {null};
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
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Level(threads, done.sum() / seconds, latency, errors.sum(), firstError[0]);
    }

    /** One caller's three answers; latency recorded per call is divided into answers by the caller. */
    private static int recordCall(Ratings ratings, long[] dossiers) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long dossier = dossiers[r.nextInt(dossiers.length)];
        String caller = "09" + String.format("%08d", r.nextInt(100_000_000));
        Instant now = Instant.now();
        for (String q : QUESTIONS) {
            ratings.record(new RatingSubmission(null, dossier, null, q, r.nextInt(1, 6), caller, now,
                    RatingSubmission.Channel.PHONE));
        }
        return QUESTIONS.length;
    }

    private static int batchInsert(DataSource ds, long[][] dossierOffice, long questionId, int batch)
            throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO rating (dossier_id, office_id, officer_id, question_id, criterion, value, caller_number,
                                        identity, channel, given_at, status)
                    VALUES (?, ?, NULL, ?, 'OVERALL', ?, ?, 'UNVERIFIED', 'PHONE', ?, 'COUNTED')""")) {
                Timestamp now = Timestamp.from(Instant.now());
                for (int i = 0; i < batch; i++) {
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
        }
        return batch;
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
