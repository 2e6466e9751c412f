package vn.dancham.scoring.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measurements, not assertions about time (machines are shared): how long bulk recording takes through the API,
 * and how long score pages take over large aggregate tables. Off by default; run with
 * {@code -Dscoring.scale=true -Dtest=ScaleMeasurementIT}. Results go to the test output.
 */
@EnabledIfSystemProperty(named = "scoring.scale", matches = "true")
class ScaleMeasurementIT {

    @Test
    void measure() {
        Map<String, long[]> statements = new java.util.concurrent.ConcurrentHashMap<>();
        org.jooq.ExecuteListener timing = new org.jooq.ExecuteListener() {
            final ThreadLocal<Long> started = new ThreadLocal<>();

            @Override
            public void executeStart(org.jooq.ExecuteContext ctx) {
                started.set(System.nanoTime());
            }

            @Override
            public void executeEnd(org.jooq.ExecuteContext ctx) {
                String sql = ctx.sql() == null ? "?" : ctx.sql().replaceAll("\\s+", " ");
                long[] sum = statements.computeIfAbsent(sql.substring(0, Math.min(90, sql.length())),
                        k -> new long[2]);
                synchronized (sum) {
                    sum[0]++;
                    sum[1] += System.nanoTime() - started.get();
                }
            }
        };
        try (ScoringCoreFixture f = ScoringCoreFixture.fresh(vn.dancham.scoring.ScoringProperties.defaults(),
                Instant.parse("2026-11-20T03:00:00Z"), timing)) {
            World w = World.create(f);
            Random random = new Random(7);
            // 1. Bulk recording through the API: 300 dossiers, 500 ratings one by one, 2,500 by recordAll.
            long t0 = System.nanoTime();
            long[] dossiers = new long[300];
            for (int i = 0; i < dossiers.length; i++) {
                Instant received = Instant.parse("2026-06-01T01:00:00Z").plus(Duration.ofHours(i * 12L));
                dossiers[i] = f.registry.upsert(new DossierData(new ReceiptNumber("2026" + (500000 + i)), "DD-01",
                        "GL-1CUA", "CB-AN", "Người nộp", "0912" + (100000 + i), received,
                        received.plus(Duration.ofDays(10)), null, "IN_PROGRESS")).id();
            }
            long t1 = System.nanoTime();
            String[] questions = {"ATTITUDE", "TIMELINESS", "OVERALL"};
            List<RatingSubmission> submissions = new java.util.ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                submissions.add(new RatingSubmission(null, dossiers[i / 10], null, questions[i % 3],
                        1 + random.nextInt(5), "0913" + (100000 + i / 3),
                        Instant.parse("2026-06-02T01:00:00Z").plus(Duration.ofMinutes(i * 70L)),
                        RatingSubmission.Channel.PHONE));
            }
            for (RatingSubmission s : submissions.subList(0, 500)) {
                f.ratings.record(s);
            }
            long t2 = System.nanoTime();
            f.ratings.recordAll(submissions.subList(500, 3000));
            long t3 = System.nanoTime();
            System.out.printf("SCALE bulk: 300 dossier upserts %d ms; 500 ratings one transaction each %d ms "
                    + "(%.2f ms/rating); 2500 ratings by recordAll %d ms (%.2f ms/rating)%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t1) / 500 / 1e6, (t3 - t2) / 1_000_000,
                    (t3 - t2) / 2500 / 1e6);
            statements.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(14)
                    .forEach(e -> System.out.printf("SCALE stmt %6d x %8.3f ms total %7d ms  %s%n", e.getValue()[0],
                            e.getValue()[1] / 1e6 / e.getValue()[0], e.getValue()[1] / 1_000_000, e.getKey()));

            // 2. Large aggregates: 2,000 officers in 50 offices of one district, two rating rows per officer-day
            //    over 400 days (1.6 M daily rows, the volume of about 10 M ratings spread over 20,000 officers,
            //    seen from one district), rolled up per month.
            f.dsl.execute("""
                    INSERT INTO office (unit_id, code, dial_code, name, kind)
                    SELECT ?, 'BIG-' || g, (9000 + g)::text, 'Cơ quan ' || g, 'DEPARTMENT' FROM generate_series(1, 50) g
                    """, w.huongHoa());
            f.dsl.execute("""
                    INSERT INTO officer (office_id, code, full_name, position)
                    SELECT o.id, 'BIG-' || o.id || '-' || g, 'Cán bộ ' || g, 'CV'
                    FROM office o CROSS JOIN generate_series(1, 40) g WHERE o.code LIKE 'BIG-%'
                    """);
            f.dsl.execute("""
                    INSERT INTO rating_daily (subject_type, subject_id, day, criterion, identity, n1, n2, n3, n4, n5)
                    SELECT 'OFFICER', f.id, d::date, c.criterion, 'VERIFIED', (random() * 2)::int, (random() * 2)::int,
                           (random() * 3)::int, (random() * 4)::int, (random() * 4)::int
                    FROM officer f
                    CROSS JOIN generate_series(date '2025-10-15', date '2026-11-18', interval '1 day') d
                    CROSS JOIN (VALUES ('ATTITUDE'), ('TIMELINESS')) c (criterion)
                    WHERE f.code LIKE 'BIG-%'
                    """);
            f.dsl.execute("""
                    INSERT INTO rating_daily (subject_type, subject_id, day, criterion, identity, n1, n2, n3, n4, n5)
                    SELECT 'OFFICE', f.office_id, r.day, r.criterion, r.identity, sum(n1), sum(n2), sum(n3), sum(n4),
                           sum(n5)
                    FROM rating_daily r JOIN officer f ON f.id = r.subject_id AND r.subject_type = 'OFFICER'
                    WHERE f.code LIKE 'BIG-%' GROUP BY 1, 2, 3, 4, 5
                    """);
            f.dsl.execute("DELETE FROM rating_monthly");
            f.dsl.execute("""
                    INSERT INTO rating_monthly (subject_type, subject_id, month, criterion, identity, n1, n2, n3, n4, n5)
                    SELECT subject_type, subject_id, date_trunc('month', day)::date, criterion, identity, sum(n1),
                           sum(n2), sum(n3), sum(n4), sum(n5)
                    FROM rating_daily GROUP BY 1, 2, 3, 4, 5
                    """);
            f.dsl.execute("ANALYZE");
            long rows = f.value(Long.class, "SELECT count(*) FROM rating_daily");
            long ratings = f.value(Long.class, "SELECT sum(n1 + n2 + n3 + n4 + n5) FROM rating_daily "
                    + "WHERE subject_type = 'OFFICER'");
            System.out.printf("SCALE aggregates: %d daily rows for %d ratings%n", rows, ratings);

            long officer = f.value(Long.class, "SELECT min(id) FROM officer WHERE code LIKE 'BIG-%'");
            long office = f.value(Long.class, "SELECT min(id) FROM office WHERE code LIKE 'BIG-%'");
            LocalDate asOf = LocalDate.of(2026, 11, 18);
            time("officer page, 365 days", () -> f.scores.score(Subject.officer(officer), Period.rolling(365, asOf)));
            time("officer page, 30 days", () -> f.scores.score(Subject.officer(officer), Period.rolling(30, asOf)));
            time("officer explanation, 30 days", () -> f.scores.explain(Subject.officer(officer),
                    Period.rolling(30, asOf), 100));
            time("leaderboard: 40 officers in an office, 365 days",
                    () -> f.scores.leaderboard(LeaderboardTable.officersInOffice(office), Period.rolling(365, asOf)));
            time("leaderboard: 51 offices in a district, 365 days",
                    () -> f.scores.leaderboard(LeaderboardTable.officesInUnit(w.huongHoa()), Period.rolling(365, asOf)));
            time("leaderboard: 51 offices in a district, 30 days",
                    () -> f.scores.leaderboard(LeaderboardTable.officesInUnit(w.huongHoa()), Period.rolling(30, asOf)));
            time("leaderboard: 2,001 officers in a district, 30 days",
                    () -> f.scores.leaderboard(LeaderboardTable.officersInUnit(w.huongHoa()), Period.rolling(30, asOf)));
            time("leaderboard: 2,001 officers in a district, 365 days",
                    () -> f.scores.leaderboard(LeaderboardTable.officersInUnit(w.huongHoa()), Period.rolling(365, asOf)));
            assertThat(f.scores.score(Subject.office(office), Period.rolling(365, asOf)).figures().ratings())
                    .isPositive();
        }
    }

    /**
     * A first read of a large stored table (docs/scoring.md § 9c): 700 entries, the province's districts at the
     * country size, each a real entry of this fixture's province table (1.1 kB). The page's read as the scoring core
     * makes it (statement and decoding), and the statement alone over the entries as stored (json, V272) and as they
     * were stored before (jsonb, a copy), in the same run.
     */
    @Test
    void aLargeTableFirstRead() {
        try (ScoringCoreFixture f = ScoringCoreFixture.fresh(vn.dancham.scoring.ScoringProperties.defaults(),
                Instant.parse("2026-11-20T03:00:00Z"))) {
            World w = World.create(f);
            Random random = new Random(7);
            List<RatingSubmission> submissions = new java.util.ArrayList<>();
            String[] questions = {"ATTITUDE", "TIMELINESS", "OVERALL"};
            for (int i = 0; i < 100; i++) {
                Instant received = Instant.parse("2026-06-01T01:00:00Z").plus(Duration.ofHours(i * 6L));
                long dossier = f.registry.upsert(new DossierData(new ReceiptNumber("2026" + (600000 + i)), "DD-01",
                        "GL-1CUA", "CB-AN", "Người nộp", "0912" + (200000 + i), received,
                        received.plus(Duration.ofDays(10)), null, "IN_PROGRESS")).id();
                for (String q : questions) {
                    submissions.add(new RatingSubmission(null, dossier, null, q, 1 + random.nextInt(5),
                            "0912" + (200000 + i), received.plus(Duration.ofHours(1)),
                            RatingSubmission.Channel.PHONE));
                }
            }
            f.ratings.recordAll(submissions);
            Period june = Period.month(java.time.YearMonth.of(2026, 6));
            ScoreQueries scores = new ScoreQueries(f.dsl, f.settings, f.clock,
                    new ReadyLeagues(f.dsl, f.transactions, f.clock));
            LeaderboardTable province = LeaderboardTable.unitsInUnit(w.province());
            scores.leaderboard(province, june);
            String entry = f.value(String.class, "SELECT r.entry::text FROM league_row r JOIN league_ready h "
                    + "ON h.id = r.ready_id WHERE h.table_kind = 'UNITS_IN_UNIT' ORDER BY r.ratings DESC LIMIT 1");
            String fingerprint = ReadyLeagues.fingerprint(f.settings.current());
            Period table = Period.month(java.time.YearMonth.of(2026, 7));
            long id = f.value(Long.class, "INSERT INTO league_ready (table_kind, parent_id, officer_kind, "
                    + "period_kind, period_from, period_to, settings, computed_at, stale) VALUES ('UNITS_IN_UNIT', ?, "
                    + "'', ?, ?, ?, ?, now(), false) RETURNING id", w.province(), table.kind().name(), table.from(),
                    table.to(), fingerprint);
            f.dsl.execute("INSERT INTO league_row (ready_id, position, subject_id, rank, standing, ratings, "
                    + "shrunk_composite, entry) SELECT ?, g, g, g, 'RANKED', 1000, 50, ?::json "
                    + "FROM generate_series(1, 700) g", id, entry);
            f.dsl.execute("CREATE TABLE league_row_jsonb AS SELECT ready_id, position, entry::jsonb AS entry "
                    + "FROM league_row WHERE ready_id = ?", id);
            f.dsl.execute("ALTER TABLE league_row_jsonb ADD PRIMARY KEY (ready_id, position)");
            f.dsl.execute("ANALYZE league_row");
            f.dsl.execute("ANALYZE league_row_jsonb");
            System.out.printf("SCALE first read: 700 entries of %d characters%n", entry.length());
            ReadyLeagues leagues = new ReadyLeagues(f.dsl, f.transactions, f.clock);
            assertThat(leagues.fresh(province, table, fingerprint).orElseThrow().entries()).hasSize(700);
            // The three in turn, twice: the second round shows how far the first drifted.
            for (int round = 1; round <= 2; round++) {
                percentiles("first read " + round + ": the page's read (statement + decoding)",
                        () -> leagues.fresh(province, table, fingerprint).orElseThrow());
                for (String stored : List.of("league_row", "league_row_jsonb")) {
                    percentiles("first read " + round + ": the statement alone, " + stored, () -> f.dsl.fetch(
                            "SELECT entry::text FROM " + stored + " WHERE ready_id = ? ORDER BY position", id));
                }
            }
        }
    }

    /**
     * The rating writer's claim and delete behind a backlog of 130,000 answers (docs/reliability.md), planned while the
     * inbox was empty and kept (a generic plan, as PostgreSQL keeps one after five executions), against planned for the
     * inbox as it is (a custom plan, what the writer's transaction asks for): each statement's EXPLAIN ANALYZE. The
     * inbox is analysed empty, as on a new installation; the writer's claim is {@code rating_inbox_claim} since V273,
     * timed beside the plain statement it replaced.
     */
    @Test
    void theWritersStatementsBehindABacklog() {
        // A database for each mode: the backlog rolled back leaves dead entries that the next mode's index scans
        // would have to step over.
        for (String mode : List.of("force_generic_plan", "force_custom_plan")) {
            try (ScoringCoreFixture f = ScoringCoreFixture.fresh()) {
                f.dsl.execute("ANALYZE rating_inbox");
                try {
                    f.dsl.transaction(c -> {
                        org.jooq.DSLContext d = c.dsl();
                        d.execute("DEALLOCATE ALL"); // prepared statements outlive a rollback
                        d.execute("SET LOCAL plan_cache_mode = " + mode);
                        d.execute("PREPARE claim(int) AS SELECT id, call_id FROM rating_inbox WHERE failed_at IS NULL "
                                + "ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED");
                        d.execute("PREPARE del(bigint[]) AS DELETE FROM rating_inbox WHERE id = ANY($1)");
                        for (int i = 0; i < 8; i++) {
                            d.fetch("EXECUTE claim(500)");
                            d.execute("EXECUTE del('{1,2,3}')");
                        }
                        d.execute("INSERT INTO rating_inbox (question_code, value, given_at, channel, answer_key, "
                                + "caller_number) SELECT 'OVERALL', 3, now(), 'PHONE', 'k' || g, '0912' || g "
                                + "FROM generate_series(1, 130000) g");
                        String ids = String.valueOf(d.fetchValue("SELECT array_agg(id)::text FROM (SELECT id FROM "
                                + "rating_inbox ORDER BY id LIMIT 500) x"));
                        Map<String, String> statements = new java.util.LinkedHashMap<>();
                        statements.put("claim", "EXECUTE claim(500)");
                        statements.put("the writer's claim (V273)", "SELECT id FROM rating_inbox_claim(500)");
                        statements.put("delete", "EXECUTE del('" + ids + "')");
                        statements.forEach((what, explain) -> {
                            for (org.jooq.Record r : d.fetch("EXPLAIN (ANALYZE, COSTS OFF) " + explain)) {
                                String line = r.get(0, String.class);
                                if (line.contains("Scan") || line.contains("Execution Time")) {
                                    System.out.printf("SCALE writer behind 130,000 answers, %s, %s: %s%n", mode,
                                            what, line.strip());
                                }
                            }
                        });
                        throw new IllegalStateException("rolled back");
                    });
                } catch (IllegalStateException e) {
                    assertThat(e).hasMessage("rolled back");
                }
            }
        }
    }

    /** p50 and p95 of 300 runs after 200 of warm-up (JIT, plan cache, buffers). */
    static void percentiles(String what, Supplier<?> run) {
        long[] us = sampled(run, 200, 300);
        System.out.printf("SCALE %s: p50 %.2f ms, p95 %.2f ms%n", what, us[150] / 1000.0, us[285] / 1000.0);
    }

    static void time(String what, Supplier<?> page) {
        long[] us = sampled(page, 3, 7);
        System.out.printf("SCALE %s: median %.1f ms, max %.1f ms%n", what, us[3] / 1000.0, us[6] / 1000.0);
    }

    /** {@code n} timings of {@code run} in microseconds, sorted, after {@code warm} runs (JIT, plan cache, buffers). */
    static long[] sampled(Supplier<?> run, int warm, int n) {
        for (int i = 0; i < warm; i++) {
            run.get();
        }
        long[] us = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            run.get();
            us[i] = (System.nanoTime() - t) / 1_000;
        }
        java.util.Arrays.sort(us);
        return us;
    }
}
