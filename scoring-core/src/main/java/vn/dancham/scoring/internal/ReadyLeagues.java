package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vn.dancham.organisation.Officer;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoreFigures;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.SubjectScore;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * League tables kept ready ({@code league_ready} + {@code league_row}, docs/scoring.md "Pages from one read"): what
 * {@link ScoreQueries#liveLeaderboard} computes, stored per table and period, so that a page is one indexed read.
 * <p>
 * A table is served only while it is fresh: computed with the settings in force (their fingerprint is stored) and
 * not marked stale since. Every change that can move a table's figures marks it in the change's own transaction
 * ({@link LeagueMarks}). A refresh stores its result as fresh only if no mark came while it
 * computed ({@code generation}), so a change committed meanwhile is never hidden. A marked table resting on very
 * many answers is the exception ({@link BroadLeagues}): served as stored, saying that changes since are pending.
 */
public final class ReadyLeagues {

    /**
     * The one read of a page: the table's header and its entries in order, and the instant up to which time-only
     * changes are marked ({@link LeagueMarks#markTimePassed}; one row, read once).
     */
    private static final String READ = """
            SELECT h.computed_at, h.stale, h.settings, h.mean_satisfaction, h.mean_on_time, r.entry::text, h.id,
                   h.ratings, (SELECT marked_through FROM league_clock)
            FROM league_ready h LEFT JOIN league_row r ON r.ready_id = h.id
            WHERE h.table_kind = ? AND h.parent_id = ? AND h.officer_kind = ? AND h.period_kind = ?
              AND h.period_from = ?::date AND h.period_to = ?::date
            ORDER BY r.position
            """;

    /**
     * An officer's own entry for a period from any fresh stored table of officers that lists them (their office's,
     * a unit's; of any kind), newest first: bound with the officer, the period's kind, start and end, the settings'
     * fingerprint, and the two instants of {@link #officerBindings}. A member's figures before shrinkage depend on the
     * member alone, not on the table (only the shrunk ones and the ranks do), so any of these tables holds what
     * {@code Scores.score} computes. Fresh as a league page is fresh: not marked, same settings, and computed
     * since the period ended or, for a running period, within {@link ScoreQueries#RUNNING_MAX_AGE} of the later of its
     * time and the instant up to which time-only changes are marked ({@link LeagueMarks#markTimePassed}). An officer no
     * fresh table lists (inactive, of a kind other than their office's tables, moved and not yet computed again, a
     * window nobody prepared) has no row: the page computes them live.
     */
    static final String OFFICER = """
            SELECT r.entry::text AS entry FROM league_row r JOIN league_ready h ON h.id = r.ready_id
            WHERE r.subject_id = ? AND h.table_kind IN ('OFFICERS_IN_OFFICE', 'OFFICERS_IN_UNIT')
              AND h.period_kind = ? AND h.period_from = ?::date AND h.period_to = ?::date
              AND NOT h.stale AND h.settings = ?
              AND (h.computed_at >= ?::timestamptz
                   OR greatest(h.computed_at, (SELECT marked_through FROM league_clock)) > ?::timestamptz)
            ORDER BY h.computed_at DESC LIMIT 1""";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final DSLContext dsl;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final LeagueCache cache;
    private final BroadLeagues broad;
    /** The latest instant up to which time-only changes were marked, as this node last read it (null: never). */
    private volatile Instant markedThrough;

    public ReadyLeagues(DSLContext dsl, PlatformTransactionManager transactions, Clock clock) {
        this(dsl, transactions, clock, null);
    }

    public ReadyLeagues(DSLContext dsl, PlatformTransactionManager transactions, Clock clock, LeagueCache cache) {
        this(dsl, transactions, clock, cache, BroadLeagues.DEFAULT);
    }

    /**
     * @param cache the tables kept in this node's memory ({@link LeagueCache}), or null: every page reads
     * @param broad which tables rest on so many answers that they are computed again on a schedule
     */
    public ReadyLeagues(DSLContext dsl, PlatformTransactionManager transactions, Clock clock, LeagueCache cache,
                        BroadLeagues broad) {
        this.dsl = dsl;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.cache = cache;
        this.broad = broad;
    }

    /**
     * The stored table when it is fresh for these settings (its fingerprint), else empty: from this node's memory
     * when it holds the table unchanged since ({@link LeagueCache}), else one statement (and kept when fresh). A
     * broad table ({@link BroadLeagues}) marked since its time is returned too, with {@code pendingUntil} set: the
     * caller decides whether it is still young enough to show.
     */
    Optional<Leaderboard> fresh(LeaderboardTable table, Period period, String settings) {
        return fresh(table, period, settings, board -> true);
    }

    /**
     * {@link #fresh}, only if {@code recent}: a table held in memory that does not look recent is read again first,
     * since what makes it look old may be only this node's {@link #markedThrough}, which a read brings up to date.
     */
    Optional<Leaderboard> fresh(LeaderboardTable table, Period period, String settings,
                                Predicate<Leaderboard> recent) {
        if (cache == null) {
            return read(table, period, settings, Long.MIN_VALUE).filter(recent);
        }
        Optional<Leaderboard> kept = cache.get(table, period, settings).filter(recent);
        return kept.isPresent() ? kept : read(table, period, settings, cache.begin()).filter(recent);
    }

    private Optional<Leaderboard> read(LeaderboardTable table, Period period, String settings, long since) {
        Result<Record> rows = dsl.fetch(READ, key(table, period));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Record head = rows.getFirst();
        OffsetDateTime marked = head.get(8, OffsetDateTime.class);
        if (marked != null) {
            sawMarkedThrough(marked.toInstant());
        }
        if (head.get(0) == null || !settings.equals(head.get(2, String.class))) {
            return Optional.empty();
        }
        Instant computedAt = head.get(0, OffsetDateTime.class).toInstant();
        Instant pendingUntil = null;
        if (head.get(1, Boolean.class)) {
            pendingUntil = broad.servedUntil(head.get(7, Long.class), computedAt);
            if (pendingUntil == null) {
                return Optional.empty();
            }
        }
        List<Leaderboard.Entry> entries = new ArrayList<>(rows.size());
        for (Record r : rows) {
            String entry = r.get(5, String.class);
            if (entry != null) {
                entries.add(JSON.readValue(entry, Leaderboard.Entry.class));
            }
        }
        Leaderboard board = new Leaderboard(table, period, head.get(3, BigDecimal.class),
                head.get(4, BigDecimal.class), entries, computedAt, pendingUntil);
        if (cache != null) {
            cache.put(head.get(6, Long.class), settings, board, since);
        }
        return Optional.of(board);
    }

    /**
     * The instant up to which changes of figures with time alone were marked ({@link LeagueMarks#markTimePassed}),
     * as this node last read it with a table, or null if it never did: a table not marked since is exact up to it.
     * Possibly older than the database's, never newer: a page judged by it computes its table sooner, never later.
     */
    Instant markedThrough() {
        return markedThrough;
    }

    /** Keeps the latest instant seen (racing readers must not put an older one back). */
    private synchronized void sawMarkedThrough(Instant marked) {
        if (markedThrough == null || markedThrough.isBefore(marked)) {
            markedThrough = marked;
        }
    }

    /**
     * The bindings of {@link #OFFICER}: {@code periodEnd} is the start of the period's end day (a table computed
     * since then is final), {@code now} the time of the read.
     */
    static Object[] officerBindings(long officer, Period period, String settings, OffsetDateTime periodEnd,
                                    Instant now) {
        return new Object[]{officer, period.kind().name(), period.from(), period.to(), settings, periodEnd,
                now.minus(ScoreQueries.RUNNING_MAX_AGE).atOffset(ZoneOffset.UTC)};
    }

    /** An officer's score from a stored entry of {@link #OFFICER}: their own figures, without the table's shrinkage. */
    static SubjectScore ownScore(String entry, Subject officer, Period period) {
        SubjectScore s = JSON.readValue(entry, Leaderboard.Entry.class).score();
        ScoreFigures f = s.figures();
        return new SubjectScore(officer, s.name(), period, new ScoreFigures(f.satisfaction(), f.satisfiedShare(),
                f.onTime(), f.byCriterion(), f.verified(), f.unverified(), f.withheld(), f.known(), f.complaints(),
                f.harassmentReports(), f.complaintComponent(), f.composite(), null, null));
    }

    /** One officer's score from the stored tables when one of them is fresh (one statement), else empty. */
    Optional<SubjectScore> officer(Subject officer, Period period, String settings, OffsetDateTime periodEnd) {
        return dsl.fetchOptional(OFFICER, officerBindings(officer.id(), period, settings, periodEnd,
                clock.instant())).map(r -> ownScore(r.get(0, String.class), officer, period));
    }

    /**
     * Computes the table ({@code live}) and stores it. Fresh only if nothing marked it while computing: the
     * generation is read before the computation and compared when storing. {@code live} is handed each member's
     * stored figure of the period before when only time passed since the table was computed ({@link Begun#previous}),
     * else null: it then reads both periods.
     */
    Leaderboard refresh(LeaderboardTable table, Period period, String settings,
                        Function<Map<Long, BigDecimal>, Leaderboard> live) {
        Begun begun = begin(table, period, settings);
        Leaderboard board = live.apply(begun.previous());
        store(table, period, settings, begun.generation(), board);
        return board;
    }

    /**
     * What {@link #begin(LeaderboardTable, Period, String)} found before anything of the table is read.
     *
     * @param generation to hand to {@link #store} with what was computed after it was read
     * @param previous each member's satisfaction of the period before as the stored table holds it (by subject id;
     *                 null where it had none), when the table was marked only by time passing since it was computed
     *                 with these settings ({@code time_only}, V271: {@link LeagueMarks#markTimePassed}); else null.
     *                 Time moves a running period's open stages, never the period before's ratings, which is all
     *                 that figure rests on.
     */
    record Begun(long generation, Map<Long, BigDecimal> previous) {
    }

    /**
     * The first half of a refresh in one statement: the header made sure of, its generation, and when
     * {@code time_only} the stored figures of the period before. Both read from one snapshot, so they agree: a change
     * of data marked before it cleared {@code time_only} and moved the generation; one marked after it moves the
     * generation again, and the table is stored stale. A header created by this statement is new (generation 0,
     * nothing stored): the {@code created} branch. One created by another transaction that committed while this one
     * waited on it is in neither branch (this statement's snapshot predates it): then it is read again.
     */
    private static final String BEGIN = """
            WITH created AS (
                INSERT INTO league_ready (table_kind, parent_id, officer_kind, period_kind, period_from, period_to)
                VALUES (?, ?, ?, ?, ?::date, ?::date) ON CONFLICT DO NOTHING RETURNING generation),
            header AS (
                SELECT id, generation,
                       coalesce(stale AND time_only AND settings = ? AND computed_at IS NOT NULL, false) AS keeps
                FROM league_ready
                WHERE table_kind = ? AND parent_id = ? AND officer_kind = ? AND period_kind = ?
                  AND period_from = ?::date AND period_to = ?::date)
            SELECT generation, false, NULL::bigint, NULL::text FROM created
            UNION ALL
            SELECT h.generation, h.keeps, l.subject_id, l.entry ->> 'previous'
            FROM header h LEFT JOIN league_row l ON h.keeps AND l.ready_id = h.id""";

    /**
     * The first half of a refresh, before anything of the table is read (one statement): its header made sure of,
     * its generation and, with {@code settings}, the stored figures of the period before when only time passed
     * ({@link Begun}).
     */
    Begun begin(LeaderboardTable table, Period period, String settings) {
        Object[] key = key(table, period);
        Result<Record> rows = dsl.fetch(BEGIN, concat(key, new Object[]{settings}, key));
        if (rows.isEmpty()) {
            return new Begun(dsl.fetchSingle("SELECT generation FROM league_ready WHERE table_kind = ? "
                    + "AND parent_id = ? AND officer_kind = ? AND period_kind = ? AND period_from = ?::date "
                    + "AND period_to = ?::date", key).get(0, Long.class), null);
        }
        long generation = rows.getFirst().get(0, Long.class);
        if (!rows.getFirst().get(1, Boolean.class)) {
            return new Begun(generation, null);
        }
        Map<Long, BigDecimal> previous = new HashMap<>();
        for (Record r : rows) {
            Long subject = r.get(2, Long.class);
            if (subject != null) {
                String figure = r.get(3, String.class);
                previous.put(subject, figure == null ? null : new BigDecimal(figure));
            }
        }
        return new Begun(generation, previous);
    }

    /** {@link #begin(LeaderboardTable, Period, String)} for a computation that reads both periods anyway. */
    long begin(LeaderboardTable table, Period period) {
        return begin(table, period, null).generation();
    }

    /**
     * The second half: stores {@code board}, computed after {@link #begin} returned {@code generation}; stored as
     * fresh only if no mark came since.
     */
    void store(LeaderboardTable table, Period period, String settings, long generation, Leaderboard board) {
        Object[] key = key(table, period);
        OffsetDateTime at = board.computedAt().atOffset(ZoneOffset.UTC);
        OffsetDateTime readAt = OffsetDateTime.now(clock);
        boolean stored = Boolean.TRUE.equals(tx.execute(status -> {
            Long id = dsl.fetchOptional("""
                    UPDATE league_ready SET mean_satisfaction = ?, mean_on_time = ?, settings = ?,
                           computed_at = ?::timestamptz, stale = generation <> ?, ratings = ?,
                           time_only = time_only AND generation <> ?, read_at = ?::timestamptz
                    WHERE table_kind = ? AND parent_id = ? AND officer_kind = ? AND period_kind = ?
                      AND period_from = ?::date AND period_to = ?::date
                      AND (computed_at IS NULL OR computed_at <= ?::timestamptz)
                    RETURNING id""", concat(new Object[]{board.meanSatisfaction(), board.meanOnTime(), settings, at,
                    generation, restsOn(board), generation, readAt}, key, new Object[]{at}))
                    .map(r -> r.get(0, Long.class)).orElse(null);
            if (id == null) {
                return false; // a newer computation was stored meanwhile: keep it
            }
            dsl.execute("DELETE FROM league_row WHERE ready_id = ?", id);
            List<Object[]> rows = new ArrayList<>();
            int position = 0;
            for (Leaderboard.Entry e : board.entries()) {
                rows.add(new Object[]{id, ++position, e.score().subject().id(), e.rank(), e.standing().name(),
                        e.score().figures().ratings(), e.score().figures().shrunkComposite(),
                        JSON.writeValueAsString(e)});
            }
            if (!rows.isEmpty()) {
                dsl.batch("""
                        INSERT INTO league_row (ready_id, position, subject_id, rank, standing, ratings,
                                                shrunk_composite, entry)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?::json)""", rows.toArray(Object[][]::new)).execute();
            }
            return true;
        }));
        if (!stored) {
            // Still read just now (what orders the periodic refresh), though the newer figures stay.
            dsl.execute("UPDATE league_ready SET read_at = ?::timestamptz WHERE table_kind = ? AND parent_id = ? "
                    + "AND officer_kind = ? AND period_kind = ? AND period_from = ?::date AND period_to = ?::date",
                    concat(new Object[]{readAt}, key));
        }
    }

    /** How many ratings a table rests on: its members' sample sizes (an answer about two officers counts twice). */
    static long restsOn(Leaderboard board) {
        return board.entries().stream().mapToLong(e -> e.score().figures().ratings()).sum();
    }

    /**
     * Tables to compute again: marked, computed with other settings, of a period running {@code today} and computed
     * before {@code olderThan} while time-only changes were not marked since either (the job that marks them is
     * late or down), or (with {@code all}) every stored one. Broad ones ({@link BroadLeagues}) only with
     * {@code broadToo}, and then, when merely marked, only once computed before {@link BroadLeagues#dueBefore}.
     */
    List<Stored> toRefresh(String settings, boolean all, int limit, LocalDate today, Instant olderThan,
                           boolean broadToo) {
        return dsl.fetch("""
                SELECT table_kind, parent_id, officer_kind, period_kind, period_from, period_to FROM league_ready
                WHERE (? OR stale OR settings <> ? OR computed_at IS NULL
                       OR (period_to > ?::date AND greatest(computed_at, (SELECT marked_through FROM league_clock))
                           < ?::timestamptz))
                  AND (coalesce(ratings, 0) <= ?
                       OR (? AND (? OR settings <> ? OR computed_at IS NULL OR computed_at < ?::timestamptz
                                  OR (period_to > ?::date AND greatest(computed_at,
                                                   (SELECT marked_through FROM league_clock)) < ?::timestamptz))))
                ORDER BY read_at DESC NULLS LAST LIMIT ?""", all, settings, today,
                        olderThan.atOffset(ZoneOffset.UTC), broad.from(), broadToo, all, settings,
                        broad.dueBefore(clock.instant()).atOffset(ZoneOffset.UTC), today,
                        olderThan.atOffset(ZoneOffset.UTC), limit)
                .map(r -> new Stored(table(r.get(0, String.class), r.get(1, Long.class), r.get(2, String.class)),
                        new Period(Period.Kind.valueOf(r.get(3, String.class)), r.get(4, LocalDate.class),
                                r.get(5, LocalDate.class), label(r))));
    }

    record Stored(LeaderboardTable table, Period period) {
    }

    private static String label(Record r) {
        Period.Kind kind = Period.Kind.valueOf(r.get(3, String.class));
        LocalDate from = r.get(4, LocalDate.class);
        LocalDate to = r.get(5, LocalDate.class);
        return switch (kind) {
            case ROLLING_30 -> Period.rolling(30, to.minusDays(1)).label();
            case ROLLING_90 -> Period.rolling(90, to.minusDays(1)).label();
            case ROLLING_365 -> Period.rolling(365, to.minusDays(1)).label();
            case WEEK -> Period.week(from).label();
            case MONTH -> Period.month(YearMonth.from(from)).label();
            case QUARTER -> Period.quarter(from.getYear(), (from.getMonthValue() + 2) / 3).label();
            case YEAR -> Period.year(from.getYear()).label();
        };
    }

    private static LeaderboardTable table(String kind, long parent, String officerKind) {
        LeaderboardTable.Kind k = LeaderboardTable.Kind.valueOf(kind);
        return new LeaderboardTable(k, k == LeaderboardTable.Kind.FIELDS ? null : parent,
                officerKind.isEmpty() ? null : Officer.Kind.valueOf(officerKind));
    }

    private static Object[] key(LeaderboardTable table, Period period) {
        return new Object[]{table.kind().name(), table.parentId() == null ? 0L : table.parentId(),
                table.officerKind() == null ? "" : table.officerKind().name(), period.kind().name(), period.from(),
                period.to()};
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] all = new Object[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Object[] concat(Object[] a, Object[] b, Object[] c) {
        return concat(concat(a, b), c);
    }

    /** The last settings fingerprinted and their fingerprint (a pure function's last answer). */
    private record Fingerprinted(Object settings, String fingerprint) {
    }

    private static volatile Fingerprinted lastFingerprinted = new Fingerprinted(new Object(), "");

    /**
     * A fingerprint of the settings in force (a record's text holds every value). Every page asks for it and the
     * settings change a few times a year: the last answer is kept, since rendering the record's text and hashing it
     * cost more than a page served from memory. Of the scoring settings only those the figures depend on
     * ({@link #figureSettings}).
     */
    static String fingerprint(Object settings) {
        Fingerprinted last = lastFingerprinted;
        if (last.settings() == settings || last.settings().equals(settings)) {
            return last.fingerprint();
        }
        String fingerprint = digest(settings instanceof ScoringProperties p ? figureSettings(p) : settings);
        lastFingerprinted = new Fingerprinted(settings, fingerprint);
        return fingerprint;
    }

    /**
     * The scoring settings a stored table's figures depend on. Not the rating writer's, the cache's, the broad tables'
     * ({@link BroadLeagues}) or the concerns' thresholds: none of them moves a figure, and a fingerprint holding them
     * made every table of the country stale when an operator tuned one, or when a release added one (at 10 M
     * ratings, 7,209 tables: the five-minute job's half hour of the database, and each page viewed meanwhile
     * computed, 48 s for the country's offices).
     */
    static List<Object> figureSettings(ScoringProperties p) {
        return List.of(p.zone(), p.attribution(), p.identity(), p.antiGaming(), p.model(), p.fairness());
    }

    private static String digest(Object settings) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(settings.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
