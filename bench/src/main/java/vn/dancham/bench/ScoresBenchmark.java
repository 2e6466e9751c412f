package vn.dancham.bench;

import org.HdrHistogram.Histogram;
import org.jooq.DSLContext;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dancham.bench.data.CoreContext;
import vn.dancham.bench.data.DataGenerator;
import vn.dancham.bench.report.Report;
import vn.dancham.bench.sys.Files2;
import vn.dancham.bench.sys.MachineCpu;
import vn.dancham.bench.sys.PostgresProcesses;
import vn.dancham.organisation.Officer;
import vn.dancham.scoring.internal.LeagueCache;
import vn.dancham.scoring.internal.Maintenance;
import vn.dancham.scoring.internal.ScoreQueries;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.Scores;
import vn.dancham.scoring.ScoringMaintenance;
import vn.dancham.scoring.Subject;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    private record Page(String name, String subjects, long[] ids, Query api, Query naive, Query live,
                        double target, Query forget) {

        Page(String name, String subjects, long[] ids, Query api, Query naive, Query live, double target) {
            this(name, subjects, ids, api, naive, live, target, null);
        }
    }

    /** Milliseconds, or microseconds below a tenth of a millisecond (a page served from memory). */
    private static String time(double millis) {
        return millis < 0.1 ? String.format(java.util.Locale.ROOT, "%.1f µs", millis * 1000) : ms(millis);
    }

    private static double pct(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    private interface Query {
        void run(long id) throws Exception;
    }

    @Override
    public void run(Options o, Report report) throws Exception {
        Path work = o.work().resolve("scores");
        Files2.deleteRecursively(work);
        // BENCH_SCORES_SCALE=N runs the size's shape at 1/N (a check of the full-size path in minutes).
        String scale = System.getenv("BENCH_SCORES_SCALE");
        DataGenerator.Size size = o.pick(DataGenerator.Size.PROVINCE, DataGenerator.Size.COUNTRY)
                .scaled(scale == null || scale.isBlank() ? 1 : Integer.parseInt(scale.strip()));
        // At least 200 samples behind every p95/p99 where the subject is random (issue 16). The province's pages
        // have one subject and a baseline that reads every rating of the period (millions at the full size):
        // fewer samples there, and no p99 from fewer than 200. The live calculation is context, a few samples.
        int samples = 200;
        int provinceSamples = o.pick(200, 20);
        int liveSamples = o.pick(20, 3);
        int provinceLiveSamples = o.pick(3, 1);
        // BENCH_SCORES_DATA=<dir>: a data set generated once and reused (bench/README.md): copied from <dir> when
        // it holds one of this size, else generated and saved there before anything is timed on it.
        String savedSetting = System.getenv("BENCH_SCORES_DATA");
        SavedData saved = savedSetting == null || savedSetting.isBlank() ? null
                : new SavedData(Path.of(savedSetting.strip()).toAbsolutePath().normalize(), size.toString());
        boolean reused = saved != null && saved.present();
        double generateSeconds;
        if (reused) {
            progress("copying the saved data set from " + saved.directory());
            generateSeconds = saved.copyTo(work.resolve("postgres"));
        } else {
            try (ConfigurableApplicationContext context = startCore(work)) {
                DataSource ds = context.getBean(DataSource.class);
                long t0 = System.nanoTime();
                progress("generating " + size);
                new DataGenerator(ds).generate(size);
                generateSeconds = (System.nanoTime() - t0) / 1e9;
                progress("generated in " + fmt(generateSeconds) + " s");
            }
            // The server stopped with the context: its directory is consistent and can be copied.
            if (saved != null) {
                progress("saving the data set to " + saved.directory());
                saved.saveFrom(work.resolve("postgres"), generateSeconds);
            }
        }
        try (ConfigurableApplicationContext context = startCore(work)) {
            DataSource ds = context.getBean(DataSource.class);
            report.postgresVersion(IngestBenchmark.postgresVersion(ds));
            long t0;
            long ratings = count(ds, "SELECT count(*) FROM rating");

            ScoringMaintenance maintenance = context.getBean(ScoringMaintenance.class);
            Scores scores = context.getBean(Scores.class);
            // BENCH_SCORES_STEPS=pages: the pages only, on a saved data set whose maintenance an earlier run did
            // (its stopped data directory saved with BENCH_SCORES_DATA's layout): at the full size the maintenance
            // takes most of an hour, the pages minutes. No live calculation and no league A/B either.
            boolean pagesOnly = "pages".equals(System.getenv("BENCH_SCORES_STEPS"));
            if (pagesOnly && !reused) {
                throw new IllegalStateException("BENCH_SCORES_STEPS=pages needs BENCH_SCORES_DATA holding a data set "
                        + "whose maintenance ran (bench/README.md)");
            }
            LocalDate today = LocalDate.now(ZONE);
            double recomputeMs = Double.NaN;
            long dailyRows = count(ds, "SELECT count(*) FROM rating_daily");
            double snapshotYearMs = Double.NaN;
            int yearSnapshots = 0;
            double nightlyMs = Double.NaN;
            if (!pagesOnly) {
            t0 = System.nanoTime();
            progress("recomputeAll …");
            maintenance.recomputeAll();
            recomputeMs = (System.nanoTime() - t0) / 1e6;
            progress("recomputeAll " + ms(recomputeMs));
            dailyRows = count(ds, "SELECT count(*) FROM rating_daily");
            execute(ds, "ANALYZE");
            t0 = System.nanoTime();
            progress("snapshot of every week and month of the year …");
            yearSnapshots = maintenance.snapshot(today.minusDays(365), today);
            snapshotYearMs = (System.nanoTime() - t0) / 1e6;
            progress("snapshot " + ms(snapshotYearMs) + ", " + yearSnapshots + " rows");
            t0 = System.nanoTime();
            progress("nightly …");
            maintenance.nightly();
            nightlyMs = (System.nanoTime() - t0) / 1e6;
            progress("nightly " + ms(nightlyMs));
            execute(ds, "ANALYZE");
            }
            // BENCH_SCORES_PREPARE=1 (with BENCH_SCORES_STEPS=pages): the nightly job's league preparation alone, so
            // that a saved data set maintained more than an hour ago serves its running windows' tables again.
            double prepareMs = Double.NaN;
            if (pagesOnly && "1".equals(System.getenv("BENCH_SCORES_PREPARE"))) {
                // ScoreQueries.prepare, not ScoringMaintenance.prepareLeagues: the latter ends by refreshing every
                // table older than half an hour, which under load recomputes the first windows prepared all over
                // again (seen at 10 M ratings, load 15-20: the preparation never reached the pages).
                progress("league preparation (the nightly's step) …");
                t0 = System.nanoTime();
                context.getBean(ScoreQueries.class).prepare(Maintenance.standardTables(
                        context.getBean(DSLContext.class)), Maintenance.standardWindows(today));
                prepareMs = (System.nanoTime() - t0) / 1e6;
                progress("league preparation " + ms(prepareMs));
                execute(ds, "ANALYZE league_ready");
                execute(ds, "ANALYZE league_row");
            }
            if ("maintenance".equals(System.getenv("BENCH_SCORES_STEPS"))) {
                // BENCH_SCORES_STEPS=maintenance: the maintenance steps only (profiling them at a size).
                report.section("2. Scores at scale: maintenance only");
                report.paragraph("Data set **" + size.name() + "**: " + String.format("%,d", ratings)
                        + " ratings, " + String.format("%,d", size.officers()) + " officers, "
                        + String.format("%,d", size.offices()) + " offices, generated in " + fmt(generateSeconds)
                        + " s" + (reused ? " (a saved data set, copied)" : "")
                        + ". BENCH_SCORES_STEPS=maintenance: pages and the league A/B not run.");
                report.table(List.of("maintenance", "time", "rows"), maintenanceRows(recomputeMs, dailyRows,
                        ratings, snapshotYearMs, yearSnapshots, nightlyMs,
                        count(ds, "SELECT count(*) FROM league_ready WHERE NOT stale"),
                        count(ds, "SELECT count(*) FROM league_row")));
                return;
            }
            // Issue 16: the standard tables prepared together per window (the nightly's way) against each table
            // computed live (the way before), A/B interleaved in this run; the live way only where it ends in
            // minutes (at the full size it is the impossible one).
            ScoreQueries preparer = context.getBean(ScoreQueries.class);
            List<LeaderboardTable> standard = Maintenance.standardTables(context.getBean(DSLContext.class));
            List<Period> windows = Maintenance.standardWindows(today);
            boolean withLive = standard.size() <= 400;
            List<Double> togetherMs = new ArrayList<>();
            List<Double> eachLiveMs = new ArrayList<>();
            for (int round = 0; round < (pagesOnly ? 0 : withLive ? 2 : 1); round++) {
                for (boolean together : round % 2 == 0 ? List.of(true, false) : List.of(false, true)) {
                    if (!together && !withLive) {
                        continue;
                    }
                    progress("league preparation, " + (together ? "together" : "each table live") + " …");
                    long p0 = System.nanoTime();
                    preparer.prepare(standard, windows, together ? 1 : Integer.MAX_VALUE);
                    double took = (System.nanoTime() - p0) / 1e6;
                    (together ? togetherMs : eachLiveMs).add(took);
                    progress("league preparation " + ms(took));
                }
            }

            long leagueTables = count(ds, "SELECT count(*) FROM league_ready WHERE NOT stale");
            long leagueRows = count(ds, "SELECT count(*) FROM league_row");
            long complaints = count(ds, "SELECT count(*) FROM complaint");

            long[] offices = ids(ds, "SELECT id FROM office WHERE code LIKE 'BXO%'");
            Map<Long, Officer.Kind> officeKind = new HashMap<>();
            for (long id : ids(ds, "SELECT id FROM office WHERE code LIKE 'BXO%' AND kind = 'DEPARTMENT'")) {
                officeKind.put(id, Officer.Kind.SPECIALIST);
            }
            long[] officers = ids(ds, "SELECT id FROM officer WHERE code LIKE 'BXF%'");
            long[] districts = ids(ds, "SELECT id FROM admin_unit WHERE level = 'DISTRICT' AND code LIKE 'BXD%'");
            long province = ids(ds, "SELECT id FROM admin_unit WHERE code = 'BX'")[0];
            ScoreQueries live = context.getBean(ScoreQueries.class);
            // The tables held in this node's memory (docs/scoring.md § 9c): each league sample first drops its
            // table here, so that the first read is the database read (a miss) and the second the memory (a hit).
            LeagueCache cache = context.getBeanProvider(LeagueCache.class).getIfAvailable();
            if (cache != null && !cache.sync(context.getBean(DSLContext.class), java.time.Duration.ofSeconds(10))) {
                throw new IllegalStateException("the league cache does not listen: the hits would not be measured");
            }
            Timestamp yearAgo = Timestamp.from(today.minusDays(365).atStartOfDay(ZONE).toInstant());

            List<Page> pages = new ArrayList<>();
            Period ninety = Period.rolling(90, today);
            Timestamp from90 = Timestamp.from(ninety.from().atStartOfDay(ZONE).toInstant());
            Timestamp to90 = Timestamp.from(ninety.to().atStartOfDay(ZONE).toInstant());
            // The page as users get it: after the nightly preparation above, the officer's figures come from the
            // officer tables kept ready (Scores.page: score and trend in one read; the explanation pages read the
            // score the same way); live: the 7 statements of the calculation at every view (before issue 16's change).
            pages.add(new Page("officer page (score 90 days + 12-month trend)", "random officers", officers,
                    id -> scores.page(Subject.officer(id), ninety, Period.Kind.MONTH, 12),
                    id -> {
                        query(ds, """
                                SELECT criterion, count(*), avg(value), avg((value >= 4)::int) FROM rating
                                WHERE officer_id = ? AND status = 'COUNTED' AND given_at >= ? AND given_at < ?
                                GROUP BY criterion""", id, from90, to90);
                        query(ds, """
                                SELECT date_trunc('month', given_at), count(*), avg(value) FROM rating
                                WHERE officer_id = ? AND status = 'COUNTED' AND given_at >= ?
                                GROUP BY 1""", id, yearAgo);
                    }, id -> {
                        live.liveScore(Subject.officer(id), ninety);
                        live.trend(Subject.officer(id), Period.Kind.MONTH, 12);
                    }, 0));
            for (int days : new int[]{30, 90, 365}) {
                Period period = Period.rolling(days, today);
                Timestamp from = Timestamp.from(period.from().atStartOfDay(ZONE).toInstant());
                Timestamp to = Timestamp.from(period.to().atStartOfDay(ZONE).toInstant());
                java.util.function.LongFunction<LeaderboardTable> officersOf = id -> LeaderboardTable
                        .officersInOffice(id).of(officeKind.getOrDefault(id, Officer.Kind.COUNTER));
                pages.add(new Page("league: officers in an office (" + days + " days)", "random offices", offices,
                        id -> scores.leaderboard(officersOf.apply(id), period),
                        id -> query(ds, """
                                SELECT r.officer_id, count(*), avg(r.value), avg((r.value >= 4)::int)
                                FROM rating r JOIN officer f ON f.id = r.officer_id
                                WHERE f.office_id = ? AND r.status = 'COUNTED' AND r.given_at >= ? AND r.given_at < ?
                                GROUP BY r.officer_id ORDER BY 3 DESC""", id, from, to),
                        id -> live.liveLeaderboard(officersOf.apply(id), period), 3,
                        cache == null ? null : id -> cache.forget(officersOf.apply(id), period)));
                pages.add(new Page("league: offices in a district (" + days + " days)", "random districts", districts,
                        id -> scores.leaderboard(LeaderboardTable.officesInUnit(id), period),
                        id -> query(ds, """
                                SELECT r.office_id, count(*), avg(r.value), avg((r.value >= 4)::int)
                                FROM rating r JOIN office o ON o.id = r.office_id JOIN admin_unit u ON u.id = o.unit_id
                                WHERE (u.id = ? OR u.parent_id = ?) AND r.status = 'COUNTED'
                                  AND r.given_at >= ? AND r.given_at < ?
                                GROUP BY r.office_id ORDER BY 3 DESC""", id, id, from, to),
                        id -> live.liveLeaderboard(LeaderboardTable.officesInUnit(id), period), 20,
                        cache == null ? null : id -> cache.forget(LeaderboardTable.officesInUnit(id), period)));
                pages.add(new Page("league: districts in the province (" + days + " days)", "the province",
                        new long[]{province},
                        id -> scores.leaderboard(LeaderboardTable.unitsInUnit(id), period),
                        id -> query(ds, """
                                SELECT coalesce(p.id, u.id), count(*), avg(r.value), avg((r.value >= 4)::int)
                                FROM rating r JOIN office o ON o.id = r.office_id JOIN admin_unit u ON u.id = o.unit_id
                                LEFT JOIN admin_unit p ON p.id = u.parent_id AND p.level = 'DISTRICT'
                                WHERE (u.parent_id = ? OR p.parent_id = ?) AND r.status = 'COUNTED'
                                  AND r.given_at >= ? AND r.given_at < ?
                                GROUP BY 1 ORDER BY 3 DESC""", id, id, from, to),
                        id -> live.liveLeaderboard(LeaderboardTable.unitsInUnit(id), period), 20,
                        cache == null ? null : id -> cache.forget(LeaderboardTable.unitsInUnit(id), period)));
            }
            // The first league page measured (officers in an office, 30 days) was the slowest read (issue 16): measured
            // again after every other page, with the same subjects and code, the order's part shows (the JVM and
            // PostgreSQL warm by the pages before it; each page's own warm-up is five calls).
            Page first = pages.get(1);
            pages.add(new Page(first.name() + ", again after every other page", first.subjects(), first.ids(),
                    first.api(), first.naive(), null, 0, first.forget()));
            List<List<String>> rows = new ArrayList<>();
            List<List<String>> liveRows = new ArrayList<>();
            List<List<String>> goals = new ArrayList<>();
            Set<Long> ours = new HashSet<>(new PostgresProcesses(work.resolve("postgres")).get());
            ours.add(ProcessHandle.current().pid());
            MachineCpu.Reading cpuStart = MachineCpu.read();
            for (Page page : pages) {
                long[] subjects = page.ids();
                Histogram api = new Histogram(3);
                Histogram hit = new Histogram(3);
                Histogram naive = new Histogram(3);
                Histogram naiveAgain = new Histogram(3);
                // Warm every path (JIT, plan cache), then alternate page, baseline and baseline again on the same
                // subject, so all three see the same machine load and the repeat shows the baseline's own noise.
                for (int i = 0; i < 5; i++) {
                    long id = subjects[ThreadLocalRandom.current().nextInt(subjects.length)];
                    page.api().run(id);
                    page.naive().run(id);
                }
                int n0 = page.ids().length == 1 ? provinceSamples : samples;
                progress(page.name() + ": " + n0 + " samples …");
                long apiStatements = 0;
                long hitStatements = 0;
                for (int i = 0; i < n0; i++) {
                    long id = subjects[ThreadLocalRandom.current().nextInt(subjects.length)];
                    // The first read from the database (the table dropped from this node's memory first, outside
                    // the timing), then the same page again: from memory where the page is cached.
                    if (page.forget() != null) {
                        page.forget().run(id);
                    }
                    long s0 = CoreContext.STATEMENTS.get();
                    long a = System.nanoTime();
                    page.api().run(id);
                    long b = System.nanoTime();
                    long s1 = CoreContext.STATEMENTS.get();
                    apiStatements += s1 - s0;
                    long h0 = System.nanoTime();
                    page.api().run(id);
                    long h1 = System.nanoTime();
                    hitStatements += CoreContext.STATEMENTS.get() - s1;
                    hit.recordValue(Math.max(1, h1 - h0));
                    page.naive().run(id);
                    long c = System.nanoTime();
                    page.naive().run(id);
                    long d = System.nanoTime();
                    api.recordValue(b - a);
                    naive.recordValue(c - b);
                    naiveAgain.recordValue(d - c);
                }
                double ap50 = pct(api, 50), ap95 = pct(api, 95), ap99 = pct(api, 99);
                double hp50 = pct(hit, 50), hp95 = pct(hit, 95), hp99 = pct(hit, 99);
                double np50 = pct(naive, 50), np95 = pct(naive, 95), np99 = pct(naive, 99);
                double rp50 = pct(naiveAgain, 50), rp95 = pct(naiveAgain, 95);
                // A p99 needs at least 200 samples behind it; fewer, and it is the maximum or near it.
                boolean p99 = n0 >= 200;
                rows.add(List.of(page.name(), n0 + " × " + page.subjects(),
                        String.format("%.2f", (double) apiStatements / n0), time(ap50), time(ap95),
                        p99 ? time(ap99) : "—", String.format("%.2f", (double) hitStatements / n0), time(hp50),
                        time(hp95), p99 ? time(hp99) : "—", ms(np50), ms(np95), p99 ? ms(np99) : "—",
                        ratio(np50, ap50), ratio(np50, hp50), ratio(np95, hp95),
                        ratio(rp50, np50) + " / " + ratio(rp95, np95)));
                if (page.target() > 0) {
                    // The goal's page is the page as served: from memory when its table did not change (the hit);
                    // the first read after a change (the miss) is stated beside it.
                    boolean ratioMet = np50 / hp50 >= page.target();
                    boolean p95Met = hp95 < 50;
                    boolean missRatioMet = np50 / ap50 >= page.target();
                    boolean missP95Met = ap95 < 50;
                    goals.add(List.of(page.name(), "≥ ×" + fmt(page.target()) + " naive (p50), p95 < 50 ms",
                            ratio(np50, hp50) + ", p95 " + time(hp95), ratioMet && p95Met ? "met"
                                    : "NOT met" + (ratioMet ? "" : " (ratio)") + (p95Met ? "" : " (p95)"),
                            ratio(np50, ap50) + ", p95 " + time(ap95), missRatioMet && missP95Met ? "met"
                                    : "NOT met" + (missRatioMet ? "" : " (ratio)") + (missP95Met ? "" : " (p95)")));
                }
                System.err.println(page.name() + ": api first p50 " + time(ap50) + " p95 " + time(ap95)
                        + ", again p50 " + time(hp50) + " p95 " + time(hp95) + ", naive p50 " + ms(np50) + " p95 "
                        + ms(np95));
                if (page.live() != null && !pagesOnly) {
                    // What the page cost before the tables kept ready: the live calculation, a few samples.
                    Histogram calc = new Histogram(3);
                    Histogram naive2 = new Histogram(3);
                    // The province's table computed live reads every rating of the period: a few samples are enough.
                    int n = page.ids().length == 1 ? provinceLiveSamples : liveSamples;
                    progress(page.name() + ": live calculation, " + n + " samples …");
                    for (int i = 0; i < n; i++) {
                        long id = subjects[ThreadLocalRandom.current().nextInt(subjects.length)];
                        long a = System.nanoTime();
                        page.live().run(id);
                        long b = System.nanoTime();
                        page.naive().run(id);
                        long c = System.nanoTime();
                        calc.recordValue(b - a);
                        naive2.recordValue(c - b);
                    }
                    liveRows.add(List.of(page.name(), n + " × " + page.subjects(), ms(pct(calc, 50)),
                            ms(pct(naive2, 50)), ratio(pct(naive2, 50), pct(calc, 50)), ms(ap50),
                            ratio(pct(calc, 50), ap50)));
                }
            }
            MachineCpu.Usage cpu = MachineCpu.between(cpuStart, MachineCpu.read(), ours);

            report.section("2. Scores at scale");
            report.paragraph("Data set **" + size.name() + "**: " + String.format("%,d", ratings) + " ratings, "
                    + String.format("%,d", size.officers()) + " officers, " + String.format("%,d", size.offices())
                    + " offices, " + size.districts() + " districts × " + size.communesPerDistrict()
                    + " communes, " + String.format("%,d", size.dossiers()) + " dossiers over a year (two stages "
                    + "each), " + String.format("%,d", complaints) + " complaints, generated inside PostgreSQL with "
                    + "generate_series in " + fmt(generateSeconds) + " s" + (reused ? " (a saved data set, "
                    + "BENCH_SCORES_DATA: copied, not generated, in this run)" : "") + ". League pages through the scoring core's "
                    + "API (`Scores.leaderboard`: the table kept ready, one indexed read of `league_ready` + "
                    + "`league_row`; " + String.format("%,d", leagueTables) + " tables with " + String.format("%,d",
                    leagueRows) + " rows prepared by the nightly job below), the officer page as users get it after the "
                    + "nightly preparation (`Scores.page`: the officer's figures from the officer tables kept ready and "
                    + "the monthly snapshots, one statement when fresh; \"statements per page\" counts what each page "
                    + "ran through jOOQ); against the **baseline**: the naive GROUP BY over the raw `rating` table on "
                    + "the same data for the same subject (it computes less: plain mean, count and satisfied share — "
                    + "no weights, intervals, shrinkage, on-time rate or complaints). Each sample runs the page, the "
                    + "baseline, and the baseline again on the same subject; \"baseline repeat\" = second / first "
                    + "baseline (p50 / p95): how much the baseline differs from itself in this run. Speed-up = "
                    + "baseline / API. The province's pages have one subject and a baseline that reads every "
                    + "rating of the period: they run " + provinceSamples + " samples at this size, and a p99 is "
                    + "shown only from 200 samples or more (\"—\" otherwise).");
            report.paragraph("Machine during the measured pages (shared with other engineers' builds; compare "
                    + "ratios within this run): " + cpu.describe() + ".");
            report.paragraph("Each sample reads the page twice: **first read** = the league table dropped from this "
                    + "node's memory before (outside the timing), so read from the database, decoded and kept (what "
                    + "the first view after a change costs); **again** = the same page at once, served from this "
                    + "node's memory (" + (cache == null ? "no cache in this run: read again from the database"
                    : "LeagueCache, docs/scoring.md § 9c; a hit costs no statement") + "). The officer page is not "
                    + "cached: its second read is a second database read. Speed-up = naive p50 / page p50.");
            report.table(List.of("page", "samples", "statements, first read", "first read p50", "first read p95",
                    "first read p99", "statements, again", "again p50", "again p95", "again p99",
                    "naive p50", "naive p95", "naive p99", "speed-up first read p50", "speed-up again p50",
                    "speed-up again p95", "baseline repeat"), rows);
            report.paragraph("Goals of issue 16 at 10 M ratings (speed-up at p50, p95 absolute) for the page as "
                    + "served when its table did not change (again: from memory), and for the first read after a "
                    + "change (from the database); at the small size they are indicative only:");
            report.table(List.of("page", "goal", "measured (again)", "verdict (again)", "measured (first read)",
                    "verdict (first read)"), goals);
            if (!Double.isNaN(prepareMs)) {
                report.paragraph("BENCH_SCORES_PREPARE=1: the nightly job's league preparation alone "
                        + "(`ScoreQueries.prepare` of the standard tables and windows) ran before the pages, in " + ms(prepareMs)
                        + ", so that the running windows' tables are fresh (they are served for an hour); "
                        + String.format("%,d", leagueTables) + " tables with " + String.format("%,d", leagueRows)
                        + " rows after it.");
            }
            if (pagesOnly) {
                report.paragraph("BENCH_SCORES_STEPS=pages: no maintenance, no live calculation and no league A/B in "
                        + "this run; the data set's maintenance (recomputation, a year of snapshots, the nightly job "
                        + "with its league tables) was done by an earlier run: " + saved.note() + ".");
                return;
            }
            report.paragraph("What the same pages cost computed live at every view (the calculation the tables "
                    + "kept ready store; a few samples each, p50 only), against the same baseline:");
            report.table(List.of("page", "samples", "live p50", "naive p50", "live speed-up p50", "ready p50",
                    "ready vs live"), liveRows);
            report.table(List.of("maintenance", "time", "rows"), maintenanceRows(recomputeMs, dailyRows, ratings,
                    snapshotYearMs, yearSnapshots, nightlyMs, leagueTables, leagueRows));
            List<List<String>> prep = new ArrayList<>();
            prep.add(List.of("standard league tables × 3 windows prepared together per window (issue 16)",
                    togetherMs.stream().map(Report::ms).collect(java.util.stream.Collectors.joining(", ")),
                    String.format("%,d", standard.size() * windows.size()) + " tables"));
            if (withLive) {
                prep.add(List.of("the same, each table computed live (before issue 16's change)",
                        eachLiveMs.stream().map(Report::ms)
                                .collect(java.util.stream.Collectors.joining(", ")),
                        "live time ÷ together time: ×" + String.format("%.2f",
                                eachLiveMs.stream().mapToDouble(d -> d).sum()
                                        / togetherMs.stream().mapToDouble(d -> d).sum()) + " (sums of the rounds)"));
            }
            // At the full size only the together way runs, once: the text says so rather than an A/B that did not run.
            report.paragraph(withLive
                    ? "League preparation A/B in this run (rounds interleaved: together, live, then live, together; "
                            + "load average at the report's top):"
                    : "League preparation in this run: one round, the together way only (computing each of the "
                            + String.format("%,d", standard.size() * windows.size()) + " tables live, the way before, "
                            + "would take hours at this size: see the live calculation's times above; load average "
                            + "at the report's top):");
            report.table(List.of("preparation", "time per round", "tables / ratio"), prep);
        }
    }

    private static List<List<String>> maintenanceRows(double recomputeMs, long dailyRows, long ratings,
                                                      double snapshotYearMs, int yearSnapshots, double nightlyMs,
                                                      long leagueTables, long leagueRows) {
        return List.of(
                List.of("full recomputation of the aggregates (`recomputeAll`)", ms(recomputeMs),
                        String.format("%,d", dailyRows) + " rating_daily rows from " + String.format("%,d",
                                ratings) + " ratings"),
                List.of("snapshots of every week and month of the year (`snapshot`, after a bulk load)",
                        ms(snapshotYearMs), String.format("%,d", yearSnapshots) + " snapshot rows"),
                List.of("nightly job (`nightly`: current/previous week and month, concern check, league "
                        + "tables kept ready for 30/90/365 days)", ms(nightlyMs), String.format("%,d", leagueTables)
                        + " league tables, " + String.format("%,d", leagueRows) + " rows"));
    }

    /** The scoring core on the work directory's database, with each maintenance step's time in the log. */
    private static ConfigurableApplicationContext startCore(Path work) {
        return CoreContext.start(work.resolve("postgres"),
                // Each step of the nightly job with its time, for the operator.
                Map.of("logging.level.vn.dancham.scoring.internal.Maintenance", "INFO",
                        "logging.level.vn.dancham.scoring.internal.ScoreQueries", "INFO"));
    }

    /**
     * A generated data set kept in {@code directory} ({@code postgres/}: the stopped server's data directory, as
     * generated, before any aggregate; {@code dataset.properties}: its size and generation time), so that runs
     * after code changes start from the same rows in the time of a copy. The ratings' times are relative to the
     * day it was generated: a set some days old has fewer ratings in the last 30 days.
     */
    private record SavedData(Path directory, String size) {

        /** What an earlier run did to the saved set ({@code maintained} in dataset.properties), for the report. */
        String note() throws java.io.IOException {
            return load(directory.resolve("dataset.properties")).getProperty("maintained", "not said");
        }

        boolean present() throws java.io.IOException {
            Path properties = directory.resolve("dataset.properties");
            if (!Files.exists(properties)) {
                return false;
            }
            java.util.Properties p = load(properties);
            if (!size.equals(p.getProperty("size"))) {
                throw new IllegalStateException(directory + " holds the data set " + p.getProperty("size")
                        + ", not " + size + ": choose another BENCH_SCORES_DATA directory or remove it");
            }
            return true;
        }

        /** Copies the saved server directory into {@code target}; returns the generation time it took then. */
        double copyTo(Path target) throws Exception {
            Files.createDirectories(target.getParent());
            copy(directory.resolve("postgres"), target);
            return Double.parseDouble(load(directory.resolve("dataset.properties")).getProperty("generateSeconds"));
        }

        void saveFrom(Path source, double generateSeconds) throws Exception {
            Files.createDirectories(directory);
            copy(source, directory.resolve("postgres"));
            java.util.Properties p = new java.util.Properties();
            p.setProperty("size", size);
            p.setProperty("generateSeconds", Double.toString(generateSeconds));
            p.setProperty("generatedAt", java.time.Instant.now().toString());
            try (var out = Files.newBufferedWriter(directory.resolve("dataset.properties"))) {
                p.store(out, "bench/run.sh scores data set (BENCH_SCORES_DATA)");
            }
        }

        private static java.util.Properties load(Path file) throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(file)) {
                p.load(in);
            }
            return p;
        }

        /** cp -a: gigabytes at the full size, copied by the kernel rather than through the JVM. */
        private static void copy(Path from, Path to) throws Exception {
            if (Files.exists(to)) {
                throw new IllegalStateException("Will not copy over " + to);
            }
            Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
            if (cp.waitFor() != 0) {
                throw new IllegalStateException("cp -a " + from + " " + to + " failed");
            }
        }
    }

    /** Where the run is, for the operator (the full size runs for about an hour). */
    private static void progress(String what) {
        System.err.println("  scores " + java.time.LocalTime.now().withNano(0) + " " + what);
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
