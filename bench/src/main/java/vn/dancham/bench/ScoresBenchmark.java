package vn.dancham.bench;

import org.HdrHistogram.Histogram;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dancham.bench.data.CoreContext;
import vn.dancham.bench.data.DataGenerator;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.Files2;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.Scores;
import vn.dancham.scoring.ScoringMaintenance;
import vn.dancham.scoring.Subject;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static vn.dancham.bench.report.Report.fmt;
import static vn.dancham.bench.report.Report.ms;
import static vn.dancham.bench.report.Report.ratio;

/**
 * Benchmark 2: scores at scale. A province (small) or a country (full: 10 million ratings, 20,000 officers, 1,000
 * offices, a year of dossiers) generated inside PostgreSQL; then the full recomputation, the snapshots, and the
 * pages' queries through the scoring core's API ({@code Scores}), each against the naive answer to the same
 * question: GROUP BY over the raw rating table on the same data (which computes less: a plain mean and count, no
 * weights, intervals or shrinkage).
 */
final class ScoresBenchmark implements Main.Benchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** One kind of page: the API call and the naive query, run on the same random subjects. */
    private record Page(String name, String subjects, Query api, Query naive) {
    }

    private interface Query {
        void run(long id) throws Exception;
    }

    @Override
    public void run(Options o, Report report) throws Exception {
        Path work = o.work().resolve("scores");
        Files2.deleteRecursively(work);
        DataGenerator.Size size = o.pick(DataGenerator.Size.PROVINCE, DataGenerator.Size.COUNTRY);
        int samples = o.pick(60, 300);
        try (ConfigurableApplicationContext context = CoreContext.start(work.resolve("postgres"), Map.of())) {
            DataSource ds = context.getBean(DataSource.class);
            report.postgresVersion(IngestBenchmark.postgresVersion(ds));
            long t0 = System.nanoTime();
            new DataGenerator(ds).generate(size);
            double generateSeconds = (System.nanoTime() - t0) / 1e9;
            long ratings = count(ds, "SELECT count(*) FROM rating");

            ScoringMaintenance maintenance = context.getBean(ScoringMaintenance.class);
            Scores scores = context.getBean(Scores.class);
            t0 = System.nanoTime();
            maintenance.recomputeAll();
            double recomputeMs = (System.nanoTime() - t0) / 1e6;
            long dailyRows = count(ds, "SELECT count(*) FROM rating_daily");
            execute(ds, "ANALYZE");
            LocalDate today = LocalDate.now(ZONE);
            t0 = System.nanoTime();
            int yearSnapshots = maintenance.snapshot(today.minusDays(365), today);
            double snapshotYearMs = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            maintenance.nightly();
            double nightlyMs = (System.nanoTime() - t0) / 1e6;
            execute(ds, "ANALYZE");

            long[] offices = ids(ds, "SELECT id FROM office WHERE code LIKE 'BXO%'");
            long[] officers = ids(ds, "SELECT id FROM officer WHERE code LIKE 'BXF%'");
            long[] districts = ids(ds, "SELECT id FROM admin_unit WHERE level = 'DISTRICT' AND code LIKE 'BXD%'");
            long province = ids(ds, "SELECT id FROM admin_unit WHERE code = 'BX'")[0];
            Period period = Period.rolling(90, today);
            Timestamp from = Timestamp.from(period.from().atStartOfDay(ZONE).toInstant());
            Timestamp to = Timestamp.from(period.to().atStartOfDay(ZONE).toInstant());
            Timestamp yearAgo = Timestamp.from(today.minusDays(365).atStartOfDay(ZONE).toInstant());

            List<Page> pages = List.of(
                    new Page("officer page (score 90 days + 12-month trend)", "random officers",
                            id -> {
                                scores.score(Subject.officer(id), period);
                                scores.trend(Subject.officer(id), Period.Kind.MONTH, 12);
                            },
                            id -> {
                                query(ds, """
                                        SELECT criterion, count(*), avg(value), avg((value >= 4)::int) FROM rating
                                        WHERE officer_id = ? AND status = 'COUNTED' AND given_at >= ? AND given_at < ?
                                        GROUP BY criterion""", id, from, to);
                                query(ds, """
                                        SELECT date_trunc('month', given_at), count(*), avg(value) FROM rating
                                        WHERE officer_id = ? AND status = 'COUNTED' AND given_at >= ?
                                        GROUP BY 1""", id, yearAgo);
                            }),
                    new Page("league: officers in an office (90 days)", "random offices",
                            id -> scores.leaderboard(LeaderboardTable.officersInOffice(id), period),
                            id -> query(ds, """
                                    SELECT r.officer_id, count(*), avg(r.value), avg((r.value >= 4)::int)
                                    FROM rating r JOIN officer f ON f.id = r.officer_id
                                    WHERE f.office_id = ? AND r.status = 'COUNTED' AND r.given_at >= ? AND r.given_at < ?
                                    GROUP BY r.officer_id ORDER BY 3 DESC""", id, from, to)),
                    new Page("league: offices in a district (90 days)", "random districts",
                            id -> scores.leaderboard(LeaderboardTable.officesInUnit(id), period),
                            id -> query(ds, """
                                    SELECT r.office_id, count(*), avg(r.value), avg((r.value >= 4)::int)
                                    FROM rating r JOIN office o ON o.id = r.office_id JOIN admin_unit u ON u.id = o.unit_id
                                    WHERE (u.id = ? OR u.parent_id = ?) AND r.status = 'COUNTED'
                                      AND r.given_at >= ? AND r.given_at < ?
                                    GROUP BY r.office_id ORDER BY 3 DESC""", id, id, from, to)),
                    new Page("league: districts in the province (90 days)", "the province",
                            id -> scores.leaderboard(LeaderboardTable.unitsInUnit(id), period),
                            id -> query(ds, """
                                    SELECT coalesce(p.id, u.id), count(*), avg(r.value), avg((r.value >= 4)::int)
                                    FROM rating r JOIN office o ON o.id = r.office_id JOIN admin_unit u ON u.id = o.unit_id
                                    LEFT JOIN admin_unit p ON p.id = u.parent_id AND p.level = 'DISTRICT'
                                    WHERE (u.parent_id = ? OR p.parent_id = ?) AND r.status = 'COUNTED'
                                      AND r.given_at >= ? AND r.given_at < ?
                                    GROUP BY 1 ORDER BY 3 DESC""", id, id, from, to)));
            List<List<String>> rows = new ArrayList<>();
            for (Page page : pages) {
                long[] subjects = page.subjects().equals("random officers") ? officers
                        : page.subjects().equals("random offices") ? offices
                        : page.subjects().equals("random districts") ? districts : new long[] {province};
                int n = page.subjects().equals("the province") ? Math.max(10, samples / 6) : samples;
                Histogram api = new Histogram(3);
                Histogram naive = new Histogram(3);
                // Warm both paths (JIT, plan cache), then alternate so that both see the same machine load.
                for (int i = 0; i < 5; i++) {
                    long id = subjects[ThreadLocalRandom.current().nextInt(subjects.length)];
                    page.api().run(id);
                    page.naive().run(id);
                }
                for (int i = 0; i < n; i++) {
                    long id = subjects[ThreadLocalRandom.current().nextInt(subjects.length)];
                    long a = System.nanoTime();
                    page.api().run(id);
                    long b = System.nanoTime();
                    page.naive().run(id);
                    long c = System.nanoTime();
                    api.recordValue(b - a);
                    naive.recordValue(c - b);
                }
                double ap50 = api.getValueAtPercentile(50) / 1e6;
                double ap95 = api.getValueAtPercentile(95) / 1e6;
                double np50 = naive.getValueAtPercentile(50) / 1e6;
                double np95 = naive.getValueAtPercentile(95) / 1e6;
                rows.add(List.of(page.name(), n + " × " + page.subjects(), ms(ap50), ms(ap95), ms(np50), ms(np95),
                        ratio(np50, ap50), ratio(np95, ap95)));
                System.err.println(page.name() + ": api p50 " + ms(ap50) + ", naive p50 " + ms(np50));
            }

            report.section("2. Scores at scale");
            report.paragraph("Data set **" + size.name() + "**: " + String.format("%,d", ratings) + " ratings, "
                    + String.format("%,d", size.officers()) + " officers, " + String.format("%,d", size.offices())
                    + " offices, " + size.districts() + " districts × " + size.communesPerDistrict()
                    + " communes, " + String.format("%,d", size.dossiers()) + " dossiers over a year (two stages "
                    + "each), generated inside PostgreSQL with generate_series in " + fmt(generateSeconds) + " s. "
                    + "Queries through the scoring core's API (`Scores`, reading the per-day aggregates and "
                    + "snapshots), against the **baseline**: the naive GROUP BY over the raw `rating` table on the "
                    + "same data for the same subjects (it computes less: plain mean, count and satisfied share — no "
                    + "weights, intervals, shrinkage or on-time rate). Speed-up = baseline / API.");
            report.table(List.of("page", "samples", "API p50", "API p95", "naive p50", "naive p95",
                    "speed-up p50", "speed-up p95"), rows);
            report.table(List.of("maintenance", "time", "rows"), List.of(
                    List.of("full recomputation of the aggregates (`recomputeAll`)", ms(recomputeMs),
                            String.format("%,d", dailyRows) + " rating_daily rows from " + String.format("%,d",
                                    ratings) + " ratings"),
                    List.of("snapshots of every week and month of the year (`snapshot`, after a bulk load)",
                            ms(snapshotYearMs), String.format("%,d", yearSnapshots) + " snapshot rows"),
                    List.of("nightly job (`nightly`: current/previous week and month, concern check)",
                            ms(nightlyMs), "")));
        }
    }

    private static void query(DataSource ds, String sql, Object... args) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
        }
    }

    private static void execute(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute(sql);
        }
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
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
}
