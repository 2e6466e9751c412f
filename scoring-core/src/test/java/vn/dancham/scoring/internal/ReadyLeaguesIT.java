package vn.dancham.scoring.internal;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.complaint.ComplaintInbox;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.organisation.AdminUnit;
import vn.dancham.organisation.Office;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.internal.InboxSignal;
import vn.dancham.rating.internal.InboxWriter;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSetting;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.SubjectPage;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * League tables kept ready (issue 16): a page served from {@code league_ready} in one statement shows exactly what
 * the live calculation gives, on a seeded data set and after each kind of change that can move the figures: new
 * answers applied by the rating writer, a settings change, a stage finished late, a complaint's verdict, and an
 * officer or an office moved, deactivated or renamed (the tables of both the old and the new place).
 * <p>
 * And on another node (docs/scoring.md § 9c): a second scoring core on its own pool against the same database,
 * holding the tables it read in memory ({@link LeagueCache}), serves after each of those changes made on the first
 * node exactly what the live calculation gives, once the notifications committed before have reached it
 * ({@link LeagueCache#sync}); a table it holds unchanged costs it no statement; while its listening connection is
 * away it serves nothing from memory.
 */
class ReadyLeaguesIT {

    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final Period NOVEMBER = Period.month(YearMonth.of(2026, 11));
    static final Period LAST_30 = Period.rolling(30, LocalDate.of(2026, 11, 20));

    final AtomicInteger statements = new AtomicInteger();
    /** The SQL of this node's statements, while a test collects them (null: not collecting). */
    volatile List<String> sqls;
    ScoringCoreFixture f;
    World w;
    ScoreQueries ready;
    Organisation organisation;
    List<LeaderboardTable> tables;
    /** The other node: its own pool, its own tables in memory, on the same database. */
    final AtomicInteger statementsB = new AtomicInteger();
    com.zaxxer.hikari.HikariDataSource poolB;
    LeagueCache cacheB;
    org.jooq.DSLContext dslB;
    ScoreQueries nodeB;

    @BeforeEach
    void setUp() {
        f = ScoringCoreFixture.fresh(ScoringProperties.with(Map.of("anti-gaming.daily-cap", "3",
                "anti-gaming.dossier-anonymous-callers", "100", "anti-gaming.officer-anonymous-callers", "100",
                "anti-gaming.low-cluster-count", "100", "fairness.min-effective-n", "2")), NOW,
                new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        statements.incrementAndGet();
                        List<String> collecting = sqls;
                        if (collecting != null) {
                            collecting.add(ctx.sql());
                        }
                    }
                });
        w = World.create(f);
        f.webUser("handler", "Người xử lý phản ánh");
        ready = new ScoreQueries(f.dsl, f.settings, f.clock, new ReadyLeagues(f.dsl, f.transactions, f.clock));
        organisation = new Organisation(f.dsl, new LeagueMarks(f.dsl));
        poolB = new com.zaxxer.hikari.HikariDataSource();
        poolB.setJdbcUrl(f.db.jdbcUrl());
        poolB.setUsername(f.db.dataSource().getUsername());
        poolB.setMaximumPoolSize(4);
        dslB = org.jooq.impl.DSL.using(new org.jooq.impl.DefaultConfiguration()
                .set(new org.jooq.impl.DataSourceConnectionProvider(
                        new org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy(poolB)))
                .set(org.jooq.SQLDialect.POSTGRES)
                .set(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        statementsB.incrementAndGet();
                    }
                }));
        java.util.Properties listener = new java.util.Properties();
        listener.setProperty("user", f.db.dataSource().getUsername());
        listener.setProperty("ApplicationName", "league-cache-b");
        cacheB = new LeagueCache(() -> java.sql.DriverManager.getConnection(f.db.jdbcUrl(), listener), 10_000,
                Duration.ofSeconds(1));
        nodeB = new ScoreQueries(dslB, f.settings, f.clock, new ReadyLeagues(dslB,
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(poolB), f.clock, cacheB));
        tables = List.of(LeaderboardTable.officersInOffice(w.counterOffice()),
                LeaderboardTable.officersInOffice(w.landOffice()),
                LeaderboardTable.officersInOffice(w.landOffice()).of(Officer.Kind.SPECIALIST),
                LeaderboardTable.officersInUnit(w.province()), LeaderboardTable.officesInUnit(w.gioLinh()),
                LeaderboardTable.officesInUnit(w.province()), LeaderboardTable.unitsInUnit(w.province()),
                LeaderboardTable.fields(),
                // The other district's: where officers and offices move to.
                LeaderboardTable.officersInOffice(w.civilOffice()), LeaderboardTable.officersInUnit(w.gioLinh()),
                LeaderboardTable.officersInUnit(w.huongHoa()), LeaderboardTable.officesInUnit(w.huongHoa()));
        // A seeded month: dossiers of both offices, the land office's second stage late for every third one, each
        // applicant rating attitude, timeliness and overall, some low; a confirmed complaint against the counter.
        for (int i = 0; i < 24; i++) {
            dossier(i, i % 2 == 0 ? "CB-BINH" : "CB-CUONG", i % 3 == 0);
            rate(i, "ATTITUDE", 2 + i % 4);
            rate(i, "TIMELINESS", i % 3 == 0 ? 2 : 5);
            rate(i, "OVERALL", 3 + i % 3);
        }
        long complaint = f.complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null,
                f.value(Long.class, "SELECT id FROM dossier WHERE receipt_no = ?", receipt(1)), receipt(1),
                w.counterOffice(), null, phone(1), null, null, NewComplaint.RecordingState.NONE, nov(12)));
        decide(complaint, ComplaintInbox.Verdict.CONFIRMED, w.counterOfficer());
    }

    @AfterEach
    void tearDown() {
        cacheB.close();
        poolB.close();
        f.close();
    }

    /** Node B caught up with every notification committed so far (its listening connection up). */
    void syncB() {
        assertThat(cacheB.sync(dslB, Duration.ofSeconds(10))).as("node B listens and caught up").isTrue();
    }

    /**
     * Node B's page of each table: first as it finds it (from memory, or read, or computed), then once its own
     * refreshes' notifications are in, read (and kept), then from memory: each the live calculation's.
     */
    void assertNodeBEqualsLive(Period p) {
        List<Leaderboard> live = tables.stream().map(t -> ready.liveLeaderboard(t, p).figures()).toList();
        for (int i = 0; i < tables.size(); i++) {
            assertThat(nodeB.leaderboard(tables.get(i), p).figures()).as("node B " + tables.get(i) + " " + p.label())
                    .isEqualTo(live.get(i));
        }
        syncB();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < tables.size(); i++) {
                int before = statementsB.get();
                assertThat(nodeB.leaderboard(tables.get(i), p).figures()).as("node B again " + tables.get(i))
                        .isEqualTo(live.get(i));
                if (round == 1) {
                    assertThat(statementsB.get() - before).as("node B from memory " + tables.get(i)).isZero();
                }
            }
        }
    }

    /**
     * A table computed on its own (at view, or by a refresh of fewer than {@code TOGETHER_FROM} tables of a kind:
     * the time marks' few offices every five minutes) reads its members' ratings once per period. The per-call sums
     * of the satisfaction interval and the table's pool (each rating once) come from the same rows. Before, each was
     * its own read of the same ratings by key: at 10 M ratings 571 and 459 ms for an office's year
     * (bench/results/2026-12-05-one-read-per-period-10m.md).
     */
    @Test
    void aTableComputedOnItsOwnReadsItsMembersRatingsOncePerPeriod() {
        for (LeaderboardTable t : List.of(LeaderboardTable.officersInOffice(w.landOffice()),
                LeaderboardTable.officesInUnit(w.gioLinh()), LeaderboardTable.unitsInUnit(w.province()))) {
            sqls = new java.util.concurrent.CopyOnWriteArrayList<>();
            Leaderboard live = ready.liveLeaderboard(t, LAST_30);
            List<String> read = sqls;
            sqls = null;
            assertThat(read).filteredOn(sql -> sql.contains("rating_target")).as(t + ": the period, the one before")
                    .hasSize(2);
            assertThat(live.meanSatisfaction()).as(t + " has a pool").isNotNull();
            assertThat(live.entries()).as(t.toString())
                    .anySatisfy(e -> assertThat(e.score().figures().ratings()).isPositive());
            // The same figures as the tables computed together (one read of every subject of the type).
            ready.prepare(List.of(t), List.of(LAST_30));
            assertThat(ready.leaderboard(t, LAST_30).figures()).as(t.toString()).isEqualTo(live.figures());
        }
    }

    /**
     * A table marked only because time passed (an open stage reaching its due time, docs/scoring.md § 9a) is computed
     * again from its running period alone: time never moves the period before, whose figure each member keeps is its
     * satisfaction, from ratings. At 10 M ratings reading that period was up to half of the cost of the tables the
     * time marks reach every five minutes (bench/results/2026-12-05-one-read-per-period-10m.md). Any other mark, even
     * followed by time's, reads both periods again.
     */
    @Test
    void aTableMarkedOnlyByTimeIsComputedFromItsRunningPeriodAlone() {
        // October: the land office's officers rated, the period before November and before the last 30 days.
        for (int i = 100; i < 112; i++) {
            dossier(i, i % 2 == 0 ? "CB-BINH" : "CB-CUONG", i % 4 == 0);
            rate(i, "TIMELINESS", i % 4 == 0 ? 1 : 4 + i % 2);
        }
        // Today, 03:00: Bình and Cường each hold a dossier's appraisal, due at 03:20 and 03:40.
        for (int k = 0; k < 2; k++) {
            ReceiptNumber r = received(40 + k, "IN_PROGRESS");
            f.registry.upsertStage(new StageData(r, 2, "GL-DD", k == 0 ? "CB-BINH" : "CB-CUONG", "Thẩm định",
                    NOW.minus(Duration.ofHours(47)), NOW.plus(Duration.ofMinutes(20 + 20 * k)), null));
        }
        Maintenance job = jobs();
        LeaderboardTable land = LeaderboardTable.officersInOffice(w.landOffice());
        List<Period> periods = List.of(NOVEMBER, LAST_30);
        assertReadyEqualsLive();
        for (Period p : periods) {
            assertThat(ready.leaderboard(land, p).entries()).as("figures of the period before " + p.label())
                    .allSatisfy(e -> assertThat(e.previous()).isNotNull());
        }

        // 03:25: Bình's stage is overdue; the minute's mark, then the page: the running period read, nothing else.
        f.clock.advance(Duration.ofMinutes(25));
        assertThat(job.markTimePassed()).isEqualTo(1);
        for (Period p : periods) {
            Leaderboard atView = viewCollecting(land, p);
            assertThat(ratingReads()).as("the running period alone " + p.label()).isEqualTo(1);
            assertThat(atView.computedAt()).isEqualTo(f.clock.instant());
            assertThat(atView.figures()).isEqualTo(ready.liveLeaderboard(land, p).figures());
        }
        assertThat(job.refreshLeagues()).as("the other tables time marked").isPositive();
        assertReadyEqualsLive();

        // An October answer imported late (a change of data), then Cường's stage overdue at 03:45 (time): both
        // periods read, and the figures of the period before moved.
        List<BigDecimal> before = previous(ready.leaderboard(land, NOVEMBER));
        rate(108, "TIMELINESS", 5);
        f.clock.advance(Duration.ofMinutes(20));
        assertThat(job.markTimePassed()).isEqualTo(1);
        Leaderboard atView = viewCollecting(land, NOVEMBER);
        assertThat(ratingReads()).as("both periods").isEqualTo(2);
        assertThat(atView.figures()).isEqualTo(ready.liveLeaderboard(land, NOVEMBER).figures());
        assertThat(previous(atView)).isNotEqualTo(before);
        assertThat(job.refreshLeagues()).isPositive();
        assertReadyEqualsLive();
    }

    /**
     * A table computed at view asks for its header once before the computation (creating it if need be, its
     * generation and, only when time alone marked it, each member's stored figure of the period before: one statement)
     * and writes it once after (its figures, its time, when it was last read), beside its rows. These statements are
     * round trips of every table the five-minute job computes, some 80 a run at 10 M ratings.
     */
    @Test
    void aTableComputedAtViewAsksForItsHeaderOnceAndWritesItOnce() {
        LeaderboardTable counter = tables.get(0);
        Instant stored = ready.leaderboard(counter, NOVEMBER).computedAt();
        dossier(40, "CB-BINH", false);
        rate(40, "ATTITUDE", 1);
        f.clock.advance(Duration.ofMinutes(1));
        Leaderboard atView = viewCollecting(counter, NOVEMBER);
        assertThat(atView.computedAt()).as("computed at view").isAfter(stored);
        assertThat(atView.figures()).isEqualTo(ready.liveLeaderboard(counter, NOVEMBER).figures());
        assertThat(collected).filteredOn(sql -> sql.contains("league_ready"))
                .as("the page's read, the refresh's header before the computation, its store").hasSize(3);
        assertThat(header(counter, NOVEMBER, "read_at")).isEqualTo(f.clock.instant());
        assertThat(header(counter, NOVEMBER, "computed_at")).isEqualTo(f.clock.instant());
        assertReadyEqualsLive();
    }

    /**
     * An entry is stored as the text written (json, V272), so a page's read hands it back as it is. Stored as jsonb,
     * every entry was rendered into text again at every read: for a table of 700 entries (the province's districts at
     * the country size) the statement took 8.04 and 7.88 ms p50 against 3.13 and 3.31 as json, on each node's first
     * read after a change (ScaleMeasurementIT.aLargeTableFirstRead).
     */
    @Test
    void anEntryIsReadBackAsTheTextWritten() {
        LeaderboardTable land = tables.get(1);
        Leaderboard board = ready.leaderboard(land, NOVEMBER);
        List<String> stored = f.dsl.fetch("SELECT r.entry::text FROM league_row r JOIN league_ready h "
                + "ON h.id = r.ready_id WHERE h.table_kind = ? AND h.parent_id = ? AND h.officer_kind = '' "
                + "AND h.period_kind = ? AND h.period_from = ? ORDER BY r.position", land.kind().name(),
                land.parentId(), NOVEMBER.kind().name(), NOVEMBER.from()).getValues(0, String.class);
        tools.jackson.databind.ObjectMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(stored).isNotEmpty()
                .isEqualTo(board.entries().stream().map(json::writeValueAsString).toList());
        assertThat(new ReadyLeagues(f.dsl, f.transactions, f.clock).fresh(land, NOVEMBER,
                ReadyLeagues.fingerprint(f.settings.current())).orElseThrow().entries()).isEqualTo(board.entries());
    }

    /**
     * Two nodes begin the same new table at once: the one whose header insert waits on the other's finds it in
     * neither branch of its statement (its snapshot is older than the other's commit) and reads it again.
     */
    @Test
    void aRefreshBeginningATableAnotherNodeIsCreatingReadsItsHeaderOnceCommitted() throws Exception {
        LeaderboardTable counter = tables.get(0);
        ReadyLeagues leagues = new ReadyLeagues(f.dsl, f.transactions, f.clock);
        try (java.sql.Connection other = java.sql.DriverManager.getConnection(f.db.jdbcUrl(),
                f.db.dataSource().getUsername(), null)) {
            other.setAutoCommit(false);
            try (var insert = other.prepareStatement("INSERT INTO league_ready (table_kind, parent_id, officer_kind, "
                    + "period_kind, period_from, period_to, generation) VALUES (?, ?, '', ?, ?, ?, 7)")) {
                insert.setString(1, counter.kind().name());
                insert.setLong(2, counter.parentId());
                insert.setString(3, NOVEMBER.kind().name());
                insert.setObject(4, NOVEMBER.from());
                insert.setObject(5, NOVEMBER.to());
                insert.executeUpdate();
            }
            var begun = java.util.concurrent.CompletableFuture.supplyAsync(() -> leagues.begin(counter, NOVEMBER,
                    ReadyLeagues.fingerprint(f.settings.current())));
            awaitUntil(() -> f.value(Long.class, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                    + "'Lock' AND query LIKE '%created AS%'") == 1);
            other.commit();
            ReadyLeagues.Begun b = begun.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(b.generation()).as("the other node's header").isEqualTo(7);
            assertThat(b.previous()).isNull();
        }
    }

    private List<String> collected = List.of();

    /** The page of a table, collecting the SQL of its statements ({@link #ratingReads}). */
    Leaderboard viewCollecting(LeaderboardTable table, Period period) {
        sqls = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            return ready.leaderboard(table, period);
        } finally {
            collected = sqls;
            sqls = null;
        }
    }

    /** How many of the statements collected read ratings (through their targets: the members' ratings). */
    long ratingReads() {
        return collected.stream().filter(sql -> sql.contains("rating_target")).count();
    }

    static List<BigDecimal> previous(Leaderboard board) {
        return board.entries().stream().map(Leaderboard.Entry::previous).toList();
    }

    static Instant nov(double day) {
        return Instant.parse("2026-11-01T01:00:00Z").plus(Duration.ofMinutes(Math.round((day - 1) * 24 * 60)));
    }

    static String receipt(int i) {
        return "20260%05d".formatted(i);
    }

    static String phone(int i) {
        return "0912%06d".formatted(i);
    }

    /** Dossier i's day of November (1 + i / 2); from 100 on, of October (received from 1 October on). */
    static double day(int i) {
        return i < 100 ? 1 + i * 0.5 : -30 + (i - 100) * 0.5;
    }

    void dossier(int i, String specialist, boolean late) {
        ReceiptNumber r = new ReceiptNumber(receipt(i));
        double day = day(i);
        f.registry.upsert(new DossierData(r, "DD-01", "GL-1CUA", "CB-AN", "Người nộp " + i, phone(i), nov(day),
                nov(day + 8), nov(day + (late ? 9 : 5)), "RETURNED"));
        f.registry.upsertStage(new StageData(r, 1, "GL-1CUA", "CB-AN", "Tiếp nhận", nov(day), nov(day + 1),
                nov(day + 0.5)));
        f.registry.upsertStage(new StageData(r, 2, "GL-DD", specialist, "Thẩm định", nov(day + 0.5), nov(day + 4),
                nov(day + (late ? 8 : 3))));
    }

    RatingSubmission answer(int i, String question, int value) {
        return new RatingSubmission(null, f.value(Long.class, "SELECT id FROM dossier WHERE receipt_no = ?",
                receipt(i)), null, question, value, phone(i), nov(day(i) + 9.5), RatingSubmission.Channel.PHONE);
    }

    void rate(int i, String question, int value) {
        f.ratings.record(answer(i, question, value));
    }

    void decide(long complaint, ComplaintInbox.Verdict verdict, Long... officers) {
        long handler = f.value(Long.class, "SELECT id FROM app_user WHERE username = 'handler'");
        f.complaintInbox.decide(complaint, verdict, List.of(officers), "Đã xác minh", handler, NOW);
    }

    /** Every table, both windows, through the tables kept ready: exactly the live calculation's figures. */
    List<Leaderboard> assertReadyEqualsLive() {
        List<Leaderboard> served = new ArrayList<>();
        syncB();
        for (Period p : List.of(NOVEMBER, LAST_30)) {
            assertNodeBEqualsLive(p);
            for (LeaderboardTable t : tables) {
                Leaderboard board = ready.leaderboard(t, p);
                assertThat(board.figures()).as(t + " " + p.label()).isEqualTo(ready.liveLeaderboard(t, p).figures());
                served.add(board.figures());
            }
            assertOfficersEqualLive(p);
        }
        return served;
    }

    /**
     * Every officer's score and page (score and 12-month trend) for the period, served stored where a fresh table
     * lists them: exactly the live calculation's figures and the snapshots' trend.
     */
    void assertOfficersEqualLive(Period p) {
        for (Long id : f.dsl.fetch("SELECT id FROM officer ORDER BY id").getValues(0, Long.class)) {
            Subject officer = Subject.officer(id);
            assertThat(ready.score(officer, p)).as("officer " + id + " " + p.label())
                    .isEqualTo(ready.liveScore(officer, p));
            SubjectPage page = ready.page(officer, p, Period.Kind.MONTH, 12);
            assertThat(page.score()).as("page of officer " + id + " " + p.label())
                    .isEqualTo(ready.liveScore(officer, p));
            assertThat(page.trend()).isEqualTo(ready.trend(officer, Period.Kind.MONTH, 12));
        }
    }

    /** How many statements an officer's page (score and trend together) costs now. */
    int statementsOfAnOfficerPage(long officer, Period period) {
        int before = statements.get();
        ready.page(Subject.officer(officer), period, Period.Kind.MONTH, 12);
        return statements.get() - before;
    }

    /** How many statements a page costs now. */
    int statementsOfAPage(LeaderboardTable table, Period period) {
        int before = statements.get();
        ready.leaderboard(table, period);
        return statements.get() - before;
    }

    int freshTables() {
        return f.value(Integer.class, "SELECT count(*)::int FROM league_ready WHERE NOT stale");
    }

    @Test
    void aPageIsOneReadOfTheStoredTableWithTheLiveFigures() {
        List<Leaderboard> first = assertReadyEqualsLive();
        assertThat(first.get(0).entries()).as("the seeded data set ranks the counter's officer").isNotEmpty();
        assertThat(freshTables()).isEqualTo(tables.size() * 2);
        for (LeaderboardTable t : tables) {
            assertThat(statementsOfAPage(t, NOVEMBER)).as(t.toString()).isEqualTo(1);
        }
        assertThat(ready.leaderboard(tables.get(0), NOVEMBER).computedAt()).as("the page says when").isEqualTo(NOW);
    }

    @Test
    void anOfficerPageIsOneReadOfTheFiguresTheNightlyPreparedWithTheLiveFigures() {
        // Trend points: the snapshots of October and November.
        f.maintenance.snapshot(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 20));
        // Cường does a specialist's work in a one-stop office: its standard table (counter staff) does not list him;
        // Dũng has left the service: no table lists him.
        inOneTransaction(() -> organisation.saveOfficer("CB-CUONG", "GL-DD", "Lê Văn Cường", "Chuyên viên", null,
                true, Officer.Kind.SPECIALIST));
        inOneTransaction(() -> organisation.saveOfficer("CB-DUNG", "HH-HT", "Phạm Thị Dung", "Chuyên viên", null,
                false));
        // The nightly preparation: the standard tables for the 30/90/365-day windows ending today.
        List<Period> windows = Maintenance.standardWindows(LocalDate.of(2026, 11, 20));
        ready.prepare(Maintenance.standardTables(f.dsl), windows);
        for (Period p : windows) {
            assertOfficersEqualLive(p);
        }
        assertOfficersEqualLive(NOVEMBER);
        Period ninety = windows.get(1);
        assertThat(ready.trend(Subject.officer(w.counterOfficer()), Period.Kind.MONTH, 12))
                .as("the fixture has trend points").isNotEmpty();
        assertThat(ready.liveScore(Subject.officer(w.counterOfficer()), ninety).figures().ratings())
                .as("and ratings").isPositive();
        assertThat(statementsOfAnOfficerPage(w.counterOfficer(), ninety)).as("score and trend in one read")
                .isEqualTo(1);
        assertThat(statementsOfAnOfficerPage(w.specialist(), LAST_30)).isEqualTo(1);
        int before = statements.get();
        ready.score(Subject.officer(w.specialist()), ninety);
        assertThat(statements.get() - before).as("a score alone, as the explanation pages read it").isEqualTo(1);
        // Not listed by a fresh table: computed live, the trend still read with the score's first statement.
        assertThat(statementsOfAnOfficerPage(w.specialist2(), ninety)).as("another kind").isGreaterThan(1);
        assertThat(statementsOfAnOfficerPage(w.civilOfficer(), ninety)).as("inactive").isGreaterThan(1);
        assertThat(statementsOfAnOfficerPage(w.counterOfficer(), NOVEMBER)).as("a window nobody prepared")
                .isGreaterThan(1);
        // Once a table of that window is viewed (stored), its officers' pages are one read too.
        ready.leaderboard(LeaderboardTable.officersInOffice(w.counterOffice()), NOVEMBER);
        assertThat(statementsOfAnOfficerPage(w.counterOfficer(), NOVEMBER)).isEqualTo(1);

        // A new answer about An (the applicant of dossier 3 changed their mind) marks his tables in its transaction:
        // his page is live until they are computed again.
        var anBefore = ready.liveScore(Subject.officer(w.counterOfficer()), ninety);
        rate(3, "ATTITUDE", 1);
        assertThat(ready.liveScore(Subject.officer(w.counterOfficer()), ninety)).isNotEqualTo(anBefore);
        assertThat(statementsOfAnOfficerPage(w.counterOfficer(), ninety)).isGreaterThan(1);
        assertOfficersEqualLive(ninety);
        ready.refreshReady(false, 100);
        assertThat(statementsOfAnOfficerPage(w.counterOfficer(), ninety)).isEqualTo(1);
        assertOfficersEqualLive(ninety);

        // A settings change: every stored figure is of other settings, every page live until the refresh.
        Map<ScoringSetting, String> proposed = new EnumMap<>(ScoringSetting.class);
        f.settings.values().forEach(v -> proposed.put(v.setting(), v.effective()));
        proposed.put(ScoringSetting.PRIOR_WEIGHT, "3");
        proposed.put(ScoringSetting.SATISFACTION_WEIGHT, "0.7");
        assertThat(f.settings.update(proposed, "admin").accepted()).isTrue();
        assertThat(statementsOfAnOfficerPage(w.counterOfficer(), ninety)).isGreaterThan(1);
        assertOfficersEqualLive(ninety);
        // A running window's figures an hour old are computed again (overdue stages move with time alone).
        ready.refreshReady(false, 100);
        assertThat(statementsOfAnOfficerPage(w.counterOfficer(), ninety)).isEqualTo(1);
        f.clock.advance(Duration.ofMinutes(61));
        assertThat(statementsOfAnOfficerPage(w.counterOfficer(), ninety)).isGreaterThan(1);
        assertOfficersEqualLive(ninety);
    }

    @Test
    void aStageOfAnOfficerWhoMovedMarksTheTablesThatListThemNow() {
        assertReadyEqualsLive();
        inOneTransaction(() -> organisation.saveOfficer("CB-BINH", "HH-HT", "Trần Thị Bình", "Chuyên viên", null,
                true));
        assertReadyEqualsLive();
        // A correction of a stage Bình handled in the land office, before he moved: it finished late. The stage
        // keeps its office; the civil-status office's tables list Bình now, and his own page reads them.
        ReceiptNumber r = new ReceiptNumber(receipt(2));
        f.registry.upsertStage(new StageData(r, 2, "GL-DD", "CB-BINH", "Thẩm định", nov(2.5), nov(6), nov(8)));
        assertThat(f.value(Boolean.class, "SELECT stale FROM league_ready WHERE table_kind = 'OFFICERS_IN_OFFICE' "
                + "AND parent_id = ? AND officer_kind = '' AND period_kind = 'MONTH'", w.civilOffice())).isTrue();
        assertReadyEqualsLive();
    }

    @Test
    void everyStandardTablePreparedTogetherEqualsTheLiveCalculation() {
        List<LeaderboardTable> all = new ArrayList<>(Maintenance.standardTables(f.dsl));
        tables.stream().filter(t -> !all.contains(t)).forEach(all::add);
        List<Period> windows = new ArrayList<>(Maintenance.standardWindows(LocalDate.of(2026, 11, 20)));
        windows.add(NOVEMBER);
        int before = statements.get();
        // From one table of a type and window on: every table through the reads of everybody, sliced per table.
        assertThat(ready.prepare(all, windows, 1)).isEqualTo(all.size() * windows.size());
        int together = statements.get() - before;
        ReadyLeagues leagues = new ReadyLeagues(f.dsl, f.transactions, f.clock);
        String fingerprint = ReadyLeagues.fingerprint(f.settings.current());
        int ranked = 0;
        for (Period p : windows) {
            for (LeaderboardTable t : all) {
                Leaderboard stored = leagues.fresh(t, p, fingerprint).orElseThrow(() -> new AssertionError(
                        "not prepared: " + t + " " + p.label()));
                assertThat(stored.figures()).as(t + " " + p.label()).isEqualTo(ready.liveLeaderboard(t, p).figures());
                ranked += (int) stored.entries().stream().filter(Leaderboard.Entry::ranked).count();
            }
        }
        assertThat(ranked).as("the fixture ranks members in several tables").isGreaterThan(10);
        before = statements.get();
        ready.prepare(all, windows, Integer.MAX_VALUE);
        assertThat(together).as("the reads shared, not one computation per table")
                .isLessThan(statements.get() - before);
    }

    @Test
    void answersAppliedByTheRatingWriterRefreshTheTablesTheyMove() {
        List<Leaderboard> before = assertReadyEqualsLive();
        InboxWriter writer = new InboxWriter(f.dsl, f.transactions, f.ratings, f.aggregates, new InboxSignal(), 5,
                Duration.ofSeconds(1), Duration.ZERO, () -> ready.refreshReady(false, 50));
        // New answers, kept in the inbox on the caller's time and applied in batches of five by the writer.
        for (int i = 24; i < 36; i++) {
            dossier(i, "CB-BINH", false);
        }
        assertReadyEqualsLive();
        for (int i = 24; i < 36; i++) {
            assertThat(f.ratings.submit(answer(i, "ATTITUDE", 1))).isTrue();
            assertThat(f.ratings.submit(answer(i, "OVERALL", 1))).isTrue();
        }
        assertThat(writer.applyPending()).isEqualTo(24);
        assertThat(freshTables()).as("the writer computed the tables its batches marked again")
                .isEqualTo(tables.size() * 2);
        int before2 = statements.get();
        List<Leaderboard> after = assertReadyEqualsLive();
        assertThat(after).isNotEqualTo(before);
        assertThat(after.get(0)).as("the counter's table moved").isNotEqualTo(before.get(0));
        assertThat(statements.get() - before2).as("served stored, plus the live computations compared")
                .isGreaterThan(tables.size() * 2);
    }

    @Test
    void aTableRestingOnVeryManyAnswersWaitsForThePeriodicJobAndSaysItsFiguresAreBehind() {
        assertReadyEqualsLive();
        LeaderboardTable counter = LeaderboardTable.officersInOffice(w.counterOffice());
        LeaderboardTable fields = LeaderboardTable.fields();
        LeaderboardTable districts = LeaderboardTable.unitsInUnit(w.province());
        // The bar of BroadLeagues lowered to this fixture: the counter's officers' table stays under it with the
        // answers below (at most 20 more); the fields' and the districts' tables, like a country's, rest on more.
        long bar = restsOn(counter, NOVEMBER) + 20;
        assertThat(restsOn(fields, NOVEMBER)).as("the stored size is its entries' sample sizes")
                .isEqualTo(ReadyLeagues.restsOn(ready.liveLeaderboard(fields, NOVEMBER))).isGreaterThan(bar);
        assertThat(restsOn(districts, NOVEMBER)).isGreaterThan(bar);
        assertThat(restsOn(fields, LAST_30)).isGreaterThan(bar);
        ScoreQueries scores = new ScoreQueries(f.dsl, f.settings, f.clock, new ReadyLeagues(f.dsl, f.transactions,
                f.clock, null, new BroadLeagues(bar, Duration.ofMinutes(30))));
        // Node B with the same policy, holding the tables it serves in memory.
        ScoreQueries broadB = new ScoreQueries(dslB, f.settings, f.clock, new ReadyLeagues(dslB,
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(poolB), f.clock, cacheB,
                new BroadLeagues(bar, Duration.ofMinutes(30))));
        Instant computed = f.clock.instant();
        List<Leaderboard> before = new ArrayList<>();
        for (LeaderboardTable t : List.of(fields, districts)) {
            before.add(ready.liveLeaderboard(t, NOVEMBER).figures());
        }

        // New answers applied by the rating writer: it computes the ordinary tables its batches marked, not these.
        InboxWriter writer = new InboxWriter(f.dsl, f.transactions, f.ratings, f.aggregates, new InboxSignal(), 5,
                Duration.ofSeconds(1), Duration.ZERO, () -> scores.refreshReadyExceptBroad(50));
        for (int i = 24; i < 30; i++) {
            dossier(i, "CB-BINH", false);
            assertThat(f.ratings.submit(answer(i, "OVERALL", 1))).isTrue();
            assertThat(f.ratings.submit(answer(i, "ATTITUDE", 1))).isTrue();
        }
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(writer.applyPending()).isEqualTo(12);
        assertThat(staleTables()).as("left for the periodic job").contains("FIELDS 0", "UNITS_IN_UNIT " + w.province())
                .doesNotContain("OFFICERS_IN_OFFICE " + w.counterOffice());
        assertThat(scores.leaderboard(counter, NOVEMBER).pendingUntil()).isNull();

        // Viewed meanwhile: the stored figures in one read, saying they are behind and until when at most.
        for (int k = 0; k < 2; k++) {
            LeaderboardTable t = List.of(fields, districts).get(k);
            int statementsBefore = statements.get();
            Leaderboard served = scores.leaderboard(t, NOVEMBER);
            assertThat(statements.get() - statementsBefore).as("one read, nothing computed").isEqualTo(1);
            assertThat(served.figures()).isEqualTo(before.get(k)).isNotEqualTo(ready.liveLeaderboard(t, NOVEMBER)
                    .figures());
            assertThat(served.computedAt()).isEqualTo(computed);
            assertThat(served.pendingUntil()).isEqualTo(computed.plus(BroadLeagues.SERVED_FOR));
            syncB();
            assertThat(broadB.leaderboard(t, NOVEMBER)).as("node B, read and kept").isEqualTo(served);
            statementsBefore = statementsB.get();
            assertThat(broadB.leaderboard(t, NOVEMBER)).as("node B, from memory").isEqualTo(served);
            assertThat(statementsB.get()).isEqualTo(statementsBefore);
        }

        // The periodic job before they are due (computed less than 30 minutes ago): ordinary tables only.
        f.clock.advance(Duration.ofMinutes(20));
        rate(30 % 24, "ATTITUDE", 1);
        scores.refreshReady(false, 100);
        assertThat(staleTables()).contains("FIELDS 0", "UNITS_IN_UNIT " + w.province())
                .doesNotContain("OFFICERS_IN_OFFICE " + w.counterOffice());
        assertThat(scores.leaderboard(fields, NOVEMBER).pendingUntil()).isNotNull();

        // Due: computed again; the page then counts everything and says nothing is pending.
        f.clock.advance(Duration.ofMinutes(6));
        scores.refreshReady(false, 100);
        assertThat(staleTables()).isEmpty();
        syncB();
        for (LeaderboardTable t : List.of(fields, districts)) {
            Leaderboard served = scores.leaderboard(t, NOVEMBER);
            assertThat(served.pendingUntil()).isNull();
            assertThat(served.figures()).isEqualTo(ready.liveLeaderboard(t, NOVEMBER).figures());
            assertThat(broadB.leaderboard(t, NOVEMBER)).as("node B dropped what it held").isEqualTo(served);
        }

        // The job late or down: past its hour the stored table is no longer shown; the page computes it.
        Instant recomputed = f.clock.instant();
        rate(31 % 24, "OVERALL", 1);
        f.clock.advance(BroadLeagues.SERVED_FOR.minusMinutes(1));
        assertThat(scores.leaderboard(fields, NOVEMBER).computedAt()).isEqualTo(recomputed);
        f.clock.advance(Duration.ofMinutes(1));
        syncB();
        Leaderboard atViewB = broadB.leaderboard(fields, NOVEMBER);
        assertThat(atViewB.pendingUntil()).as("node B: not from memory past the hour either").isNull();
        assertThat(atViewB.computedAt()).isEqualTo(f.clock.instant());
        Leaderboard atView = scores.leaderboard(fields, NOVEMBER);
        assertThat(atView.pendingUntil()).isNull();
        assertThat(atView.computedAt()).isEqualTo(f.clock.instant());
        assertThat(atView.figures()).isEqualTo(ready.liveLeaderboard(fields, NOVEMBER).figures());

        // A period over: its table, computed after it ended, is final for the age rule of running windows, so the
        // hour of a marked broad table is what bounds it. A late correction: a November stage finished late.
        f.clock.set(Instant.parse("2026-12-02T03:00:00Z"));
        Instant final_ = f.clock.instant();
        assertThat(scores.leaderboard(fields, NOVEMBER).computedAt()).isEqualTo(final_);
        Leaderboard beforeCorrection = ready.liveLeaderboard(fields, NOVEMBER).figures();
        f.registry.upsertStage(new StageData(new ReceiptNumber(receipt(4)), 2, "GL-DD", "CB-BINH", "Thẩm định",
                nov(3), nov(7), nov(9)));
        assertThat(ready.liveLeaderboard(fields, NOVEMBER).figures()).isNotEqualTo(beforeCorrection);
        f.clock.advance(BroadLeagues.SERVED_FOR.minusMinutes(1));
        Leaderboard pendingFinal = scores.leaderboard(fields, NOVEMBER);
        assertThat(pendingFinal.pendingUntil()).isEqualTo(final_.plus(BroadLeagues.SERVED_FOR));
        assertThat(pendingFinal.figures()).isEqualTo(beforeCorrection);
        f.clock.advance(Duration.ofMinutes(1));
        Leaderboard correctedAtView = scores.leaderboard(fields, NOVEMBER);
        assertThat(correctedAtView.pendingUntil()).isNull();
        assertThat(correctedAtView.figures()).isEqualTo(ready.liveLeaderboard(fields, NOVEMBER).figures());

        // Other settings: never shown, whatever the table's size.
        rate(32 % 24, "OVERALL", 2);
        Map<ScoringSetting, String> proposed = new EnumMap<>(ScoringSetting.class);
        f.settings.values().forEach(v -> proposed.put(v.setting(), v.effective()));
        proposed.put(ScoringSetting.PRIOR_WEIGHT, "3");
        assertThat(f.settings.update(proposed, "admin").accepted()).isTrue();
        Leaderboard otherSettings = scores.leaderboard(districts, NOVEMBER);
        assertThat(otherSettings.pendingUntil()).isNull();
        assertThat(otherSettings.figures()).isEqualTo(ready.liveLeaderboard(districts, NOVEMBER).figures());
    }

    @Test
    void aStagePassingItsDueTimeWhileOpenMarksItsTablesAndNoTableIsComputedForItsAgeAlone() {
        // Today, 03:00: Bình holds a dossier's appraisal due at 03:20; the counter finished its stage the day before.
        ReceiptNumber r = received(40, "IN_PROGRESS");
        f.registry.upsertStage(new StageData(r, 1, "GL-1CUA", "CB-AN", "Tiếp nhận", NOW.minus(Duration.ofDays(2)),
                NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofHours(47))));
        f.registry.upsertStage(new StageData(r, 2, "GL-DD", "CB-BINH", "Thẩm định", NOW.minus(Duration.ofHours(47)),
                NOW.plus(Duration.ofMinutes(20)), null));
        Maintenance job = jobs();
        assertReadyEqualsLive();
        assertThat(job.refreshLeagues()).as("nothing moved yet").isZero();
        LeaderboardTable land = LeaderboardTable.officersInOffice(w.landOffice());
        // Tables of offices whose stages time does not move: never computed again below.
        List<LeaderboardTable> elsewhere = List.of(LeaderboardTable.officersInOffice(w.counterOffice()),
                LeaderboardTable.officersInOffice(w.civilOffice()), LeaderboardTable.officersInUnit(w.huongHoa()),
                LeaderboardTable.officesInUnit(w.huongHoa()));

        // 03:25: the stage is overdue and still open, which moves the land office's figures with no change at all.
        f.clock.advance(Duration.ofMinutes(25));
        Leaderboard drifted = ready.liveLeaderboard(land, LAST_30).figures();
        assertThat(ready.leaderboard(land, LAST_30).figures()).as("served as stored until marked")
                .isNotEqualTo(drifted);
        // The minute job marks its tables; the next page computes them.
        assertThat(job.markTimePassed()).isEqualTo(1);
        assertThat(staleTables()).contains("OFFICERS_IN_OFFICE " + w.landOffice(), "FIELDS 0")
                .doesNotContain("OFFICERS_IN_OFFICE " + w.counterOffice(), "OFFICERS_IN_OFFICE " + w.civilOffice());
        Leaderboard atView = ready.leaderboard(land, LAST_30);
        assertThat(atView.computedAt()).isEqualTo(f.clock.instant());
        assertThat(atView.figures()).isEqualTo(drifted);
        assertThat(job.markTimePassed()).as("each instant marked once").isZero();
        // The five-minute job computes the others it marked, and nothing else.
        assertThat(job.refreshLeagues()).isPositive();
        assertThat(staleTables()).isEmpty();
        for (Period p : List.of(NOVEMBER, LAST_30)) {
            for (LeaderboardTable t : elsewhere) {
                assertThat(computedAt(t, p)).as(t + " " + p.label()).isEqualTo(NOW);
            }
        }

        // Hours later, with nothing else happening: the jobs compute nothing, and every page (officers' included)
        // is one read of the stored table, exact.
        for (int i = 0; i < 12; i++) {
            f.clock.advance(Duration.ofMinutes(10));
            job.markTimePassed();
            if (i % 3 == 2) {
                assertThat(job.refreshLeagues()).as("the periodic job at " + f.clock.instant()).isZero();
            }
        }
        // Node B still holds in memory what it read before time was first marked: judged by the instant marked
        // through as it last read it (none), those tables look two hours behind. It reads the first again (one
        // statement, which brings the instant) rather than computing it; the others it then serves from memory.
        syncB();
        for (int i = 0; i < elsewhere.size(); i++) {
            LeaderboardTable t = elsewhere.get(i);
            int before = statementsB.get();
            assertThat(nodeB.leaderboard(t, LAST_30).computedAt()).as("node B " + t).isEqualTo(NOW);
            assertThat(statementsB.get() - before).as("node B " + t).isEqualTo(i == 0 ? 1 : 0);
        }
        for (Period p : List.of(NOVEMBER, LAST_30)) {
            for (LeaderboardTable t : tables) {
                assertThat(statementsOfAPage(t, p)).as(t + " " + p.label()).isEqualTo(1);
            }
            for (LeaderboardTable t : elsewhere) {
                assertThat(computedAt(t, p)).as(t + " " + p.label()).isEqualTo(NOW);
            }
        }
        assertReadyEqualsLive();
        assertThat(statementsOfAnOfficerPage(w.counterOfficer(), LAST_30)).isEqualTo(1);
        assertNodeBEqualsLive(LAST_30);

        // The minute job stopped: once time was last marked more than an hour ago, a page computes its table.
        f.clock.advance(ScoreQueries.RUNNING_MAX_AGE.minusMinutes(1));
        assertThat(ready.leaderboard(elsewhere.getFirst(), LAST_30).computedAt()).isEqualTo(NOW);
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(ready.leaderboard(elsewhere.getFirst(), LAST_30).computedAt()).isEqualTo(f.clock.instant());
        assertThat(statementsOfAnOfficerPage(w.civilOfficer(), LAST_30)).isGreaterThan(1);

        // The dossier withdrawn: its overdue stage no longer counts; its tables are marked with the change.
        job.refreshLeagues();
        assertThat(staleTables()).isEmpty();
        received(40, "WITHDRAWN");
        assertThat(staleTables()).contains("OFFICERS_IN_OFFICE " + w.landOffice())
                .doesNotContain("OFFICERS_IN_OFFICE " + w.counterOffice());
        assertThat(ready.liveLeaderboard(land, LAST_30).figures()).isNotEqualTo(drifted);
        assertReadyEqualsLive();
    }

    @Test
    void aStageRecordedWithAFinishingTimeStillToComeIsMarkedWhenItBecomesOverdueAndWhenItFinishes() {
        // A source system sent a finishing time ahead of the clock: due at 03:10, finished at 03:30. Between the
        // two it is overdue and open; from 03:30 a stage finished late.
        ReceiptNumber r = received(41, "IN_PROGRESS");
        f.registry.upsertStage(new StageData(r, 1, "GL-DD", "CB-CUONG", "Thẩm định", NOW.minus(Duration.ofHours(2)),
                NOW.plus(Duration.ofMinutes(10)), NOW.plus(Duration.ofMinutes(30))));
        Maintenance job = jobs();
        LeaderboardTable land = LeaderboardTable.officersInOffice(w.landOffice());
        Leaderboard first = ready.leaderboard(land, LAST_30).figures();
        assertThat(job.markTimePassed()).isZero();
        for (int minutes : List.of(15, 20)) {
            f.clock.advance(Duration.ofMinutes(minutes));
            assertThat(ready.liveLeaderboard(land, LAST_30).figures()).as("moved").isNotEqualTo(first);
            assertThat(job.markTimePassed()).isEqualTo(1);
            assertThat(staleTables()).contains("OFFICERS_IN_OFFICE " + w.landOffice());
            Leaderboard served = ready.leaderboard(land, LAST_30);
            assertThat(served.computedAt()).isEqualTo(f.clock.instant());
            assertThat(served.figures()).isEqualTo(ready.liveLeaderboard(land, LAST_30).figures());
            first = served.figures();
        }
    }

    /** Dossier {@code i}, received at the counter two days before NOW, due in five days, in this status. */
    ReceiptNumber received(int i, String status) {
        ReceiptNumber r = new ReceiptNumber(receipt(i));
        f.registry.upsert(new DossierData(r, "DD-01", "GL-1CUA", "CB-AN", "Người nộp " + i, phone(i),
                NOW.minus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(5)), null, status));
        return r;
    }

    /** The scoring jobs (the minute's marks, the five-minute refresh) over {@link #ready}'s tables. */
    Maintenance jobs() {
        return new Maintenance(f.dsl, f.aggregates, f.transactions, f.settings, e -> { }, f.clock, ready);
    }

    Instant computedAt(LeaderboardTable table, Period period) {
        return header(table, period, "computed_at");
    }

    /** One instant of a table's header ({@code computed_at}, {@code read_at}). */
    Instant header(LeaderboardTable table, Period period, String column) {
        return f.value(java.time.OffsetDateTime.class, "SELECT " + column + " FROM league_ready WHERE table_kind = ? "
                + "AND parent_id = ? AND officer_kind = ? AND period_kind = ? AND period_from = ? AND period_to = ?",
                table.kind().name(), table.parentId() == null ? 0L : table.parentId(),
                table.officerKind() == null ? "" : table.officerKind().name(), period.kind().name(), period.from(),
                period.to()).toInstant();
    }

    long restsOn(LeaderboardTable table, Period period) {
        return f.value(Long.class, "SELECT ratings FROM league_ready WHERE table_kind = ? AND parent_id = ? "
                + "AND officer_kind = '' AND period_kind = ? AND period_from = ?", table.kind().name(),
                table.parentId() == null ? 0L : table.parentId(), period.kind().name(), period.from());
    }

    @Test
    void aSettingsChangeIsInForceOnTheNextPage() {
        List<Leaderboard> before = assertReadyEqualsLive();
        Map<ScoringSetting, String> proposed = new EnumMap<>(ScoringSetting.class);
        f.settings.values().forEach(v -> proposed.put(v.setting(), v.effective()));
        proposed.put(ScoringSetting.MIN_EFFECTIVE_N, "50");
        proposed.put(ScoringSetting.PRIOR_WEIGHT, "3");
        assertThat(f.settings.update(proposed, "admin").accepted()).isTrue();
        List<Leaderboard> after = assertReadyEqualsLive();
        assertThat(after).isNotEqualTo(before);
        assertThat(after.get(0).entries()).allMatch(e -> !e.ranked());
    }

    @Test
    void aStageFinishedLateAndAVerdictMarkTheirTables() {
        List<Leaderboard> before = assertReadyEqualsLive();
        // Bình's stage of dossier 2 was on time; a correction says it finished two days after its due time.
        ReceiptNumber r = new ReceiptNumber(receipt(2));
        f.registry.upsertStage(new StageData(r, 2, "GL-DD", "CB-BINH", "Thẩm định", nov(2.5), nov(6), nov(8)));
        assertThat(f.value(Boolean.class, "SELECT stale FROM league_ready WHERE table_kind = 'OFFICERS_IN_OFFICE' "
                + "AND parent_id = ? AND officer_kind = '' AND period_kind = 'MONTH'", w.landOffice())).isTrue();
        assertThat(f.value(Boolean.class, "SELECT stale FROM league_ready WHERE table_kind = 'OFFICERS_IN_OFFICE' "
                + "AND parent_id = ? AND period_kind = 'MONTH'", w.counterOffice()))
                .as("another office's officers are not touched").isFalse();
        List<Leaderboard> afterStage = assertReadyEqualsLive();
        assertThat(afterStage.get(1)).as("the land office's officers").isNotEqualTo(before.get(1));

        long complaint = f.complaints.record(new NewComplaint(NewComplaint.Kind.HARASSMENT, null,
                f.value(Long.class, "SELECT id FROM dossier WHERE receipt_no = ?", receipt(4)), receipt(4),
                w.landOffice(), null, phone(4), null, null, NewComplaint.RecordingState.NONE, nov(14)));
        decide(complaint, ComplaintInbox.Verdict.CONFIRMED, w.specialist());
        List<Leaderboard> afterVerdict = assertReadyEqualsLive();
        assertThat(afterVerdict.get(1)).isNotEqualTo(afterStage.get(1));
    }

    /**
     * A verdict marks the tables its complaint counted in before it and counts in after it, and no other (issue 16:
     * every verdict marked every table of the country, 7,209 at 10 M ratings, each computed again at its next view).
     */
    @Test
    void aVerdictMarksTheTablesOfWhatItsComplaintCountsForAndNoOthers() {
        assertReadyEqualsLive();
        long complaint = f.complaints.record(new NewComplaint(NewComplaint.Kind.HARASSMENT, null,
                f.value(Long.class, "SELECT id FROM dossier WHERE receipt_no = ?", receipt(4)), receipt(4),
                w.landOffice(), null, phone(4), null, null, NewComplaint.RecordingState.NONE, nov(14)));
        assertThat(staleTables()).as("a complaint not yet looked into counts for nobody").isEmpty();

        decide(complaint, ComplaintInbox.Verdict.CONFIRMED, w.specialist());
        // Bình's office and its district, their units' tables, the fields; not the counter's officers (the same
        // district), not Hướng Hóa's.
        assertThat(staleTables()).contains("OFFICERS_IN_OFFICE " + w.landOffice(),
                        "OFFICES_IN_UNIT " + w.gioLinh(), "OFFICERS_IN_UNIT " + w.gioLinh(), "FIELDS 0")
                .doesNotContain("OFFICERS_IN_OFFICE " + w.counterOffice(), "OFFICERS_IN_OFFICE " + w.civilOffice(),
                        "OFFICERS_IN_UNIT " + w.huongHoa(), "OFFICES_IN_UNIT " + w.huongHoa());
        assertReadyEqualsLive();

        // Dũng of Hướng Hóa named instead: Bình's tables lose the report, Dũng's gain it.
        decide(complaint, ComplaintInbox.Verdict.CONFIRMED, w.civilOfficer());
        assertThat(staleTables()).contains("OFFICERS_IN_OFFICE " + w.landOffice(),
                        "OFFICERS_IN_OFFICE " + w.civilOffice(), "OFFICERS_IN_UNIT " + w.huongHoa())
                .doesNotContain("OFFICERS_IN_OFFICE " + w.counterOffice());
        assertReadyEqualsLive();

        // Unfounded: what it counted for; then pending (nobody before, nobody after): nothing.
        decide(complaint, ComplaintInbox.Verdict.UNFOUNDED);
        assertThat(staleTables()).contains("OFFICERS_IN_OFFICE " + w.civilOffice())
                .doesNotContain("OFFICERS_IN_OFFICE " + w.counterOffice());
        assertReadyEqualsLive();
        long handler = f.value(Long.class, "SELECT id FROM app_user WHERE username = 'handler'");
        f.complaintInbox.decide(complaint, ComplaintInbox.Verdict.PENDING, List.of(), null, handler, NOW);
        assertThat(staleTables()).isEmpty();

        // A complaint about no office is charged to the offices of the officers named: the counter's.
        long unplaced = f.complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null, null,
                null, phone(5), null, null, NewComplaint.RecordingState.NONE, nov(15)));
        decide(unplaced, ComplaintInbox.Verdict.CONFIRMED, w.counterOfficer());
        assertThat(staleTables()).contains("OFFICERS_IN_OFFICE " + w.counterOffice(), "OFFICES_IN_UNIT " + w.gioLinh())
                .doesNotContain("OFFICERS_IN_OFFICE " + w.landOffice(), "OFFICES_IN_UNIT " + w.huongHoa());
        assertReadyEqualsLive();
    }

    /** The stale tables kept ready, as "kind parent", each once. */
    List<String> staleTables() {
        return f.strings("SELECT DISTINCT table_kind || ' ' || coalesce(parent_id::text, 'null') FROM league_ready "
                + "WHERE stale ORDER BY 1");
    }

    @Test
    void aChangeCommittedWhileATableIsComputedLeavesItStale() {
        LeaderboardTable counter = tables.get(0);
        ReadyLeagues leagues = new ReadyLeagues(f.dsl, f.transactions, f.clock);
        String fingerprint = ReadyLeagues.fingerprint(f.settings.current());
        leagues.refresh(counter, NOVEMBER, fingerprint, previous -> {
            Leaderboard computed = ready.liveLeaderboard(counter, NOVEMBER);
            // An answer applied after the computation read the aggregates, before it is stored.
            dossier(40, "CB-BINH", false);
            rate(40, "ATTITUDE", 1);
            return computed;
        });
        assertThat(leagues.fresh(counter, NOVEMBER, fingerprint)).as("stored, but not as fresh").isEmpty();
        assertReadyEqualsLive();
    }

    /** A write of the organisation as the import makes it: one transaction, the marks in it. */
    void inOneTransaction(Runnable change) {
        new TransactionTemplate(f.transactions).executeWithoutResult(status -> change.run());
    }

    List<Long> members(LeaderboardTable table, Period period) {
        return ready.leaderboard(table, period).entries().stream().map(e -> e.score().subject().id()).toList();
    }

    @Test
    void anOfficerMovedToAnotherDistrictLeavesTheOldTablesAndJoinsTheNew() {
        assertReadyEqualsLive();
        assertThat(members(LeaderboardTable.officersInOffice(w.landOffice()), NOVEMBER)).contains(w.specialist());
        // HR records that Bình now works in Hướng Hóa's civil-status office (an officers CSV, say).
        inOneTransaction(() -> organisation.saveOfficer("CB-BINH", "HH-HT", "Trần Thị Bình", "Chuyên viên", null,
                true));
        assertThat(f.value(Boolean.class, "SELECT stale FROM league_ready WHERE table_kind = 'OFFICERS_IN_OFFICE' "
                + "AND parent_id = ? AND officer_kind = '' AND period_kind = 'MONTH'", w.landOffice())).isTrue();
        assertThat(f.value(Boolean.class, "SELECT stale FROM league_ready WHERE table_kind = 'OFFICERS_IN_OFFICE' "
                + "AND parent_id = ? AND period_kind = 'MONTH'", w.counterOffice()))
                .as("an office neither left nor joined is not touched").isFalse();
        assertReadyEqualsLive();
        assertThat(members(LeaderboardTable.officersInOffice(w.landOffice()), NOVEMBER))
                .doesNotContain(w.specialist());
        assertThat(members(LeaderboardTable.officersInOffice(w.civilOffice()), NOVEMBER)).contains(w.specialist());
        assertThat(members(LeaderboardTable.officersInUnit(w.gioLinh()), NOVEMBER)).doesNotContain(w.specialist());
        assertThat(members(LeaderboardTable.officersInUnit(w.huongHoa()), NOVEMBER)).contains(w.specialist());
    }

    @Test
    void anOfficerDeactivatedOrRenamedIsShownSoOnTheNextPage() {
        assertReadyEqualsLive();
        inOneTransaction(() -> organisation.saveOfficer("CB-CUONG", "GL-DD", "Lê Văn Cường", "Chuyên viên", null,
                false));
        assertReadyEqualsLive();
        assertThat(members(LeaderboardTable.officersInOffice(w.landOffice()), NOVEMBER)).doesNotContain(w.specialist2());

        inOneTransaction(() -> organisation.saveOfficer("CB-BINH", "GL-DD", "Trần Thị Bình Minh", "Chuyên viên",
                null, true));
        assertReadyEqualsLive();
        assertThat(ready.leaderboard(LeaderboardTable.officersInOffice(w.landOffice()), NOVEMBER).entries())
                .anySatisfy(e -> assertThat(e.score().name()).isEqualTo("Trần Thị Bình Minh"));

        // Only a new phone or position: nothing any table shows, nothing marked.
        int fresh = freshTables();
        inOneTransaction(() -> organisation.saveOfficer("CB-BINH", "GL-DD", "Trần Thị Bình Minh", "Trưởng nhóm",
                "0912000111", true));
        assertThat(freshTables()).isEqualTo(fresh);
    }

    @Test
    void anOfficeMovedToAnotherUnitOrDeactivatedMarksBothPlaces() {
        assertReadyEqualsLive();
        // The land office is reattached to Hướng Hóa district: both districts' office and officer tables change.
        inOneTransaction(() -> organisation.saveOffice("GL-DD", "HH", "12", "Văn phòng đăng ký đất đai Gio Linh",
                Office.Kind.ONE_STOP, true));
        assertReadyEqualsLive();
        assertThat(members(LeaderboardTable.officesInUnit(w.gioLinh()), NOVEMBER)).doesNotContain(w.landOffice());
        assertThat(members(LeaderboardTable.officesInUnit(w.huongHoa()), NOVEMBER)).contains(w.landOffice());
        assertThat(members(LeaderboardTable.officersInUnit(w.huongHoa()), NOVEMBER)).contains(w.specialist());

        inOneTransaction(() -> organisation.saveOffice("GL-1CUA", "GL", "11", "Bộ phận một cửa huyện Gio Linh",
                Office.Kind.ONE_STOP, false));
        assertReadyEqualsLive();
        assertThat(members(LeaderboardTable.officesInUnit(w.gioLinh()), NOVEMBER)).doesNotContain(w.counterOffice());
    }

    @Test
    void aUnitRenamedOrMovedIsShownSoOnTheNextPage() {
        assertReadyEqualsLive();
        inOneTransaction(() -> organisation.saveUnit("GL", AdminUnit.Level.DISTRICT, "Thị xã Gio Linh", "QT"));
        assertReadyEqualsLive();
        assertThat(ready.leaderboard(LeaderboardTable.unitsInUnit(w.province()), NOVEMBER).entries())
                .anySatisfy(e -> assertThat(e.score().name()).isEqualTo("Thị xã Gio Linh"));
    }

    @Test
    void aMoveRolledBackLeavesTheTablesAsTheyWere() {
        assertReadyEqualsLive();
        int fresh = freshTables();
        new TransactionTemplate(f.transactions).executeWithoutResult(status -> {
            organisation.saveOfficer("CB-BINH", "HH-HT", "Trần Thị Bình", "Chuyên viên", null, true);
            status.setRollbackOnly();
        });
        assertThat(freshTables()).as("the marks went with the move").isEqualTo(fresh);
        assertReadyEqualsLive();
    }

    @Test
    void aMoveCommittedWhileATableIsComputedLeavesItStale() {
        LeaderboardTable land = LeaderboardTable.officersInOffice(w.landOffice());
        ReadyLeagues leagues = new ReadyLeagues(f.dsl, f.transactions, f.clock);
        String fingerprint = ReadyLeagues.fingerprint(f.settings.current());
        leagues.refresh(land, NOVEMBER, fingerprint, previous -> {
            Leaderboard computed = ready.liveLeaderboard(land, NOVEMBER);
            // Bình moves after the computation listed the office's officers, before it is stored.
            inOneTransaction(() -> organisation.saveOfficer("CB-BINH", "GL-1CUA", "Trần Thị Bình", "Chuyên viên",
                    null, true));
            return computed;
        });
        assertThat(leagues.fresh(land, NOVEMBER, fingerprint)).as("stored, but not as fresh").isEmpty();
        assertReadyEqualsLive();
    }

    @Test
    void anotherNodeServesFromMemoryUntilAChangeOnThisNodeReachesIt() {
        LeaderboardTable counter = tables.get(0);
        assertReadyEqualsLive();
        int before = statementsB.get();
        Leaderboard kept = nodeB.leaderboard(counter, NOVEMBER);
        assertThat(statementsB.get() - before).as("held unchanged: no statement").isZero();
        // A new answer about An, applied on this node: it marks his tables in its transaction.
        rate(3, "ATTITUDE", 1);
        syncB();
        before = statementsB.get();
        Leaderboard after = nodeB.leaderboard(counter, NOVEMBER);
        assertThat(statementsB.get() - before).as("dropped on node B: read (and computed) again").isPositive();
        assertThat(after.figures()).isNotEqualTo(kept.figures())
                .isEqualTo(ready.liveLeaderboard(counter, NOVEMBER).figures());
        // Replaced by this node's refresh (same instant, same settings): node B drops what it held meanwhile.
        nodeB.leaderboard(counter, NOVEMBER);
        rate(5, "ATTITUDE", 1);
        assertThat(ready.refreshReady(false, 100)).isPositive();
        syncB();
        before = statementsB.get();
        assertThat(nodeB.leaderboard(counter, NOVEMBER).figures())
                .isEqualTo(ready.liveLeaderboard(counter, NOVEMBER).figures());
        assertThat(statementsB.get() - before).as("the stored table read, not computed").isEqualTo(1);
        // The hour's age rule holds for what is in memory too: a running window's table an hour old is computed again.
        nodeB.leaderboard(counter, LAST_30);
        f.clock.advance(Duration.ofMinutes(61));
        before = statementsB.get();
        assertThat(nodeB.leaderboard(counter, LAST_30).computedAt()).isEqualTo(f.clock.instant());
        assertThat(statementsB.get() - before).isGreaterThan(1);
    }

    @Test
    void aReadOverlappingADropIsNotKept() {
        LeaderboardTable counter = tables.get(0);
        Leaderboard board = nodeB.leaderboard(counter, NOVEMBER);
        syncB(); // the notification of its storing is in
        String fingerprint = ReadyLeagues.fingerprint(f.settings.current());
        long id = f.value(Long.class, "SELECT id FROM league_ready WHERE table_kind = 'OFFICERS_IN_OFFICE' "
                + "AND parent_id = ? AND officer_kind = '' AND period_kind = 'MONTH'", w.counterOffice());
        cacheB.forget(counter, NOVEMBER);
        long since = cacheB.begin();
        cacheB.drop(id); // the table's notification arrives while the read is under way
        cacheB.put(id, fingerprint, board, since);
        assertThat(cacheB.get(counter, NOVEMBER, fingerprint)).as("read before the drop: not kept").isEmpty();
        since = cacheB.begin();
        cacheB.put(id, fingerprint, board, since);
        assertThat(cacheB.get(counter, NOVEMBER, fingerprint)).as("read after it").contains(board);
        assertThat(cacheB.get(counter, NOVEMBER, "other settings")).isEmpty();
        cacheB.drop(id);
        assertThat(cacheB.get(counter, NOVEMBER, fingerprint)).isEmpty();
    }

    @Test
    void whileTheListeningConnectionIsAwayNothingIsServedFromMemory() throws Exception {
        assertReadyEqualsLive();
        LeaderboardTable counter = tables.get(0);
        Leaderboard kept = nodeB.leaderboard(counter, NOVEMBER);
        assertThat(cacheB.listens()).isEqualTo(1);
        // The listening connection is cut (a restart of PostgreSQL, a network cut, an operator's kill).
        assertThat(f.value(Boolean.class, "SELECT bool_and(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = 'league-cache-b'")).isTrue();
        awaitUntil(() -> !cacheB.listening());
        // A change meanwhile: its notification never reaches node B.
        rate(3, "ATTITUDE", 1);
        int before = statementsB.get();
        Leaderboard after = nodeB.leaderboard(counter, NOVEMBER);
        assertThat(statementsB.get() - before).as("read from the database").isPositive();
        assertThat(after.figures()).isNotEqualTo(kept.figures())
                .isEqualTo(ready.liveLeaderboard(counter, NOVEMBER).figures());
        before = statementsB.get();
        nodeB.leaderboard(counter, NOVEMBER);
        assertThat(statementsB.get() - before).as("and not kept while nobody listens").isPositive();
        // Back: node B listens again, starts from nothing, and keeps what it reads from then on.
        awaitUntil(() -> cacheB.listening() && cacheB.listens() == 2);
        rate(5, "ATTITUDE", 1);
        assertReadyEqualsLive();
    }

    static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
