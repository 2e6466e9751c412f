package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.scoring.DossierTimeliness;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoreExplanation;
import vn.dancham.scoring.ScoreFigures;
import vn.dancham.scoring.Scores;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSettings;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.SubjectPage;
import vn.dancham.scoring.SubjectScore;
import vn.dancham.scoring.TrendPoint;
import vn.dancham.scoring.internal.ScoreCalculator.Computed;
import vn.dancham.scoring.internal.ScoreCalculator.Inputs;
import vn.dancham.scoring.internal.ScoreCalculator.RatingCell;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** {@link Scores} over the aggregates and snapshots. */
public final class ScoreQueries implements Scores {

    private static final Logger log = LoggerFactory.getLogger(ScoreQueries.class);

    private final DSLContext dsl;
    private final ScoringSettings settings;
    private final ScoreReader reader;
    private final Clock clock;
    private final ReadyLeagues ready;

    public ScoreQueries(DSLContext dsl, ScoringProperties properties) {
        this(dsl, ScoringSettings.fixed(properties));
    }

    public ScoreQueries(DSLContext dsl, ScoringSettings settings) {
        this(dsl, settings, Clock.systemUTC());
    }

    /**
     * Reads {@code settings} once per query (weights, identity weights, prior weight and confidence may change
     * while the application runs); the time zone and time decay are the configured ones. The clock tells which
     * open stages are overdue in a period that has not ended yet.
     */
    public ScoreQueries(DSLContext dsl, ScoringSettings settings, Clock clock) {
        this(dsl, settings, clock, null);
    }

    /**
     * @param ready the league tables kept ready: {@link #leaderboard} serves a fresh one in one read and stores
     *              what it had to compute; null to compute every table at every call
     */
    public ScoreQueries(DSLContext dsl, ScoringSettings settings, Clock clock, ReadyLeagues ready) {
        this.dsl = dsl;
        this.settings = settings;
        this.reader = new ScoreReader(dsl, settings.configured(), clock);
        this.clock = clock;
        this.ready = ready;
    }

    /** A calculator over the settings in force now; cheap, so made per query. */
    private ScoreCalculator calculator() {
        return new ScoreCalculator(settings.current());
    }

    /**
     * An officer's score from the officer tables kept ready when one that lists them is fresh (one indexed read,
     * {@link ReadyLeagues#OFFICER}), else computed now; any other subject computed now.
     */
    @Override
    public SubjectScore score(Subject subject, Period period) {
        if (ready != null && subject.type() == Subject.Type.OFFICER) {
            Optional<SubjectScore> stored = ready.officer(subject, period,
                    ReadyLeagues.fingerprint(settings.current()), reader.start(period.to()));
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        return liveScore(subject, period);
    }

    /** The calculation itself, from the aggregates, at every call: what a score served stored must equal. */
    public SubjectScore liveScore(Subject subject, Period period) {
        return scores(List.of(subject), period).getFirst();
    }

    /**
     * An officer's score ({@link ReadyLeagues#OFFICER}) and trend in one statement when their figures are kept
     * ready and fresh; else the trend read by that statement and the score computed now.
     */
    @Override
    public SubjectPage page(Subject subject, Period period, Period.Kind granularity, int points) {
        if (ready == null || subject.type() != Subject.Type.OFFICER) {
            return Scores.super.page(subject, period, granularity, points);
        }
        checkTrend(granularity);
        Object[] officer = ReadyLeagues.officerBindings(subject.id(), period,
                ReadyLeagues.fingerprint(settings.current()), reader.start(period.to()), clock.instant());
        Object[] bind = java.util.Arrays.copyOf(officer, officer.length + 4);
        bind[officer.length] = subject.type().name();
        bind[officer.length + 1] = subject.id();
        bind[officer.length + 2] = granularity.name();
        bind[officer.length + 3] = points;
        SubjectScore score = null;
        List<TrendPoint> trend = new ArrayList<>();
        // The entry's row first (the trend's columns null), then the trend's (the entry null).
        for (Record r : dsl.fetch("SELECT o.entry, NULL::date, NULL::int, NULL::numeric, NULL::numeric, "
                + "NULL::numeric, NULL::numeric, NULL::numeric, NULL::int, NULL::int, NULL::numeric FROM ("
                + ReadyLeagues.OFFICER + ") o UNION ALL (SELECT NULL::text, " + TREND.substring(
                        TREND.indexOf("SELECT ") + 7) + ")", bind)) {
            String entry = r.get(0, String.class);
            if (entry != null) {
                score = ReadyLeagues.ownScore(entry, subject, period);
            } else {
                trend.add(trendPoint(r, 1, granularity));
            }
        }
        java.util.Collections.reverse(trend);
        return new SubjectPage(score != null ? score : liveScore(subject, period), trend);
    }

    @Override
    public List<SubjectScore> scores(Collection<Subject> subjects, Period period) {
        Map<Subject.Type, List<Long>> byType = new HashMap<>();
        subjects.forEach(s -> byType.computeIfAbsent(s.type(), k -> new ArrayList<>()).add(s.id()));
        Map<Subject, SubjectScore> found = new HashMap<>();
        ScoreCalculator calculator = calculator();
        byType.forEach((type, ids) -> {
            Map<Long, Inputs> inputs = reader.load(type, ids, period);
            Map<Long, String> names = reader.names(type, ids);
            for (Long id : ids) {
                Computed c = calculator.compute(inputs.getOrDefault(id, Inputs.EMPTY), period.lastDay());
                found.put(new Subject(type, id), new SubjectScore(new Subject(type, id), names.get(id), period,
                        c.figures()));
            }
        });
        return subjects.stream().map(found::get).toList();
    }

    /**
     * The table kept ready when it is fresh (one indexed read); else computed now, stored and returned. Its
     * {@code computedAt} says when the figures were computed. A broad table marked since ({@link BroadLeagues}) is
     * served as stored until its {@code pendingUntil}: computing it here would keep the reader waiting about a
     * minute at the country size, and the periodic job computes it before then.
     */
    @Override
    public Leaderboard leaderboard(LeaderboardTable table, Period period) {
        if (ready == null) {
            return liveLeaderboard(table, period);
        }
        // Read before computing: settings changed meanwhile leave a mismatch, hence a refresh, never stale figures.
        String fingerprint = ReadyLeagues.fingerprint(settings.current());
        return ready.fresh(table, period, fingerprint, this::recentEnough).filter(this::notOverdue)
                .orElseGet(() -> ready.refresh(table, period, fingerprint,
                        previous -> liveLeaderboard(table, period, previous)));
    }

    /**
     * How far behind the clock a stored table of a running period may be. Its figures also move with time alone
     * (an open stage passing its due time counts as late, § 5b): the minute job marks the tables concerned when that
     * happens ({@link LeagueMarks#markTimePassed}), so a table not marked is exact up to the later of its time and
     * the instant marked through. Past this bound (the job late or down) the table is computed again, at view, and by
     * the periodic refresh before it reaches it.
     */
    static final Duration RUNNING_MAX_AGE = Duration.ofHours(1);

    private boolean recentEnough(Leaderboard board) {
        boolean running = reader.start(board.period().to()).toInstant().isAfter(board.computedAt());
        if (!running) {
            return true;
        }
        Instant marked = ready.markedThrough();
        Instant exactUpTo = marked != null && marked.isAfter(board.computedAt()) ? marked : board.computedAt();
        return exactUpTo.isAfter(clock.instant().minus(RUNNING_MAX_AGE));
    }

    private boolean notOverdue(Leaderboard board) {
        return board.pendingUntil() == null || clock.instant().isBefore(board.pendingUntil());
    }

    /**
     * Computes the tables kept ready again: those marked stale or computed with other settings, or with
     * {@code all} every stored one; at most {@code limit}, the most recently viewed first. Many tables of one
     * window (a settings change marks them all) are computed together as {@link #prepare} does. Broad tables
     * ({@link BroadLeagues}) merely marked are computed once older than {@code BroadLeagues.every}: the periodic
     * job's refresh.
     *
     * @return how many were computed
     */
    public int refreshReady(boolean all, int limit) {
        return refreshReady(all, limit, true);
    }

    /**
     * {@link #refreshReady} without the broad tables ({@link BroadLeagues}), whatever their state: the rating
     * writer's refresh after it drains the inbox, which must not hold the next answers back for the minutes they cost
     * at the country size.
     */
    public int refreshReadyExceptBroad(int limit) {
        return refreshReady(false, limit, false);
    }

    private int refreshReady(boolean all, int limit, boolean broadToo) {
        if (ready == null) {
            return 0;
        }
        String fingerprint = ReadyLeagues.fingerprint(settings.current());
        LocalDate today = LocalDate.now(clock.withZone(settings.configured().zone()));
        Map<Period, List<LeaderboardTable>> byPeriod = new LinkedHashMap<>();
        for (ReadyLeagues.Stored s : ready.toRefresh(fingerprint, all, limit, today,
                clock.instant().minus(RUNNING_MAX_AGE.dividedBy(2)), broadToo)) {
            byPeriod.computeIfAbsent(s.period(), k -> new ArrayList<>()).add(s.table());
        }
        return computeAndStore(byPeriod, fingerprint, TOGETHER_FROM);
    }

    /**
     * Computes and stores these tables now (the nightly job's standard windows), whatever their state: every
     * table of a member type and window together, from the reads of the whole type.
     */
    public int prepare(Collection<LeaderboardTable> tables, Collection<Period> periods) {
        return prepare(tables, periods, 1);
    }

    /**
     * {@link #prepare} computing together from {@code togetherFrom} tables of a member type and window, each table
     * live below that ({@code Integer.MAX_VALUE}: every table live, as before issue 16: the bench's baseline).
     */
    public int prepare(Collection<LeaderboardTable> tables, Collection<Period> periods, int togetherFrom) {
        if (ready == null) {
            return 0;
        }
        Map<Period, List<LeaderboardTable>> byPeriod = new LinkedHashMap<>();
        periods.forEach(p -> byPeriod.put(p, List.copyOf(tables)));
        return computeAndStore(byPeriod, ReadyLeagues.fingerprint(settings.current()), togetherFrom);
    }

    /**
     * From how many stale tables of one member type and window a refresh computes them together: one read of
     * every subject of the type for the window (and the one before) instead of one read per table. Below it,
     * reading everybody costs more than the few tables' own reads (after a batch of answers the writer refreshes a
     * handful; a settings change marks them all).
     */
    static final int TOGETHER_FROM = 16;

    private int computeAndStore(Map<Period, List<LeaderboardTable>> byPeriod, String fingerprint,
                                int togetherFrom) {
        // Tables of the same member type share the per-window reads, across the windows too (their members).
        Map<Subject.Type, Map<Period, List<LeaderboardTable>>> together = new EnumMap<>(Subject.Type.class);
        int n = 0;
        for (Map.Entry<Period, List<LeaderboardTable>> e : byPeriod.entrySet()) {
            Map<Subject.Type, List<LeaderboardTable>> byType = new EnumMap<>(Subject.Type.class);
            e.getValue().forEach(t -> byType.computeIfAbsent(t.memberType(), k -> new ArrayList<>()).add(t));
            for (Map.Entry<Subject.Type, List<LeaderboardTable>> g : byType.entrySet()) {
                if (g.getValue().size() >= togetherFrom) {
                    together.computeIfAbsent(g.getKey(), k -> new LinkedHashMap<>()).put(e.getKey(), g.getValue());
                } else {
                    for (LeaderboardTable table : g.getValue()) {
                        ready.refresh(table, e.getKey(), fingerprint,
                                previous -> liveLeaderboard(table, e.getKey(), previous));
                        n++;
                    }
                }
            }
        }
        for (Map.Entry<Subject.Type, Map<Period, List<LeaderboardTable>>> g : together.entrySet()) {
            n += computeTogether(g.getKey(), g.getValue(), fingerprint);
        }
        return n;
    }

    /**
     * Many tables whose members are of one type, computed from one read per window of every subject of the type
     * (as the snapshots read them), sliced per table, with the same calculation as {@link #liveLeaderboard}: each
     * table's own pool (its members' ratings once each), its own leave-one-out priors, ranks and rank ranges.
     * Each table's generation is read before anything of it (members, inputs), as a single refresh reads it, so a
     * change committed meanwhile leaves the table stale, never hidden.
     */
    private int computeTogether(Subject.Type type, Map<Period, List<LeaderboardTable>> byPeriod, String fingerprint) {
        Map<Period, List<Long>> generations = new LinkedHashMap<>();
        byPeriod.forEach((period, tables) -> generations.put(period,
                tables.stream().map(t -> ready.begin(t, period)).toList()));
        Map<LeaderboardTable, List<Long>> members = new HashMap<>();
        byPeriod.values().forEach(tables -> tables.forEach(t -> members.computeIfAbsent(t, reader::members)));
        Set<Long> everybody = new HashSet<>();
        members.values().forEach(everybody::addAll);
        Map<Long, String> names = reader.names(type, everybody);
        int n = 0;
        for (Map.Entry<Period, List<LeaderboardTable>> e : byPeriod.entrySet()) {
            Period period = e.getKey();
            List<LeaderboardTable> tables = e.getValue();
            Instant computedAt = clock.instant();
            ScoreCalculator calculator = calculator();
            List<List<Long>> memberLists = tables.stream().map(members::get).toList();
            long t0 = System.nanoTime();
            Map<Long, Inputs> now = reader.load(type, null, period);
            Map<Long, Inputs> before = reader.load(type, null, period.previous());
            long t1 = System.nanoTime();
            Map<Integer, List<RatingCell>> pools = reader.distinctRatingsPerTable(type, memberLists, period);
            Map<Integer, List<RatingCell>> poolsBefore = reader.distinctRatingsPerTable(type, memberLists,
                    period.previous());
            long t2 = System.nanoTime();
            List<Long> tableGenerations = generations.get(period);
            for (int i = 0; i < tables.size(); i++) {
                Leaderboard board = board(tables.get(i), period, computedAt, calculator, memberLists.get(i), names,
                        now, pools.getOrDefault(i, List.of()), previousOf(calculator, memberLists.get(i), before,
                                poolsBefore.getOrDefault(i, List.of()), period.previous()));
                ready.store(tables.get(i), period, fingerprint, tableGenerations.get(i), board);
                n++;
            }
            // Where a slow night goes (docs/scoring.md § 7): the reads of everybody, the pools, the stores.
            log.info("league tables of {} members, {}: {} tables; inputs read in {} ms, pools in {} ms, "
                    + "computed and stored in {} ms", type, period.label(), tables.size(), (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        }
        return n;
    }

    /** The calculation itself, from the aggregates, at every call: what the tables kept ready must equal. */
    public Leaderboard liveLeaderboard(LeaderboardTable table, Period period) {
        return liveLeaderboard(table, period, null);
    }

    /**
     * {@link #liveLeaderboard}, taking each member's figure of the period before from {@code previous} (by subject
     * id) when it names exactly the table's members, instead of reading that period: what a table marked only by
     * time passing stored of it ({@link ReadyLeagues.Begun#previous}), which time did not move.
     */
    Leaderboard liveLeaderboard(LeaderboardTable table, Period period, Map<Long, BigDecimal> previous) {
        Instant computedAt = clock.instant();
        Subject.Type type = table.memberType();
        List<Long> members = reader.members(table);
        ScoreCalculator calculator = calculator();
        ScoreReader.TableRead now = reader.loadTable(type, members, period);
        Function<Long, BigDecimal> previousOf;
        if (previous != null && previous.keySet().equals(new HashSet<>(members))) {
            previousOf = previous::get;
        } else {
            ScoreReader.TableRead before = reader.loadTable(type, members, period.previous());
            previousOf = previousOf(calculator, members, before.inputs(), before.pool(), period.previous());
        }
        return board(table, period, computedAt, calculator, members, reader.names(type, members), now.inputs(),
                now.pool(), previousOf);
    }

    /**
     * Each member's shrunk satisfaction in the period before ({@code before}), toward the table's pool of that
     * period without the member: what "most improved" compares with.
     */
    private static Function<Long, BigDecimal> previousOf(ScoreCalculator calculator, List<Long> members,
                                                         Map<Long, Inputs> inputsBefore,
                                                         List<RatingCell> poolRatingsBefore, Period before) {
        Map<Long, Computed> computed = compute(calculator, members, inputsBefore, before);
        Pool pool = pool(calculator, poolRatingsBefore, before, computed.values());
        return id -> {
            Computed c = computed.get(id);
            return calculator.shrink(c, pool.without(c)).shrunkSatisfaction();
        };
    }

    /**
     * One table from what was read for it (live: for its members only; prepared: for everybody, of which it
     * takes its members): its members' inputs in the period and its pool's ratings, each once, and each member's
     * figure of the period before.
     */
    private Leaderboard board(LeaderboardTable table, Period period, Instant computedAt, ScoreCalculator calculator,
                              List<Long> members, Map<Long, String> names, Map<Long, Inputs> inputs,
                              List<RatingCell> poolRatings, Function<Long, BigDecimal> previousOf) {
        Subject.Type type = table.memberType();
        Map<Long, Computed> now = compute(calculator, members, inputs, period);
        Pool pool = pool(calculator, poolRatings, period, now.values());
        Double[] mean = pool.mean();

        // Rank only what the data can rank: a member whose effective number of ratings is below the minimum is
        // listed (with its figures and interval) but gets no rank, and so appears in no "lowest" or "highest" list.
        double minEffectiveN = settings.current().fairness().minEffectiveN().doubleValue();
        List<SubjectScore> ranked = new ArrayList<>();
        List<SubjectScore> notEnough = new ArrayList<>();
        List<SubjectScore> unrated = new ArrayList<>();
        Map<Long, double[]> bounds = new HashMap<>();
        for (Long id : members) {
            ScoreCalculator.Prior prior = pool.without(now.get(id));
            ScoreFigures f = calculator.shrink(now.get(id), prior);
            SubjectScore score = new SubjectScore(new Subject(type, id), names.get(id), period, f);
            if (f.shrunkComposite() == null) {
                unrated.add(score);
            } else {
                bounds.put(id, calculator.shrunkCompositeBounds(now.get(id), prior));
                boolean enough = f.satisfaction().effectiveSampleSize().doubleValue() >= minEffectiveN;
                (enough ? ranked : notEnough).add(score);
            }
        }
        ranked.sort(Comparator.comparing((SubjectScore s) -> s.figures().shrunkComposite()).reversed()
                .thenComparing(s -> s.figures().satisfaction().sampleSize(), Comparator.reverseOrder())
                .thenComparing(s -> s.subject().id()));
        Comparator<SubjectScore> byName = Comparator.comparing(s -> s.name() == null ? "" : s.name());
        notEnough.sort(byName);
        unrated.sort(byName);
        List<RankRanges.Range> ranges = RankRanges.of(ranked.stream().map(s -> {
            double[] b = bounds.get(s.subject().id());
            return new RankRanges.Interval(b[0], b[1]);
        }).toList());
        List<Leaderboard.Entry> entries = new ArrayList<>();
        int rank = 0;
        for (SubjectScore s : ranked) {
            entries.add(entry(++rank, Leaderboard.Standing.RANKED, s, previousOf.apply(s.subject().id()),
                    bounds.get(s.subject().id()), ranges.get(rank - 1)));
        }
        for (SubjectScore s : notEnough) {
            entries.add(entry(0, Leaderboard.Standing.NOT_ENOUGH, s, previousOf.apply(s.subject().id()),
                    bounds.get(s.subject().id()), null));
        }
        for (SubjectScore s : unrated) {
            entries.add(entry(0, Leaderboard.Standing.UNRATED, s, previousOf.apply(s.subject().id()), null, null));
        }
        return new Leaderboard(table, period, ScoreCalculator.roundOrNull(mean[0]),
                ScoreCalculator.roundOrNull(mean[1]), entries, computedAt);
    }

    private static Leaderboard.Entry entry(int rank, Leaderboard.Standing standing, SubjectScore s,
                                           BigDecimal previous, double[] bounds, RankRanges.Range range) {
        BigDecimal current = s.figures().shrunkSatisfaction();
        // "Most improved" compares ranked members only: a change over a handful of ratings is noise.
        BigDecimal change = standing == Leaderboard.Standing.RANKED && previous != null && current != null
                ? current.subtract(previous) : null;
        return new Leaderboard.Entry(rank, s, previous, change, standing,
                bounds == null ? null : ScoreCalculator.round(bounds[0]),
                bounds == null ? null : ScoreCalculator.round(bounds[1]),
                range == null ? null : range.best(), range == null ? null : range.worst());
    }

    private static Map<Long, Computed> compute(ScoreCalculator calculator, List<Long> ids, Map<Long, Inputs> inputs,
                                               Period period) {
        Map<Long, Computed> result = new HashMap<>();
        for (Long id : ids) {
            result.put(id, calculator.compute(inputs.getOrDefault(id, Inputs.EMPTY), period.lastDay()));
        }
        return result;
    }

    /**
     * The table's pool: its members' counted ratings, each once however many members it names (a timeliness
     * answer about two late officers counts once), and their stages (a stage has one officer: summed over members).
     * Weighted sums, unrounded: rounding happens once, on what is shown.
     */
    private static Pool pool(ScoreCalculator calculator, List<RatingCell> poolRatings, Period period,
                             Collection<Computed> memberScores) {
        Computed ratings = calculator.compute(new Inputs(poolRatings, List.of(), List.of()), period.lastDay());
        double ws = ratings.raw().satisfaction() != null ? ratings.ratingWeight() : 0;
        double s = ws > 0 ? ws * ratings.raw().satisfaction() : 0;
        double wr = 0, r = 0;
        for (Computed c : memberScores) {
            if (c.raw().onTime() != null) {
                wr += c.stageWeight();
                r += c.stageWeight() * c.raw().onTime();
            }
        }
        return new Pool(ws, s, wr, r);
    }

    /** Weighted sums of a table's pool: rating weight and weighted points, stage weight and weighted on-time. */
    record Pool(double ratingWeight, double points, double stageWeight, double onTime) {

        /** The table's mean satisfaction and on-time rate (null where it has none). */
        Double[] mean() {
            return new Double[]{ratingWeight > 0 ? points / ratingWeight : null,
                    stageWeight > 0 ? onTime / stageWeight : null};
        }

        /**
         * The prior a member is pulled toward: the table's mean without the member's own ratings and stages
         * (leave-one-out), so that a member is not pulled toward itself (an office could be up to 24 % of its
         * district's weight), with the weight that rest rests on. Every rating of the member is in the pool once,
         * so subtracting its sums is exact. A member that is the whole pool (the only one rated) has nothing to be
         * pulled toward: weight 0, it keeps its own figures.
         */
        ScoreCalculator.Prior without(Computed member) {
            Double[] all = mean();
            double[] s = member.raw().satisfaction() == null ? new double[]{ratingWeight, points}
                    : rest(ratingWeight, points, member.ratingWeight(), member.raw().satisfaction());
            double[] r = member.raw().onTime() == null ? new double[]{stageWeight, onTime}
                    : rest(stageWeight, onTime, member.stageWeight(), member.raw().onTime());
            // Boxed on purpose: a table without ratings (or stages) has no mean, and null must stay null.
            Double satisfaction = s[0] > 0 ? Double.valueOf(s[1] / s[0]) : all[0];
            Double onTimeRate = r[0] > 0 ? Double.valueOf(r[1] / r[0]) : all[1];
            return new ScoreCalculator.Prior(satisfaction, s[0], onTimeRate, r[0]);
        }

        /** {weight, weighted sum} of the pool without the member's own. */
        private static double[] rest(double weight, double sum, double ownWeight, double ownMean) {
            double rest = weight - ownWeight;
            // Relative: a member that is all the pool leaves rounding dust, not a mean.
            return rest > 1e-9 * weight ? new double[]{rest, sum - ownWeight * ownMean} : new double[]{0, 0};
        }
    }

    /** A subject's last trend points, newest first (bound: subject type, id, granularity, how many). */
    private static final String TREND = """
            SELECT period_start, ratings, satisfaction, satisfaction_low, satisfaction_high, satisfied_share,
                   on_time_rate, complaints, harassment, composite
            FROM score_snapshot
            WHERE subject_type = ? AND subject_id = ? AND period_kind = ?
            ORDER BY period_start DESC LIMIT ?""";

    private static void checkTrend(Period.Kind granularity) {
        if (granularity != Period.Kind.WEEK && granularity != Period.Kind.MONTH) {
            throw new IllegalArgumentException("Trends are by WEEK or MONTH: " + granularity);
        }
    }

    @Override
    public List<TrendPoint> trend(Subject subject, Period.Kind granularity, int points) {
        checkTrend(granularity);
        List<TrendPoint> trend = new ArrayList<>(dsl.fetch(TREND, subject.type().name(), subject.id(),
                granularity.name(), points).map(r -> trendPoint(r, 0, granularity)));
        java.util.Collections.reverse(trend);
        return trend;
    }

    /** A trend point from a row of {@link #TREND}'s columns, from column {@code at} on. */
    private static TrendPoint trendPoint(Record r, int at, Period.Kind granularity) {
        LocalDate start = r.get(at, LocalDate.class);
        Period p = granularity == Period.Kind.WEEK ? Period.week(start) : Period.month(YearMonth.from(start));
        return new TrendPoint(p, r.get(at + 1, Integer.class), r.get(at + 2, BigDecimal.class),
                r.get(at + 3, BigDecimal.class), r.get(at + 4, BigDecimal.class),
                percent(r.get(at + 5, BigDecimal.class)), percent(r.get(at + 6, BigDecimal.class)),
                r.get(at + 7, Integer.class), r.get(at + 8, Integer.class), r.get(at + 9, BigDecimal.class));
    }

    /** Snapshots keep shares as fractions; the API speaks percent everywhere. */
    private static BigDecimal percent(BigDecimal fraction) {
        return fraction == null ? null : fraction.movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    @Override
    public DossierTimeliness dossierTimeliness(Subject subject, Period period) {
        String filter = switch (subject.type()) {
            case OFFICER -> "d.receiving_officer_id = ?";
            case OFFICE -> "d.receiving_office_id = ?";
            case UNIT -> "d.receiving_office_id IN (SELECT office_id FROM office_unit WHERE unit_id = ?)";
            case FIELD -> "p.field_id = ?";
        };
        OffsetDateTime from = reader.start(period.from());
        OffsetDateTime to = reader.start(period.to());
        OffsetDateTime judgedAt = reader.asOf(period);
        String zone = settings.configured().zone().getId();
        String grace = reader.graceInterval();
        Record r = dsl.fetchSingle("""
                SELECT count(*) FILTER (WHERE in_period) AS returned,
                       count(*) FILTER (WHERE in_period AND d.returned_at <= d.due_at + ?::interval) AS on_time,
                       count(*) FILTER (WHERE in_period AND (d.returned_at AT TIME ZONE ?)::date
                                                            < (d.due_at AT TIME ZONE ?)::date) AS early,
                       count(*) FILTER (WHERE d.received_at < ?::timestamptz
                                          AND (d.returned_at IS NULL OR d.returned_at >= ?::timestamptz)
                                          AND d.due_at + ?::interval < ?::timestamptz
                                          AND d.status NOT IN ('WITHDRAWN', 'SUPPLEMENT_REQUESTED')) AS overdue
                FROM dossier d
                JOIN procedure p ON p.id = d.procedure_id
                CROSS JOIN LATERAL (SELECT d.returned_at >= ?::timestamptz AND d.returned_at < ?::timestamptz
                                    AS in_period) x
                WHERE %s
                """.formatted(filter), grace, zone, zone, judgedAt, judgedAt, grace, judgedAt, from, to,
                subject.id());
        int returned = r.get(0, Integer.class);
        int onTime = r.get(1, Integer.class);
        int early = r.get(2, Integer.class);
        int overdue = r.get(3, Integer.class);
        ScoreCalculator calculator = calculator();
        return new DossierTimeliness(subject, period, returned, onTime, early, overdue,
                calculator.proportion(onTime, returned + overdue), calculator.proportion(early, returned));
    }

    @Override
    public ScoreExplanation explain(Subject subject, Period period, int limit) {
        ScoringProperties properties = settings.current();
        ScoreCalculator calculator = new ScoreCalculator(properties);
        SubjectScore score = score(subject, period);
        LocalDate asOf = period.lastDay();
        OffsetDateTime from = reader.start(period.from());
        OffsetDateTime to = reader.start(period.to());
        String ratingFilter = switch (subject.type()) {
            case OFFICER -> "EXISTS (SELECT 1 FROM rating_target t WHERE t.rating_id = r.id AND t.officer_id = ?)";
            case OFFICE -> "EXISTS (SELECT 1 FROM rating_target t WHERE t.rating_id = r.id AND t.office_id = ?)";
            case UNIT -> "EXISTS (SELECT 1 FROM rating_target t JOIN office_unit ou ON ou.office_id = t.office_id "
                    + "WHERE t.rating_id = r.id AND ou.unit_id = ?)";
            case FIELD -> "EXISTS (SELECT 1 FROM dossier d JOIN procedure p ON p.id = d.procedure_id "
                    + "WHERE d.id = r.dossier_id AND p.field_id = ?)";
        };
        String reasonColumn = switch (subject.type()) {
            case OFFICER -> "(SELECT string_agg(DISTINCT t.reason, ',') FROM rating_target t "
                    + "WHERE t.rating_id = r.id AND t.officer_id = ?)";
            case OFFICE -> "(SELECT string_agg(DISTINCT t.reason, ',') FROM rating_target t "
                    + "WHERE t.rating_id = r.id AND t.office_id = ?)";
            default -> "(SELECT string_agg(DISTINCT t.reason, ',') FROM rating_target t WHERE t.rating_id = r.id "
                    + "AND ? IS NOT NULL)";
        };
        String ratingSql = "SELECT r.id, r.given_at, r.criterion, r.value, r.identity, d.receipt_no, " + reasonColumn
                + " AS reason, r.status, r.flag_reason, r.channel FROM rating r LEFT JOIN dossier d ON d.id = r.dossier_id "
                + "WHERE " + ratingFilter + " AND r.given_at >= ?::timestamptz AND r.given_at < ?::timestamptz AND r.status = ? "
                + "ORDER BY r.given_at DESC, r.id DESC LIMIT ?";
        List<ScoreExplanation.RatingItem> counted = ratingItems(calculator, ratingSql, subject, from, to, "COUNTED", limit, asOf);
        List<ScoreExplanation.RatingItem> heldOut = ratingItems(calculator, ratingSql, subject, from, to, "FLAGGED", limit, asOf);

        String stageFilter = switch (subject.type()) {
            case OFFICER -> "st.officer_id = ?";
            case OFFICE -> "st.office_id = ?";
            case UNIT -> "st.office_id IN (SELECT office_id FROM office_unit WHERE unit_id = ?)";
            case FIELD -> "p.field_id = ?";
        };
        // Overdue stages still open at the period's end come first (they count as late, § 5b), then the finished
        // ones, newest first. A stage within the grace period of its due time is shown as not late.
        OffsetDateTime judgedAt = reader.asOf(period);
        Duration grace = settings.configured().fairness().lateGrace();
        List<ScoreExplanation.StageItem> stages = new ArrayList<>(dsl.fetch("""
                SELECT st.id, d.receipt_no, st.seq, st.name, f.full_name, st.started_at, st.due_at
                FROM dossier_stage st
                JOIN dossier d ON d.id = st.dossier_id
                JOIN procedure p ON p.id = d.procedure_id
                LEFT JOIN officer f ON f.id = st.officer_id
                WHERE %s AND st.started_at < ?::timestamptz
                  AND (st.finished_at IS NULL OR st.finished_at >= ?::timestamptz)
                  AND st.due_at + ?::interval < ?::timestamptz
                  AND d.status NOT IN ('WITHDRAWN', 'SUPPLEMENT_REQUESTED')
                ORDER BY st.due_at, st.id LIMIT ?
                """.formatted(stageFilter), subject.id(), judgedAt, judgedAt, reader.graceInterval(), judgedAt, limit)
                .map(r -> {
                    Instant due = r.get(6, OffsetDateTime.class).toInstant();
                    return new ScoreExplanation.StageItem(r.get(0, Long.class), r.get(1, String.class),
                            r.get(2, Integer.class), r.get(3, String.class), r.get(4, String.class),
                            r.get(5, OffsetDateTime.class).toInstant(), due, null,
                            Duration.between(due, judgedAt.toInstant()), BigDecimal.ONE.setScale(2));
                }));
        stages.addAll(dsl.fetch("""
                SELECT st.id, d.receipt_no, st.seq, st.name, f.full_name, st.started_at, st.due_at, st.finished_at,
                       (st.finished_at AT TIME ZONE ?)::date AS day
                FROM dossier_stage st
                JOIN dossier d ON d.id = st.dossier_id
                JOIN procedure p ON p.id = d.procedure_id
                LEFT JOIN officer f ON f.id = st.officer_id
                WHERE %s AND st.finished_at >= ?::timestamptz AND st.finished_at < ?::timestamptz
                ORDER BY st.finished_at DESC, st.id DESC LIMIT ?
                """.formatted(stageFilter), properties.zone().getId(), subject.id(), from, to, limit)
                .map(r -> {
                    Instant due = r.get(6, OffsetDateTime.class).toInstant();
                    Instant finished = r.get(7, OffsetDateTime.class).toInstant();
                    return new ScoreExplanation.StageItem(r.get(0, Long.class), r.get(1, String.class),
                            r.get(2, Integer.class), r.get(3, String.class), r.get(4, String.class),
                            r.get(5, OffsetDateTime.class).toInstant(), due, finished,
                            finished.isAfter(due.plus(grace)) ? Duration.between(due, finished) : Duration.ZERO,
                            ScoreCalculator.round(calculator.decay(r.get(8, LocalDate.class), asOf)));
                }));
        if (stages.size() > limit) {
            stages = new ArrayList<>(stages.subList(0, limit));
        }

        // An officer's list holds the confirmed complaints naming them; an office's, unit's or field's also the
        // pending ones charged to it (penalty 0: shown so nobody is surprised, not scored). Unfounded ones are gone.
        String complaintFilter = switch (subject.type()) {
            case OFFICER -> "c.verdict = 'CONFIRMED' AND c.id IN (SELECT complaint_id FROM complaint_officer "
                    + "WHERE officer_id = ?)";
            case OFFICE -> "c.verdict IN ('CONFIRMED', 'PENDING') AND ? IN (" + ScoreReader.CHARGED_OFFICES + ")";
            case UNIT -> "c.verdict IN ('CONFIRMED', 'PENDING') AND EXISTS (SELECT 1 FROM office_unit ou "
                    + "WHERE ou.unit_id = ? AND ou.office_id IN (" + ScoreReader.CHARGED_OFFICES + "))";
            case FIELD -> "c.verdict IN ('CONFIRMED', 'PENDING') AND p.field_id = ?";
        };
        List<ScoreExplanation.ComplaintItem> complaints = dsl.fetch("""
                SELECT c.id, c.created_at, c.kind, d.receipt_no, (c.created_at AT TIME ZONE ?)::date AS day,
                       c.verdict, c.verdict_note
                FROM complaint c
                LEFT JOIN dossier d ON d.id = c.dossier_id
                LEFT JOIN procedure p ON p.id = d.procedure_id
                WHERE %s AND c.kind IN ('COMPLAINT', 'HARASSMENT') AND NOT c.test
              AND c.created_at >= ?::timestamptz AND c.created_at < ?::timestamptz
                ORDER BY c.created_at DESC, c.id DESC LIMIT ?
                """.formatted(complaintFilter), properties.zone().getId(), subject.id(), from, to, limit)
                .map(r -> {
                    boolean confirmed = "CONFIRMED".equals(r.get(5, String.class));
                    double weight = confirmed ? calculator.decay(r.get(4, LocalDate.class), asOf) : 0;
                    double penalty = weight * ("HARASSMENT".equals(r.get(2, String.class))
                            ? properties.model().harassmentPenalty().doubleValue()
                            : properties.model().complaintPenalty().doubleValue());
                    return new ScoreExplanation.ComplaintItem(r.get(0, Long.class),
                            r.get(1, OffsetDateTime.class).toInstant(), r.get(2, String.class), r.get(3, String.class),
                            ScoreCalculator.round(weight), ScoreCalculator.round(penalty), r.get(5, String.class),
                            r.get(6, String.class));
                });
        return new ScoreExplanation(score, counted, heldOut, stages, complaints, formulas(properties, score.figures()));
    }

    private List<ScoreExplanation.RatingItem> ratingItems(ScoreCalculator calculator, String sql, Subject subject, OffsetDateTime from,
                                                          OffsetDateTime to, String status, int limit,
                                                          LocalDate asOf) {
        return dsl.fetch(sql, subject.id(), subject.id(), from, to, status, limit).map((Record r) -> {
            OffsetDateTime given = r.get(1, OffsetDateTime.class);
            int value = r.get(3, Integer.class);
            String identity = r.get(4, String.class);
            double weight = calculator.identityWeight(identity)
                    * calculator.decay(given.atZoneSameInstant(settings.current().zone()).toLocalDate(), asOf);
            return new ScoreExplanation.RatingItem(r.get(0, Long.class), given.toInstant(), r.get(2, String.class),
                    value, ScoreCalculator.round(ScoreCalculator.points(value)), identity,
                    ScoreCalculator.round(weight), r.get(5, String.class), r.get(6, String.class),
                    r.get(7, String.class), r.get(8, String.class), r.get(9, String.class));
        });
    }

    private static List<String> formulas(ScoringProperties properties, ScoreFigures f) {
        ScoringProperties.Model m = properties.model();
        ScoringProperties.IdentityWeights w = properties.identity();
        List<String> lines = new ArrayList<>();
        lines.add("rating points: 1→0, 2→25, 3→50, 4→75, 5→100; weight = identity (verified " + w.verified()
                + ", known " + w.known() + ", unverified " + w.unverified() + ", withheld " + w.withheld() + ")"
                + (m.halfLife().isZero() ? "" : " × 0.5^(age/" + m.halfLife().toDays() + " days)"));
        lines.add("satisfaction = Σ weight×points / Σ weight = " + f.satisfaction().value() + " over "
                + f.satisfaction().sampleSize() + " ratings (effective n " + f.satisfaction().effectiveSampleSize()
                + "), " + m.confidence() + " interval with the call as the cluster [" + f.satisfaction().low() + ", "
                + f.satisfaction().high() + "]");
        lines.add("on-time rate = stages finished by their due (+ grace " + properties.fairness().lateGrace()
                .toHours() + " h) / (stages finished + stages overdue and still open at the period's end) = "
                + f.onTime().value() + " % of " + f.onTime().sampleSize() + " stages");
        lines.add("complaint component = max(0, 100 − " + m.complaintPenalty() + " × confirmed complaints − "
                + m.harassmentPenalty() + " × confirmed harassment reports) = " + f.complaintComponent() + " ("
                + f.complaints() + " complaints, " + f.harassmentReports() + " reports; pending ones not counted)");
        lines.add("composite = (" + m.satisfactionWeight() + " × satisfaction + " + m.onTimeWeight()
                + " × on-time rate + " + m.complaintWeight() + " × complaint component) / sum of the weights present = "
                + f.composite().value());
        return lines;
    }
}
