package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.organisation.Officer;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Measure;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.PeriodWords;
import vn.dancham.scoring.ScoreFigures;
import vn.dancham.scoring.ScoringMaintenance;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSettings;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.internal.ScoreCalculator.Inputs;
import vn.dancham.text.StoredText;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Recomputation, snapshots and concern checks. */
public final class Maintenance implements ScoringMaintenance {

    private static final Logger log = LoggerFactory.getLogger(Maintenance.class);

    private final Aggregates aggregates;
    private final TransactionTemplate tx;
    private final DSLContext dsl;
    private final ScoringSettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ScoreReader reader;
    private final StaleSnapshots stale;
    private final ScoreQueries scores;

    public Maintenance(DSLContext dsl, Aggregates aggregates, PlatformTransactionManager transactions,
                       ScoringProperties properties, ApplicationEventPublisher events, Clock clock) {
        this(dsl, aggregates, transactions, ScoringSettings.fixed(properties), events, clock, null);
    }

    /** Snapshots and the concern check use the settings in force when they run. */
    public Maintenance(DSLContext dsl, Aggregates aggregates, PlatformTransactionManager transactions,
                       ScoringSettings settings, ApplicationEventPublisher events, Clock clock) {
        this(dsl, aggregates, transactions, settings, events, clock, null);
    }

    /** @param scores whose league tables kept ready the nightly job prepares and the periodic job refreshes */
    public Maintenance(DSLContext dsl, Aggregates aggregates, PlatformTransactionManager transactions,
                       ScoringSettings settings, ApplicationEventPublisher events, Clock clock, ScoreQueries scores) {
        this.scores = scores;
        this.dsl = dsl;
        this.aggregates = aggregates;
        this.tx = new TransactionTemplate(transactions);
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.reader = new ScoreReader(dsl, settings.configured(), clock);
        this.stale = new StaleSnapshots(dsl, settings.configured().zone());
    }

    @Override
    public void recomputeAll() {
        tx.executeWithoutResult(status -> aggregates.recomputeAll());
    }

    /**
     * How many weeks or months one pass reads together. The reads of a pass cost about the same for one period as
     * for many (each rating of its range once per subject type), so the fewer passes the better, but what a pass
     * holds in memory grows with its periods: at 10 million ratings and 20,000 officers a quarter of weeks is
     * about 1.5 million rating cells for the officers.
     */
    static final int PERIODS_TOGETHER = 13;

    @Override
    public int snapshot(LocalDate from, LocalDate to) {
        int written = 0;
        for (List<Period> kind : periods(from, to)) {
            for (int i = 0; i < kind.size(); i += PERIODS_TOGETHER) {
                List<Period> together = kind.subList(i, Math.min(kind.size(), i + PERIODS_TOGETHER));
                long t0 = System.nanoTime();
                int n = tx.execute(status -> snapshotTogether(together));
                log.info("snapshot {} to {}: {} rows in {} ms", together.getFirst().label(),
                        together.getLast().label(), n, (System.nanoTime() - t0) / 1_000_000);
                written += n;
            }
        }
        return written;
    }

    /**
     * {@link #snapshot(LocalDate, LocalDate)} one period at a time, each from its own reads ({@link #snapshot(Period)},
     * as a stale period is refreshed): the definition the passes over many periods must equal (ScoresIT).
     */
    int snapshotEachAlone(LocalDate from, LocalDate to) {
        int written = 0;
        for (List<Period> kind : periods(from, to)) {
            for (Period period : kind) {
                long t0 = System.nanoTime();
                int n = tx.execute(status -> snapshot(period));
                log.info("snapshot {}: {} rows in {} ms", period.label(), n, (System.nanoTime() - t0) / 1_000_000);
                written += n;
            }
        }
        return written;
    }

    /** The weeks, then the months, that have a day in [from, to]. */
    private static List<List<Period>> periods(LocalDate from, LocalDate to) {
        List<Period> weeks = new ArrayList<>();
        for (LocalDate d = Period.week(from).from(); !d.isAfter(to); d = d.plusWeeks(1)) {
            weeks.add(Period.week(d));
        }
        List<Period> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.atDay(1).isAfter(to); m = m.plusMonths(1)) {
            months.add(Period.month(m));
        }
        return List.of(weeks, months);
    }

    /** Snapshots of many weeks or many months from one pass of reads per subject type. */
    private int snapshotTogether(List<Period> periods) {
        ScoreCalculator calculator = new ScoreCalculator(settings.current());
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        Map<Period, List<Object[]>> rows = new java.util.LinkedHashMap<>();
        periods.forEach(p -> rows.put(p, new ArrayList<>()));
        for (Subject.Type type : Subject.Type.values()) {
            for (Map.Entry<Period, Map<Long, Inputs>> perPeriod : reader.loadPeriods(type, periods).entrySet()) {
                Period period = perPeriod.getKey();
                List<Object[]> out = rows.get(period);
                for (Map.Entry<Long, Inputs> e : perPeriod.getValue().entrySet()) {
                    out.add(row(calculator, type, e.getKey(), e.getValue(), period, now));
                }
            }
        }
        int written = 0;
        for (Map.Entry<Period, List<Object[]>> e : rows.entrySet()) {
            written += store(e.getKey(), e.getValue());
        }
        return written;
    }

    private int snapshot(Period period) {
        ScoreCalculator calculator = new ScoreCalculator(settings.current());
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        for (Subject.Type type : Subject.Type.values()) {
            for (Map.Entry<Long, Inputs> e : reader.load(type, null, period).entrySet()) {
                rows.add(row(calculator, type, e.getKey(), e.getValue(), period, now));
            }
        }
        return store(period, rows);
    }

    private static Object[] row(ScoreCalculator calculator, Subject.Type type, long id, Inputs inputs, Period period,
                                OffsetDateTime now) {
        ScoreFigures f = calculator.compute(inputs, period.lastDay()).figures();
        return new Object[]{type.name(), id, period.kind().name(), period.from(),
                f.satisfaction().sampleSize(), f.satisfaction().value(), f.satisfaction().low(),
                f.satisfaction().high(), share(f.satisfiedShare()), f.onTime().sampleSize(),
                share(f.onTime()), f.complaints(), f.harassmentReports(), f.composite().value(), now};
    }

    /** Replaces the period's snapshot rows with these. */
    private int store(Period period, List<Object[]> rows) {
        dsl.execute("DELETE FROM score_snapshot WHERE period_kind = ? AND period_start = ?::date",
                period.kind().name(), period.from());
        insert(rows);
        return rows.size();
    }

    private void insert(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            dsl.batch("""
                    INSERT INTO score_snapshot (subject_type, subject_id, period_kind, period_start, ratings,
                        satisfaction, satisfaction_low, satisfaction_high, satisfied_share, stages_finished,
                        on_time_rate, complaints, harassment, composite, computed_at)
                    VALUES (?, ?, ?, ?::date, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz)
                    """, rows.toArray(Object[][]::new)).execute();
        }
    }

    /** Shares are stored as fractions (numeric(5,4)); figures carry percentages. */
    private static BigDecimal share(Measure m) {
        return m.present() ? m.value().movePointLeft(2) : null;
    }

    @Override
    public List<ConcernRaised> checkConcerns() {
        ScoringProperties properties = settings.current();
        ScoreCalculator calculator = new ScoreCalculator(properties);
        ConcernPolicy policy = new ConcernPolicy(properties.concerns());
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        LocalDate yesterday = today.minusDays(1);
        Period last30 = Period.rolling(30, yesterday);
        Period lastMonth = Period.month(YearMonth.from(today).minusMonths(1));
        Period monthBefore = lastMonth.previous();
        List<ConcernRaised> raised = new ArrayList<>();
        for (Subject.Type type : List.of(Subject.Type.OFFICER, Subject.Type.OFFICE)) {
            Map<Long, Inputs> recent = reader.load(type, null, last30);
            for (Map.Entry<Long, Inputs> e : recent.entrySet()) {
                Measure s = calculator.compute(e.getValue(), last30.lastDay()).figures().satisfaction();
                if (policy.lowScore(s)) {
                    raise(ConcernRaised.Kind.LOW_SCORE, type, e.getKey(), s, YearMonth.from(today).toString(),
                            StoredText.of("concern.detail.LOW_SCORE", s.value(), s.low(), s.high(), s.sampleSize(),
                                    properties.concerns().lowScoreThreshold(), PeriodWords.of(last30)),
                            last30).ifPresent(raised::add);
                }
            }
            // Both months in one pass (the snapshots' way): the same inputs as two reads.
            Map<Period, Map<Long, Inputs>> months = reader.loadPeriods(type, List.of(monthBefore, lastMonth));
            Map<Long, Inputs> before = months.get(monthBefore);
            Map<Long, Inputs> after = months.get(lastMonth);
            for (Map.Entry<Long, Inputs> e : after.entrySet()) {
                Inputs previous = before.get(e.getKey());
                if (previous == null) {
                    continue;
                }
                Measure b = calculator.compute(previous, monthBefore.lastDay()).figures().satisfaction();
                Measure a = calculator.compute(e.getValue(), lastMonth.lastDay()).figures().satisfaction();
                if (policy.drop(b, a)) {
                    raise(ConcernRaised.Kind.SCORE_DROP, type, e.getKey(), a, lastMonth.label(),
                            StoredText.of("concern.detail.SCORE_DROP", b.value(), PeriodWords.of(monthBefore),
                                    a.value(), PeriodWords.of(lastMonth)), lastMonth).ifPresent(raised::add);
                }
            }
        }
        return raised;
    }

    /** Records the concern once per subject, kind and period key, and publishes it in the same transaction. */
    private java.util.Optional<ConcernRaised> raise(ConcernRaised.Kind kind, Subject.Type type, long id, Measure score,
                                                    String periodKey, StoredText detail, Period period) {
        return java.util.Optional.ofNullable(tx.execute(status -> {
            int inserted = dsl.execute("""
                    INSERT INTO score_concern (kind, subject_type, subject_id, period, score, raised_at)
                    VALUES (?, ?, ?, ?, ?, ?::timestamptz) ON CONFLICT DO NOTHING
                    """, kind.name(), type.name(), id, periodKey, score.value(),
                    clock.instant().atOffset(ZoneOffset.UTC));
            if (inserted == 0) {
                return null;
            }
            Record who = dsl.fetchOne("""
                    SELECT coalesce(f.full_name, o.name) AS name, o.id AS office_id,
                           coalesce((SELECT u.id FROM office_unit ou JOIN admin_unit u ON u.id = ou.unit_id
                                     WHERE ou.office_id = o.id AND u.level = 'DISTRICT' LIMIT 1), o.unit_id) AS unit_id
                    FROM office o LEFT JOIN officer f ON f.id = ? AND ? = 'OFFICER'
                    WHERE o.id = CASE WHEN ? = 'OFFICER' THEN (SELECT office_id FROM officer WHERE id = ?) ELSE ? END
                    """, id, type.name(), type.name(), id, id);
            ConcernRaised concern = new ConcernRaised(kind, type.name(), id, who.get("name", String.class),
                    who.get("office_id", Long.class), who.get("unit_id", Long.class), score.value(),
                    score.sampleSize(), period.label(), PeriodWords.of(period), detail, clock.instant());
            events.publishEvent(concern);
            return concern;
        }));
    }

    /**
     * Up to this share of a period's subjects (its snapshot rows) marked, they are taken one by one: their reads
     * look up those subjects only, where a whole period's read takes every rating of the period (large with many
     * officers; not measured at that size). More, and the period is taken whole, with the other such periods of its
     * kind in passes of {@link #PERIODS_TOGETHER} (the reads of a range cost about the same for one period as for
     * many). On a copy of the hotline benchmark's database, with 19–69 of about 90 subjects marked in each of 31
     * past periods, the refresh used 2.59–2.88 s of PostgreSQL's CPU period by period and 0.61–0.75 s in passes
     * ({@code bench/results/2026-12-05-stale-refresh.md}).
     */
    static final double SHARE_ALONE = 0.1;

    /**
     * A trend point resting on more than this many ratings is taken again by the nightly refresh only, not by the
     * five-minute one ({@link #refreshStaleExceptLarge}). Why: every late answer marks its province's and its field's
     * points, and taking one again reads every rating of its period that it counts. At 10 million ratings (the
     * province's 849,333 in a month, each field's about 85,000) three late answers kept the five-minute job 25-34 s on
     * the database, against 60-64 s for their whole periods; no office, district or officer there holds more than
     * 1,745 ({@code bench/results/2026-12-05-stale-refresh-10m.md}). What it costs: until the night such a point may
     * be off by the late answers of the day, each of which moves a mean of more than 10,000 answers by less than
     * 0.01 of its 100 points (the pages show one decimal), and by the day's verdicts on complaints made in its period
     * (its count of complaints and reports, and their share of its composite). The running week and month are taken
     * nightly anyway.
     */
    static final int LARGE = 10_000;

    /** Whether a point resting on this many ratings waits for the night ({@link #LARGE}). */
    static boolean waitsForTheNight(int ratings) {
        return ratings > LARGE;
    }

    @Override
    public int refreshStale() {
        return refreshStale(false);
    }

    @Override
    public int refreshStaleExceptLarge() {
        return refreshStale(true);
    }

    private int refreshStale(boolean exceptLarge) {
        LocalDate today = LocalDate.now(clock.withZone(settings.current().zone()));
        Map<Period, StaleSnapshots.Marked> whole = new HashMap<>();
        stale.ended(today).forEach(m -> whole.put(m.period(), m));
        Map<Period, StaleSnapshots.SubjectMarks> bySubject = new java.util.LinkedHashMap<>();
        stale.endedSubjects(today).forEach(m -> bySubject.put(m.period(), m));
        Set<Period> everyone = new HashSet<>(whole.keySet());
        Map<Period, Integer> rows = snapshotRows(bySubject.keySet());
        bySubject.values().stream()
                .filter(m -> m.marks().size() > SHARE_ALONE * rows.getOrDefault(m.period(), 0))
                .forEach(m -> everyone.add(m.period()));
        int refreshed = 0;
        for (Period.Kind kind : List.of(Period.Kind.WEEK, Period.Kind.MONTH)) {
            List<Period> periods = everyone.stream().filter(p -> p.kind() == kind)
                    .sorted(java.util.Comparator.comparing(Period::from)).toList();
            for (List<Period> together : passes(periods)) {
                // The snapshots and the clearing of their marks commit together: a failure leaves the marks for
                // next time, and a change committed meanwhile has marked again with a later time.
                tx.executeWithoutResult(status -> {
                    snapshotTogether(together);
                    for (Period p : together) {
                        if (whole.containsKey(p)) {
                            stale.clear(whole.get(p));
                        }
                        if (bySubject.containsKey(p)) {
                            stale.clear(bySubject.get(p));
                        }
                    }
                });
                refreshed += together.size();
            }
        }
        List<StaleSnapshots.SubjectMarks> alone = bySubject.values().stream()
                .filter(m -> !everyone.contains(m.period())).toList();
        if (exceptLarge) {
            alone = withoutLarge(alone);
        }
        for (StaleSnapshots.SubjectMarks marks : alone) {
            tx.executeWithoutResult(status -> {
                snapshot(marks.period(), marks.idsByType());
                stale.clear(marks);
            });
            refreshed++;
        }
        return refreshed;
    }

    /** One subject's point in one period: what {@link #withoutLarge} leaves for the night. */
    private record PeriodSubject(Period period, Subject subject) {
    }

    /**
     * The marks without those of subjects whose stored point rests on more than {@link #LARGE} ratings (left for the
     * night); periods left with no mark are dropped.
     */
    private List<StaleSnapshots.SubjectMarks> withoutLarge(List<StaleSnapshots.SubjectMarks> marked) {
        List<String> kinds = new ArrayList<>();
        List<LocalDate> starts = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (StaleSnapshots.SubjectMarks m : marked) {
            for (StaleSnapshots.SubjectMark one : m.marks()) {
                kinds.add(m.period().kind().name());
                starts.add(m.period().from());
                types.add(one.subject().type().name());
                ids.add(one.subject().id());
            }
        }
        if (ids.isEmpty()) {
            return marked;
        }
        Set<PeriodSubject> large = new HashSet<>();
        dsl.fetch("""
                SELECT m.kind, m.start, m.type, m.id, s.ratings
                FROM unnest(?::text[], ?::date[], ?::text[], ?::bigint[]) m (kind, start, type, id)
                JOIN score_snapshot s ON s.period_kind = m.kind AND s.period_start = m.start
                                     AND s.subject_type = m.type AND s.subject_id = m.id""",
                        kinds.toArray(String[]::new), starts.toArray(LocalDate[]::new), types.toArray(String[]::new),
                        ids.toArray(Long[]::new))
                .forEach(r -> {
                    if (waitsForTheNight(r.get(4, Integer.class))) {
                        large.add(new PeriodSubject(
                                StaleSnapshots.period(r.get(0, String.class), r.get(1, LocalDate.class)),
                                new Subject(Subject.Type.valueOf(r.get(2, String.class)), r.get(3, Long.class))));
                    }
                });
        List<StaleSnapshots.SubjectMarks> now = new ArrayList<>();
        for (StaleSnapshots.SubjectMarks m : marked) {
            List<StaleSnapshots.SubjectMark> small = m.marks().stream()
                    .filter(one -> !large.contains(new PeriodSubject(m.period(), one.subject()))).toList();
            if (!small.isEmpty()) {
                now.add(new StaleSnapshots.SubjectMarks(m.period(), small));
            }
        }
        return now;
    }

    /** How many snapshot rows (subjects) each of these periods has. */
    private Map<Period, Integer> snapshotRows(Collection<Period> periods) {
        Map<Period, Integer> rows = new HashMap<>();
        if (!periods.isEmpty()) {
            String[] kinds = periods.stream().map(p -> p.kind().name()).toArray(String[]::new);
            LocalDate[] starts = periods.stream().map(Period::from).toArray(LocalDate[]::new);
            dsl.fetch("""
                    SELECT p.kind, p.start, (SELECT count(*) FROM score_snapshot s
                                             WHERE s.period_kind = p.kind AND s.period_start = p.start)
                    FROM unnest(?::text[], ?::date[]) p (kind, start)""", kinds, starts)
                    .forEach(r -> rows.put(StaleSnapshots.period(r.get(0, String.class), r.get(1, LocalDate.class)),
                            r.get(2, Integer.class)));
        }
        return rows;
    }

    /**
     * Periods of one kind, in order, cut into passes each within {@link #PERIODS_TOGETHER} periods of its first (a
     * pass reads its whole range, so periods far apart are not read together with everything between them).
     */
    static List<List<Period>> passes(List<Period> periods) {
        List<List<Period>> passes = new ArrayList<>();
        List<Period> pass = new ArrayList<>();
        for (Period p : periods) {
            if (!pass.isEmpty()) {
                Period first = pass.getFirst();
                LocalDate limit = first.kind() == Period.Kind.WEEK ? first.from().plusWeeks(PERIODS_TOGETHER)
                        : first.from().plusMonths(PERIODS_TOGETHER);
                if (!p.from().isBefore(limit)) {
                    passes.add(pass);
                    pass = new ArrayList<>();
                }
            }
            pass.add(p);
        }
        if (!pass.isEmpty()) {
            passes.add(pass);
        }
        return passes;
    }

    /**
     * Takes again the period's snapshot rows of these subjects only: each row is computed from its own subject's
     * inputs, so the rows are those a snapshot of every subject gives ({@code StaleTrendsIT}). A subject whose inputs
     * in the period are empty gets no row (and loses the one it had), as a snapshot of every subject gives it none.
     */
    private void snapshot(Period period, Map<Subject.Type, List<Long>> idsByType) {
        ScoreCalculator calculator = new ScoreCalculator(settings.current());
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        for (Map.Entry<Subject.Type, List<Long>> e : idsByType.entrySet()) {
            Subject.Type type = e.getKey();
            List<Object[]> rows = new ArrayList<>();
            for (Map.Entry<Long, Inputs> in : reader.load(type, e.getValue(), period).entrySet()) {
                Inputs inputs = in.getValue();
                if (!inputs.ratings().isEmpty() || !inputs.stages().isEmpty() || !inputs.complaints().isEmpty()) {
                    rows.add(row(calculator, type, in.getKey(), inputs, period, now));
                }
            }
            dsl.execute("DELETE FROM score_snapshot WHERE period_kind = ? AND period_start = ?::date "
                            + "AND subject_type = ? AND subject_id = ANY(?::bigint[])", period.kind().name(),
                    period.from(), type.name(), e.getValue().toArray(Long[]::new));
            insert(rows);
        }
    }

    @Override
    public void nightly() {
        LocalDate today = LocalDate.now(clock.withZone(settings.current().zone()));
        // Each step with its time in the log: the operator sees where a slow night went (docs/scoring.md § 7).
        // The first day of the previous month is always before the previous week's Monday.
        timed("snapshots of the current and previous week and month", () -> snapshot(today.minusMonths(1)
                .withDayOfMonth(1), today));
        timed("stale trend points refreshed", this::refreshStale);
        timed("concerns raised", () -> checkConcerns().size());
        timed("league tables prepared", this::prepareLeagues);
    }

    private static void timed(String step, java.util.function.IntSupplier work) {
        long t0 = System.nanoTime();
        int n = work.getAsInt();
        log.info("nightly: {} ({}) in {} ms", step, n, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The windows every standard league table is kept ready for: the pages' rolling windows ending today. */
    public static List<Period> standardWindows(LocalDate today) {
        return List.of(Period.rolling(30, today), Period.rolling(90, today), Period.rolling(365, today));
    }

    @Override
    public int markTimePassed() {
        return tx.execute(status -> new LeagueMarks(dsl).markTimePassed(clock.instant(),
                settings.configured().fairness().lateGrace()));
    }

    @Override
    public int refreshLeagues() {
        // Marked first: a table whose figures time alone moved is computed by this run, not the next.
        markTimePassed();
        return scores == null ? 0 : scores.refreshReady(false, Integer.MAX_VALUE);
    }

    @Override
    public int prepareLeagues() {
        if (scores == null) {
            return 0;
        }
        LocalDate today = LocalDate.now(clock.withZone(settings.current().zone()));
        // Yesterday's rolling windows are nobody's page any more.
        dsl.execute("DELETE FROM league_ready WHERE period_kind LIKE 'ROLLING%' AND period_to <= ?::date", today);
        int n = scores.prepare(standardTables(dsl), standardWindows(today));
        return n + refreshLeagues();
    }

    /**
     * The tables the pages open first: the units under each unit (districts in the province), the offices in the
     * province and in each district, the officers of each office (of the kind the office mostly has, as the scores
     * page picks it), the fields.
     */
    public static List<LeaderboardTable> standardTables(DSLContext dsl) {
        List<LeaderboardTable> tables = new ArrayList<>();
        tables.add(LeaderboardTable.fields());
        dsl.fetch("SELECT DISTINCT parent_id FROM admin_unit WHERE parent_id IS NOT NULL ORDER BY 1")
                .forEach(r -> tables.add(LeaderboardTable.unitsInUnit(r.get(0, Long.class))));
        dsl.fetch("SELECT id FROM admin_unit WHERE level IN ('PROVINCE', 'DISTRICT') ORDER BY id")
                .forEach(r -> tables.add(LeaderboardTable.officesInUnit(r.get(0, Long.class))));
        dsl.fetch("SELECT id, kind FROM office WHERE active ORDER BY id").forEach(r -> tables.add(
                LeaderboardTable.officersInOffice(r.get(0, Long.class)).of("DEPARTMENT".equals(r.get(1, String.class))
                        ? Officer.Kind.SPECIALIST : Officer.Kind.COUNTER)));
        return tables;
    }
}
