package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.internal.ScoreCalculator.ClusterCell;
import vn.dancham.scoring.internal.ScoreCalculator.ComplaintCell;
import vn.dancham.scoring.internal.ScoreCalculator.Inputs;
import vn.dancham.scoring.internal.ScoreCalculator.RatingCell;
import vn.dancham.scoring.internal.ScoreCalculator.StageCell;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the calculator needs for many subjects of one type at once: the per-day aggregates (summed over the
 * period in SQL when time decay is off), complaint counts, names and league-table members.
 */
final class ScoreReader {

    /**
     * The offices a complaint is charged to (inside a query over {@code complaint c}): the office that held the
     * dossier when it was made (stored on the complaint), else the offices of the officers the handler named.
     */
    static final String CHARGED_OFFICES = """
            SELECT c.office_id WHERE c.office_id IS NOT NULL
            UNION
            SELECT nf.office_id FROM complaint_officer co JOIN officer nf ON nf.id = co.officer_id
            WHERE co.complaint_id = c.id AND c.office_id IS NULL""";

    /** A complaint that counts (inside a query over {@code complaint c}): confirmed, an accusation, not a test. */
    static final String COUNTED_COMPLAINT =
            "c.verdict = 'CONFIRMED' AND c.kind IN ('COMPLAINT', 'HARASSMENT') AND NOT c.test";

    /**
     * A complaint's subjects, like a rating's (rows {@code s (subject_type, subject_id)} joined to {@code complaint
     * c}): the officers the handler named, the office charged, its units, the dossier's field.
     */
    static final String COMPLAINT_SUBJECT_ROWS = """
            CROSS JOIN LATERAL (
                SELECT 'OFFICER' AS subject_type, co.officer_id AS subject_id
                FROM complaint_officer co WHERE co.complaint_id = c.id
                UNION
                SELECT 'OFFICE', o.office_id FROM (%1$s) o (office_id)
                UNION
                SELECT 'UNIT', ou.unit_id FROM office_unit ou WHERE ou.office_id IN (%1$s)
                UNION
                SELECT 'FIELD', p.field_id FROM dossier d JOIN procedure p ON p.id = d.procedure_id
                WHERE d.id = c.dossier_id
            ) s
            """.formatted(CHARGED_OFFICES);

    /**
     * Each counted complaint's subjects per day. Pending and unfounded complaints count for nobody; a confirmed one
     * counts on the day it was made.
     */
    private static final String COMPLAINT_SUBJECTS = """
            SELECT s.subject_id, (c.created_at AT TIME ZONE ?)::date AS day, c.kind, count(*) AS n
            FROM complaint c
            %s
            WHERE %s
              AND c.created_at >= ?::timestamptz AND c.created_at < ?::timestamptz
              AND s.subject_type = ? %%s
            GROUP BY 1, 2, 3
            """.formatted(COMPLAINT_SUBJECT_ROWS, COUNTED_COMPLAINT);

    /**
     * {@link #COMPLAINT_SUBJECTS} for officers, read from the officers' side: an officer's subjects are exactly the
     * officers the handler named ({@code complaint_officer}, one row per complaint and officer), so a page about one
     * officer reads that officer's complaints by {@code complaint_officer_officer_idx} instead of working out every
     * subject of every confirmed complaint of the period and keeping the officer's (issue 16: 0.45 ms against 8.9 ms,
     * planning included, for one officer at 500 k ratings and 1,000 complaints; it grew with the province's
     * complaints). Same rows, same counts.
     */
    private static final String COMPLAINT_OFFICERS = """
            SELECT co.officer_id, (c.created_at AT TIME ZONE ?)::date AS day, c.kind, count(*) AS n
            FROM complaint c
            JOIN complaint_officer co ON co.complaint_id = c.id
            WHERE %s
              AND c.created_at >= ?::timestamptz AND c.created_at < ?::timestamptz %%s
            GROUP BY 1, 2, 3
            """.formatted(COUNTED_COMPLAINT);

    /**
     * Stages still open at {@code asOf} (the period's end, or now if sooner) although due more than the grace
     * period before it, per subject, like a finished stage's subjects. Holding overdue work must not cost less
     * than finishing it late, so these count as late stages of the period. A withdrawn dossier's stages do not
     * count, nor those of a dossier waiting for the citizen to supplement it (its legal clock is stopped; the
     * status is today's, an approximation for past periods).
     */
    private static final String OVERDUE_OPEN_STAGES = """
            SELECT s.subject_id, count(*) AS n
            """ + Aggregates.STAGE_SUBJECTS + """
            WHERE st.started_at < ?::timestamptz AND (st.finished_at IS NULL OR st.finished_at >= ?::timestamptz)
              AND st.due_at + ?::interval < ?::timestamptz
              AND (st.finished_at IS NULL OR st.finished_at > st.due_at)
              AND d.status NOT IN ('WITHDRAWN', 'SUPPLEMENT_REQUESTED')
              AND s.subject_type = ? %s
            GROUP BY 1
            """;
    // The line "finished_at IS NULL OR finished_at > due_at" follows from the two before it (the grace is never
    // negative); it is written out so that the planner may read the stages from dossier_stage_overdue_idx (V185)
    // instead of every stage ever recorded.

    /**
     * The stages a page about given subjects can count (inside {@link #OVERDUE_OPEN_STAGES}, bound to the ids), so
     * that a page about one officer reads that officer's stages, not every stage before the subject filter.
     */
    private static String stagesOf(Subject.Type type, boolean throughOffices) {
        // One bind (the ids) for every type.
        return switch (type) {
            case OFFICER -> "AND st.officer_id = ANY(?::bigint[])";
            case OFFICE -> "AND st.office_id = ANY(?::bigint[])";
            case UNIT -> throughOffices ? "AND st.office_id = ANY(" + UNIT_OFFICES + ")"
                    : "AND st.office_id IN (SELECT office_id FROM office_unit WHERE unit_id = ANY(?::bigint[]))";
            case FIELD -> "AND p.field_id = ANY(?::bigint[])";
        };
    }

    /**
     * The counted ratings of the satisfaction interval, read from the rating rows: per call (the cluster: a call
     * without an id, a web or imported answer, is its own) and caller identity, a_c = Σ (value − 1) and m_c =
     * answers, summed as Σa_c², Σa_c·m_c, Σm_c² (docs/scoring.md §5, "why at read time"). The day is the local day
     * of the answer when time decay is on, else one bound day for the whole period.
     */
    private static final String CLUSTER_SUMS = """
            SELECT subject_id, day, identity, sum(a * a), sum(a * m), sum(m * m)
            FROM (SELECT x.subject_id, %1$s AS day, r.identity, coalesce(r.call_id, -r.id) AS cluster,
                         sum(r.value - 1)::bigint AS a, count(*) AS m
                  FROM (%2$s) x (subject_id, rating_id)
                  %3$s
                  GROUP BY 1, 2, 3, 4) c
            GROUP BY 1, 2, 3
            """;

    /**
     * {@link #CLUSTER_SUMS} and {@link #DISTINCT_RATINGS} of the same subjects and period from one read of their
     * ratings, for a league table computed on its own (its members' inputs and its pool): the rows are read once
     * (by key, from the subjects' targets of the period) and aggregated twice, per call and subject for the sums
     * ({@code pool} false), each rating once for the pool ({@code pool} true). Two statements read every rating
     * twice: at 10 million ratings an office's year took 571 and 459 ms, almost all of it fetching the same pages
     * (bench/results/2026-12-05-one-read-per-period-10m.md). Only for subjects read through their targets
     * ({@link #onTargets}): fields' and large units' rows are the period's ratings, too many to hold at once.
     */
    private static final String CLUSTER_SUMS_AND_POOL = """
            WITH counted AS MATERIALIZED (
                SELECT x.subject_id, %1$s AS day, r.id, r.criterion, r.identity, r.value,
                       coalesce(r.call_id, -r.id) AS cluster
                FROM (%2$s) x (subject_id, rating_id)
                %3$s)
            SELECT false AS pool, subject_id, day, NULL AS criterion, identity,
                   sum(a * a), sum(a * m), sum(m * m), NULL::bigint, NULL::bigint
            FROM (SELECT subject_id, day, identity, cluster, sum(value - 1)::bigint AS a, count(*) AS m
                  FROM counted GROUP BY 1, 2, 3, 4) c
            GROUP BY 2, 3, 5
            UNION ALL
            SELECT true, NULL, day, criterion, identity,
                   count(*) FILTER (WHERE value = 1), count(*) FILTER (WHERE value = 2),
                   count(*) FILTER (WHERE value = 3), count(*) FILTER (WHERE value = 4),
                   count(*) FILTER (WHERE value = 5)
            FROM (SELECT DISTINCT id, day, criterion, identity, value FROM counted) d
            GROUP BY 3, 4, 5
            """;

    /**
     * Every counted rating of a league table's members once, however many members it names (a timeliness answer
     * about several late stages counts once in the table's mean, not once per officer), as cells like the
     * aggregates'.
     */
    private static final String DISTINCT_RATINGS = """
            SELECT %1$s AS day, r.criterion, r.identity,
                   count(*) FILTER (WHERE r.value = 1), count(*) FILTER (WHERE r.value = 2),
                   count(*) FILTER (WHERE r.value = 3), count(*) FILTER (WHERE r.value = 4),
                   count(*) FILTER (WHERE r.value = 5)
            FROM %2$s
            GROUP BY 1, 2, 3
            """;

    /**
     * {@link #DISTINCT_RATINGS} for many league tables in one read (the nightly preparation): each table is a
     * number bound with its members ({@code unnest} of two arrays), and a rating counts once per table that has
     * any of its subjects, as the one-table query counts it once. The subjects are those of every subject of the
     * type with a counted rating in the period, the same rows the unfiltered snapshot read starts from.
     */
    private static final String DISTINCT_RATINGS_PER_TABLE = """
            SELECT r.table_no, %1$s AS day, r.criterion, r.identity,
                   count(*) FILTER (WHERE r.value = 1), count(*) FILTER (WHERE r.value = 2),
                   count(*) FILTER (WHERE r.value = 3), count(*) FILTER (WHERE r.value = 4),
                   count(*) FILTER (WHERE r.value = 5)
            FROM (SELECT DISTINCT m.table_no, x.id, x.given_at, x.criterion, x.identity, x.value
                  FROM (%2$s) x
                  JOIN unnest(?::bigint[], ?::int[]) m (subject_id, table_no) ON m.subject_id = x.subject_id) r
            GROUP BY 1, 2, 3, 4
            """;

    /**
     * The offices of the units bound, as an array the statement computes once before anything else (an InitPlan).
     * Why: {@code office_unit} is a view over the units' levels, and the planner cannot tell how many offices a
     * unit has; joined to the targets, it assumed every office and read every target of the period's ratings. At
     * 10 million ratings four units' week took 3.4 s that way and 0.9 s with the array, their overdue stages
     * 0.87 s and 15 ms (EXPLAIN ANALYZE, bench/results/2026-12-05-stale-refresh-10m.md). Only for
     * units with few offices ({@link #FEW_OFFICES}): before V268 the array's offices were read through every target
     * they ever had, and for a province's 1,000 that was every target (the nightly refresh of three late answers went
     * from 25-34 s to 81-92 s with it). Since V268 they are read through their targets of the period.
     */
    private static final String UNIT_OFFICES =
            "ARRAY(SELECT office_id FROM office_unit WHERE unit_id = ANY(?::bigint[]))";

    /**
     * Up to this many offices, units are read through their offices' targets ({@link #UNIT_OFFICES}); beyond, from
     * the period's ratings. Set before V268, when an office's read took its targets of all time: at 10 million
     * ratings about 10,000 a year, against about 190,000 ratings in a week, so the two should have cost about the
     * same near 20 offices (reasoned from those counts; measured only at 1 office, a district, and 1,000, the
     * province). Since V268 the offices' read takes their targets of the period only, so the crossover lies higher;
     * not measured, so unchanged.
     */
    static final int FEW_OFFICES = 20;

    /** Whether these subjects are units to be read through their offices ({@link #FEW_OFFICES}). */
    private boolean throughOffices(Subject.Type type, Collection<Long> ids) {
        return type == Subject.Type.UNIT && dsl.fetchSingle(
                "SELECT count(DISTINCT office_id) FROM office_unit WHERE unit_id = ANY(?::bigint[])",
                (Object) ids.toArray(Long[]::new)).get(0, Integer.class) <= FEW_OFFICES;
    }

    /** The binds of {@link #ratingsOf}: the ids, twice for units read through their offices. */
    private static Object[] ratingsOfBinds(Collection<Long> ids, boolean throughOffices) {
        Long[] array = ids.toArray(Long[]::new);
        return throughOffices ? new Object[] {array, array} : new Object[] {array};
    }

    /**
     * (subject id, rating id) of a period's ratings (bound: its start and end) that given subjects of this type count
     * (bound after the period): the same subjects as the aggregates' ({@link Aggregates}' rating contributions).
     * Officers, offices and units with few offices: their targets of the period, from the indexes on
     * {@code rating_target} (the subject, then the time: V268), whatever the rating's status (the statement around
     * keeps the counted ones, {@link #COUNTED_BY_KEY}). Fields and units with many offices: the period's counted
     * ratings. Reads of every subject of a type (snapshots, concern checks, the nightly league preparation) join the
     * period's ratings and their targets as whole sets instead ({@link #rangeRatingsOf}): before issue 16 they looked
     * each rating's targets up by key, 14 s for one week of officers at 10 million ratings, as long as the whole
     * sets, and most of an hour for a year.
     */
    private static String ratingsOf(Subject.Type type, boolean throughOffices) {
        if (onTargets(type, throughOffices)) {
            // The subjects' targets of the period only (V268: their indexes lead with the subject, then the time);
            // whether each rating counts is left to the statement around, which reads each rating by key.
            String targets = " FROM rating_target t%s WHERE t.given_at >= ?::timestamptz"
                    + " AND t.given_at < ?::timestamptz";
            return switch (type) {
                case OFFICER -> "SELECT DISTINCT t.officer_id, t.rating_id" + targets.formatted("")
                        + " AND t.officer_id IS NOT NULL AND t.officer_id = ANY(?::bigint[])";
                case OFFICE -> "SELECT DISTINCT t.office_id, t.rating_id" + targets.formatted("")
                        + " AND t.office_id = ANY(?::bigint[])";
                default -> "SELECT DISTINCT ou.unit_id, t.rating_id"
                        + targets.formatted(" JOIN office_unit ou ON ou.office_id = t.office_id")
                        + " AND t.office_id = ANY(" + UNIT_OFFICES + ") AND ou.unit_id = ANY(?::bigint[])";
            };
        }
        String counted = " FROM rating r0 %s WHERE r0.status = 'COUNTED' AND r0.given_at >= ?::timestamptz"
                + " AND r0.given_at < ?::timestamptz";
        return switch (type) {
            case UNIT -> "SELECT DISTINCT ou.unit_id, t.rating_id" + counted.formatted(
                    "JOIN rating_target t ON t.rating_id = r0.id JOIN office_unit ou ON ou.office_id = t.office_id")
                    + " AND ou.unit_id = ANY(?::bigint[])";
            case FIELD -> "SELECT p.field_id, r0.id" + counted.formatted(
                    "JOIN dossier d ON d.id = r0.dossier_id JOIN procedure p ON p.id = d.procedure_id")
                    + " AND p.field_id = ANY(?::bigint[])";
            default -> throw new IllegalArgumentException(type + " is read through its targets");
        };
    }

    /**
     * Whether {@link #ratingsOf} reads these subjects' targets of the period (officers, offices, units through their
     * offices) rather than the period's ratings (fields, units with many offices).
     */
    private static boolean onTargets(Subject.Type type, boolean throughOffices) {
        return type == Subject.Type.OFFICER || type == Subject.Type.OFFICE
                || type == Subject.Type.UNIT && throughOffices;
    }

    /**
     * The counted ratings of {@link #ratingsOf}'s pairs ({@code x}) as {@code r}, each by key in a subquery the
     * planner keeps as it is, when {@code x} holds the subjects' targets of the period: joined as a set, the planner
     * could start from every counted rating of the period or scan the table (it did in BoundedFactsIT's small
     * tables), whatever the targets held.
     */
    private static final String COUNTED_BY_KEY =
            "CROSS JOIN LATERAL (SELECT * FROM rating r WHERE r.id = x.rating_id AND r.status = 'COUNTED' OFFSET 0) r";

    /**
     * The period repeated on the joined ratings when {@code x} holds the period's ratings: its binds come after x's in
     * {@link #CLUSTER_SUMS}, before them in {@link #DISTINCT_RATINGS}.
     */
    private static final String COUNTED_IN_PERIOD =
            "r.status = 'COUNTED' AND r.given_at >= ?::timestamptz AND r.given_at < ?::timestamptz";

    /** {@code %3$s} of {@link #CLUSTER_SUMS}: its ratings joined to {@link #ratingsOf}'s pairs. */
    private static String ratingsJoined(Subject.Type type, boolean throughOffices) {
        return onTargets(type, throughOffices) ? COUNTED_BY_KEY
                : "JOIN rating r ON r.id = x.rating_id WHERE " + COUNTED_IN_PERIOD;
    }

    /** {@code %2$s} of {@link #DISTINCT_RATINGS}: each counted rating of {@link #ratingsOf}'s pairs once. */
    private static String distinctRatingsOf(Subject.Type type, boolean throughOffices) {
        String x = "(" + ratingsOf(type, throughOffices) + ") x (subject_id, rating_id)";
        return onTargets(type, throughOffices) ? "(SELECT DISTINCT x.rating_id FROM " + x + ") x " + COUNTED_BY_KEY
                : "rating r WHERE " + COUNTED_IN_PERIOD + " AND r.id IN (SELECT x.rating_id FROM " + x + ")";
    }

    private final DSLContext dsl;
    private final ZoneId zone;
    private final boolean decay;
    private final Duration grace;
    private final Clock clock;

    ScoreReader(DSLContext dsl, ScoringProperties properties, Clock clock) {
        this.dsl = dsl;
        this.zone = properties.zone();
        this.decay = !properties.model().halfLife().isZero() && !properties.model().halfLife().isNegative();
        this.grace = properties.fairness().lateGrace();
        this.clock = clock;
    }

    /** The instant a period's open stages and dossiers are judged at: its end, or now when that comes first. */
    OffsetDateTime asOf(Period period) {
        OffsetDateTime end = start(period.to());
        OffsetDateTime now = clock.instant().atZone(zone).toOffsetDateTime();
        return now.isBefore(end) ? now : end;
    }

    /** The late grace as a PostgreSQL interval literal. */
    String graceInterval() {
        return grace.toSeconds() + " seconds";
    }

    /**
     * Inputs per subject id for the given ids, or for every subject of the type with data in the period when
     * {@code ids} is null.
     */
    Map<Long, Inputs> load(Subject.Type type, Collection<Long> ids, Period period) {
        return load(type, ids, period, null);
    }

    /** A league table's members' inputs in a period and its pool's ratings ({@link #distinctRatings}). */
    record TableRead(Map<Long, Inputs> inputs, List<RatingCell> pool) {
    }

    /**
     * {@link #load} of a table's members with {@link #distinctRatings} of them: for members read through their
     * targets, from one read of their ratings ({@link #CLUSTER_SUMS_AND_POOL}).
     */
    TableRead loadTable(Subject.Type type, Collection<Long> members, Period period) {
        List<RatingCell> pool = new ArrayList<>();
        return new TableRead(load(type, members, period, pool), pool);
    }

    /** {@link #load}, adding to {@code pool} (when not null) the distinct ratings of the subjects given. */
    private Map<Long, Inputs> load(Subject.Type type, Collection<Long> ids, Period period, List<RatingCell> pool) {
        Map<Long, List<RatingCell>> ratings = new HashMap<>();
        Map<Long, List<StageCell>> stages = new HashMap<>();
        Map<Long, List<ComplaintCell>> complaints = new HashMap<>();
        List<Object> bind = new ArrayList<>(List.of(type.name(), period.from(), period.to()));
        String filter = "";
        if (ids != null) {
            if (ids.isEmpty()) {
                return Map.of();
            }
            filter = " AND subject_id = ANY(?::bigint[])";
            bind.add(ids.toArray(Long[]::new));
        }
        boolean viaOffices = ids != null && throughOffices(type, ids);
        if (decay) {
            // Decay weighs each day: read the daily rows.
            for (Record r : dsl.fetch("SELECT subject_id, day, criterion, identity, sum(n1), sum(n2), sum(n3), "
                    + "sum(n4), sum(n5) FROM rating_daily WHERE subject_type = ? AND day >= ?::date AND day < ?::date"
                    + filter + " GROUP BY 1, 2, 3, 4", bind.toArray())) {
                addRating(ratings, r);
            }
            for (Record r : dsl.fetch("SELECT subject_id, day, sum(finished), sum(late) FROM stage_daily "
                    + "WHERE subject_type = ? AND day >= ?::date AND day < ?::date" + filter + " GROUP BY 1, 2",
                    bind.toArray())) {
                addStage(stages, r);
            }
        } else {
            // Whole months from the monthly roll-ups, the partial months at the edges from the daily rows.
            LocalDate firstMonth = period.from().getDayOfMonth() == 1 ? period.from()
                    : period.from().withDayOfMonth(1).plusMonths(1);
            LocalDate endMonth = period.to().withDayOfMonth(1);
            if (!firstMonth.isBefore(endMonth)) {
                firstMonth = period.to();
                endMonth = period.to();
            }
            List<Object> split = new ArrayList<>();
            split.add(period.lastDay());
            split.addAll(List.of(type.name(), period.from(), firstMonth, endMonth, period.to()));
            if (ids != null) {
                split.add(ids.toArray(Long[]::new));
            }
            split.addAll(List.of(type.name(), firstMonth, endMonth));
            if (ids != null) {
                split.add(ids.toArray(Long[]::new));
            }
            String daily = " WHERE subject_type = ? AND ((day >= ?::date AND day < ?::date) OR (day >= ?::date AND "
                    + "day < ?::date))" + filter;
            String monthly = " WHERE subject_type = ? AND month >= ?::date AND month < ?::date" + filter;
            for (Record r : dsl.fetch("SELECT subject_id, ?::date, criterion, identity, sum(n1), sum(n2), sum(n3), "
                    + "sum(n4), sum(n5) FROM (SELECT subject_id, criterion, identity, n1, n2, n3, n4, n5 "
                    + "FROM rating_daily" + daily + " UNION ALL SELECT subject_id, criterion, identity, n1, n2, n3, "
                    + "n4, n5 FROM rating_monthly" + monthly + ") x GROUP BY 1, 2, 3, 4", split.toArray())) {
                addRating(ratings, r);
            }
            for (Record r : dsl.fetch("SELECT subject_id, ?::date, sum(finished), sum(late) FROM (SELECT subject_id, "
                    + "finished, late FROM stage_daily" + daily + " UNION ALL SELECT subject_id, finished, late "
                    + "FROM stage_monthly" + monthly + ") x GROUP BY 1, 2", split.toArray())) {
                addStage(stages, r);
            }
        }
        Map<Long, List<ClusterCell>> clusters = new HashMap<>();
        List<Object> clusterBind = new ArrayList<>();
        clusterBind.add(decay ? zone.getId() : period.lastDay());
        clusterBind.addAll(List.of(start(period.from()), start(period.to())));
        String clusterSql;
        boolean withPool = pool != null && ids != null && onTargets(type, viaOffices);
        if (withPool) {
            clusterBind.addAll(List.of(ratingsOfBinds(ids, viaOffices)));
            for (Record r : dsl.fetch(CLUSTER_SUMS_AND_POOL.formatted(dayOf(), ratingsOf(type, viaOffices),
                    ratingsJoined(type, viaOffices)), clusterBind.toArray())) {
                if (r.get(0, Boolean.class)) {
                    pool.add(new RatingCell(r.get(2, LocalDate.class), r.get(3, String.class),
                            r.get(4, String.class), r.get(5, Integer.class), r.get(6, Integer.class),
                            r.get(7, Integer.class), r.get(8, Integer.class), r.get(9, Integer.class)));
                } else {
                    clusters.computeIfAbsent(r.get(1, Long.class), k -> new ArrayList<>()).add(new ClusterCell(
                            r.get(2, LocalDate.class), r.get(4, String.class), r.get(5, Long.class),
                            r.get(6, Long.class), r.get(7, Long.class)));
                }
            }
            clusterSql = null;
        } else if (ids != null) {
            if (pool != null) {
                pool.addAll(distinctRatings(type, ids, period));
            }
            clusterBind.addAll(List.of(ratingsOfBinds(ids, viaOffices)));
            if (!onTargets(type, viaOffices)) {
                clusterBind.addAll(List.of(start(period.from()), start(period.to())));
            }
            clusterSql = CLUSTER_SUMS.formatted(dayOf(), ratingsOf(type, viaOffices),
                    ratingsJoined(type, viaOffices));
        } else {
            // Every subject: the period's ratings and their targets as whole sets (as for many periods).
            clusterSql = CLUSTER_SUMS_OF_RANGE.formatted(decay ? "(x.given_at AT TIME ZONE ?)::date" : "?::date",
                    rangeRatingsOf(type, true));
        }
        for (Record r : clusterSql == null ? List.<Record>of() : dsl.fetch(clusterSql, clusterBind.toArray())) {
            clusters.computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>()).add(new ClusterCell(
                    r.get(1, LocalDate.class), r.get(2, String.class), r.get(3, Long.class), r.get(4, Long.class),
                    r.get(5, Long.class)));
        }
        OffsetDateTime asOf = asOf(period);
        List<Object> overdueBind = new ArrayList<>(List.of(asOf, asOf, graceInterval(), asOf, type.name()));
        if (ids != null) {
            overdueBind.add(ids.toArray(Long[]::new));
            overdueBind.add(ids.toArray(Long[]::new));
        }
        for (Record r : dsl.fetch(OVERDUE_OPEN_STAGES.formatted(ids != null
                        ? stagesOf(type, viaOffices) + " AND s.subject_id = ANY(?::bigint[])" : ""),
                overdueBind.toArray())) {
            int n = r.get(1, Integer.class);
            // Judged late on the period's last day: counted in the stages and among the late ones.
            stages.computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>())
                    .add(new StageCell(period.lastDay(), n, n));
        }
        List<Object> complaintBind = new ArrayList<>(List.of(zone.getId(), start(period.from()), start(period.to())));
        String complaintSql;
        if (type == Subject.Type.OFFICER) {
            complaintSql = COMPLAINT_OFFICERS.formatted(ids != null ? "AND co.officer_id = ANY(?::bigint[])" : "");
        } else {
            complaintBind.add(type.name());
            complaintSql = COMPLAINT_SUBJECTS.formatted(ids != null ? "AND s.subject_id = ANY(?::bigint[])" : "");
        }
        if (ids != null) {
            complaintBind.add(ids.toArray(Long[]::new));
        }
        for (Record r : dsl.fetch(complaintSql, complaintBind.toArray())) {
            complaints.computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>()).add(new ComplaintCell(
                    r.get(1, LocalDate.class), r.get(2, String.class), r.get(3, Integer.class)));
        }
        Set<Long> all = new LinkedHashSet<>();
        if (ids != null) {
            all.addAll(ids);
        }
        all.addAll(ratings.keySet());
        all.addAll(stages.keySet());
        all.addAll(complaints.keySet());
        Map<Long, Inputs> result = new HashMap<>();
        for (Long id : all) {
            result.put(id, new Inputs(ratings.getOrDefault(id, List.of()), stages.getOrDefault(id, List.of()),
                    complaints.getOrDefault(id, List.of()), clusters.getOrDefault(id, List.of())));
        }
        return result;
    }

    /**
     * The satisfaction interval's per-call sums ({@link #CLUSTER_SUMS}) of every subject of a type over a range of
     * many periods, in one pass: each counted rating of the range once per subject it counts for (the aggregates'
     * subjects, as {@link #ratingsOf}), grouped by the period it falls in ({@code %1$s}: the answer's local day
     * when time decay is on, else the last day of its week or month). The ratings' targets are joined as whole
     * sets (the planner hashes them): a key lookup per rating, right for one week, cost most of an hour for a
     * year at 10 million ratings (issue 16).
     */
    private static final String CLUSTER_SUMS_OF_RANGE = """
            SELECT subject_id, day, identity, sum(a * a), sum(a * m), sum(m * m)
            FROM (SELECT x.subject_id, %1$s AS day, x.identity, x.cluster, sum(x.value - 1)::bigint AS a,
                         count(*) AS m
                  FROM (%2$s) x
                  GROUP BY 1, 2, 3, 4) c
            GROUP BY 1, 2, 3
            """;

    /**
     * (subject id, rating id, given at, identity, cluster, value, criterion) of a range's counted ratings (bound:
     * its start and end) that subjects of this type count, each pair once when {@code distinct} (else a rating
     * named twice for one subject, by two targets, comes twice: for callers that make pairs distinct themselves).
     */
    private static String rangeRatingsOf(Subject.Type type, boolean distinct) {
        String columns = " r.id, r.given_at, r.identity, coalesce(r.call_id, -r.id) AS cluster, r.value, r.criterion"
                + " FROM rating r ";
        String counted = " WHERE r.status = 'COUNTED' AND r.given_at >= ?::timestamptz AND r.given_at < ?::timestamptz";
        String select = distinct ? "SELECT DISTINCT " : "SELECT ";
        return switch (type) {
            case OFFICER -> select + "t.officer_id AS subject_id," + columns
                    + "JOIN rating_target t ON t.rating_id = r.id" + counted + " AND t.officer_id IS NOT NULL";
            case OFFICE -> select + "t.office_id AS subject_id," + columns
                    + "JOIN rating_target t ON t.rating_id = r.id" + counted;
            case UNIT -> select + "ou.unit_id AS subject_id," + columns
                    + "JOIN rating_target t ON t.rating_id = r.id JOIN office_unit ou ON ou.office_id = t.office_id"
                    + counted;
            // A rating has one dossier, so one field: nothing to make distinct.
            case FIELD -> "SELECT p.field_id AS subject_id," + columns
                    + "JOIN dossier d ON d.id = r.dossier_id JOIN procedure p ON p.id = d.procedure_id" + counted;
        };
    }

    /**
     * {@link #OVERDUE_OPEN_STAGES} judged at many instants in one pass (the ends of many periods, bound as an
     * array; each row is numbered by its instant's position): the stages that can be overdue are read once, not
     * once per period.
     */
    private static final String OVERDUE_OPEN_STAGES_AT = """
            SELECT s.subject_id, a.n, count(*) AS n
            """ + Aggregates.STAGE_SUBJECTS + """
            JOIN unnest(?::timestamptz[]) WITH ORDINALITY a (as_of, n)
              ON st.started_at < a.as_of AND (st.finished_at IS NULL OR st.finished_at >= a.as_of)
             AND st.due_at + ?::interval < a.as_of
            WHERE (st.finished_at IS NULL OR st.finished_at > st.due_at)
              AND st.due_at + ?::interval < ?::timestamptz
              AND d.status NOT IN ('WITHDRAWN', 'SUPPLEMENT_REQUESTED')
              AND s.subject_type = ?
            GROUP BY 1, 2
            """;

    /** The last day of the week or month (the kind of the periods) a date expression falls in, as SQL. */
    private static String periodEnd(Period.Kind kind, String day) {
        return switch (kind) {
            case WEEK -> "(date_trunc('week', (" + day + ")::timestamp)::date + 6)";
            case MONTH -> "((date_trunc('month', (" + day + ")::timestamp) + interval '1 month')::date - 1)";
            default -> throw new IllegalArgumentException("Many periods at once are weeks or months: " + kind);
        };
    }

    /** The week or month (the kind of the periods) a day is in. */
    private static Period periodOf(Period.Kind kind, LocalDate day) {
        return kind == Period.Kind.WEEK ? Period.week(day) : Period.month(java.time.YearMonth.from(day));
    }

    /**
     * {@link #load} for every subject of the type ({@code ids} null) in each of many weeks or many months, with a
     * handful of statements for all of them instead of five per period: the same rows, the same cells, so the
     * calculator computes the same figures ({@code ScoresIT} compares both ways). The periods are of one kind,
     * WEEK or MONTH, in order; they need not touch each other (what lies between is read and left).
     */
    Map<Period, Map<Long, Inputs>> loadPeriods(Subject.Type type, List<Period> periods) {
        if (periods.isEmpty()) {
            return Map.of();
        }
        Period.Kind kind = periods.getFirst().kind();
        LocalDate from = periods.getFirst().from();
        LocalDate to = periods.getLast().to();
        for (Period p : periods) {
            if (p.kind() != kind || (kind != Period.Kind.WEEK && kind != Period.Kind.MONTH)) {
                throw new IllegalArgumentException("Many periods at once are all weeks or all months: " + periods);
            }
        }
        Map<Period, Map<Long, List<RatingCell>>> ratings = new HashMap<>();
        Map<Period, Map<Long, List<StageCell>>> stages = new HashMap<>();
        Map<Period, Map<Long, List<ComplaintCell>>> complaints = new HashMap<>();
        Map<Period, Map<Long, List<ClusterCell>>> clusters = new HashMap<>();
        // The aggregates: as load() reads them, daily rows (summed per week when decay is off) or, for months
        // without decay, the monthly roll-ups.
        boolean monthly = !decay && kind == Period.Kind.MONTH;
        String ratingDay = decay ? "day" : monthly ? periodEnd(kind, "month") : periodEnd(kind, "day");
        String ratingTable = monthly ? "rating_monthly" : "rating_daily";
        String stageTable = monthly ? "stage_monthly" : "stage_daily";
        String range = monthly ? " WHERE subject_type = ? AND month >= ?::date AND month < ?::date"
                : " WHERE subject_type = ? AND day >= ?::date AND day < ?::date";
        for (Record r : dsl.fetch("SELECT subject_id, " + ratingDay + ", criterion, identity, sum(n1), sum(n2), "
                + "sum(n3), sum(n4), sum(n5) FROM " + ratingTable + range + " GROUP BY 1, 2, 3, 4",
                type.name(), from, to)) {
            addRating(ratings.computeIfAbsent(periodOf(kind, r.get(1, LocalDate.class)), k -> new HashMap<>()), r);
        }
        for (Record r : dsl.fetch("SELECT subject_id, " + ratingDay + ", sum(finished), sum(late) FROM "
                + stageTable + range + " GROUP BY 1, 2", type.name(), from, to)) {
            addStage(stages.computeIfAbsent(periodOf(kind, r.get(1, LocalDate.class)), k -> new HashMap<>()), r);
        }
        String localDay = "(x.given_at AT TIME ZONE ?)::date";
        for (Record r : dsl.fetch(CLUSTER_SUMS_OF_RANGE.formatted(decay ? localDay : periodEnd(kind, localDay),
                rangeRatingsOf(type, true)), zone.getId(), start(from), start(to))) {
            LocalDate day = r.get(1, LocalDate.class);
            clusters.computeIfAbsent(periodOf(kind, day), k -> new HashMap<>())
                    .computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>()).add(new ClusterCell(
                            day, r.get(2, String.class), r.get(3, Long.class), r.get(4, Long.class),
                            r.get(5, Long.class)));
        }
        // Overdue open stages judged at each period's end (or now), as load() judges them, after the aggregates'.
        String[] asOf = periods.stream().map(p -> asOf(p).toString()).toArray(String[]::new);
        OffsetDateTime latest = periods.stream().map(this::asOf).max(OffsetDateTime::compareTo).orElseThrow();
        for (Record r : dsl.fetch(OVERDUE_OPEN_STAGES_AT, asOf, graceInterval(), graceInterval(), latest,
                type.name())) {
            Period period = periods.get(r.get(1, Integer.class) - 1);
            int n = r.get(2, Integer.class);
            stages.computeIfAbsent(period, k -> new HashMap<>())
                    .computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>())
                    .add(new StageCell(period.lastDay(), n, n));
        }
        List<Object> complaintBind = new ArrayList<>(List.of(zone.getId(), start(from), start(to)));
        String complaintSql;
        if (type == Subject.Type.OFFICER) {
            complaintSql = COMPLAINT_OFFICERS.formatted("");
        } else {
            complaintBind.add(type.name());
            complaintSql = COMPLAINT_SUBJECTS.formatted("");
        }
        for (Record r : dsl.fetch(complaintSql, complaintBind.toArray())) {
            LocalDate day = r.get(1, LocalDate.class);
            complaints.computeIfAbsent(periodOf(kind, day), k -> new HashMap<>())
                    .computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>())
                    .add(new ComplaintCell(day, r.get(2, String.class), r.get(3, Integer.class)));
        }
        Map<Period, Map<Long, Inputs>> result = new HashMap<>();
        for (Period period : periods) {
            Map<Long, List<RatingCell>> pr = ratings.getOrDefault(period, Map.of());
            Map<Long, List<StageCell>> ps = stages.getOrDefault(period, Map.of());
            Map<Long, List<ComplaintCell>> pc = complaints.getOrDefault(period, Map.of());
            Map<Long, List<ClusterCell>> pk = clusters.getOrDefault(period, Map.of());
            Set<Long> all = new LinkedHashSet<>(pr.keySet());
            all.addAll(ps.keySet());
            all.addAll(pc.keySet());
            Map<Long, Inputs> inputs = new HashMap<>();
            for (Long id : all) {
                inputs.put(id, new Inputs(pr.getOrDefault(id, List.of()), ps.getOrDefault(id, List.of()),
                        pc.getOrDefault(id, List.of()), pk.getOrDefault(id, List.of())));
            }
            result.put(period, inputs);
        }
        return result;
    }

    /** The answer's day when decay weighs days, else the period's bound day. */
    private String dayOf() {
        return decay ? "(r.given_at AT TIME ZONE ?)::date" : "?::date";
    }

    /** The counted ratings of any of these subjects in the period, each once (a league table's pool). */
    List<RatingCell> distinctRatings(Subject.Type type, Collection<Long> ids, Period period) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<RatingCell> cells = new ArrayList<>();
        boolean viaOffices = throughOffices(type, ids);
        List<Object> bind = new ArrayList<>();
        bind.add(decay ? zone.getId() : period.lastDay());
        if (!onTargets(type, viaOffices)) {
            bind.addAll(List.of(start(period.from()), start(period.to())));
        }
        bind.addAll(List.of(start(period.from()), start(period.to())));
        bind.addAll(List.of(ratingsOfBinds(ids, viaOffices)));
        for (Record r : dsl.fetch(DISTINCT_RATINGS.formatted(dayOf(), distinctRatingsOf(type, viaOffices)),
                bind.toArray())) {
            cells.add(new RatingCell(r.get(0, LocalDate.class), r.get(1, String.class), r.get(2, String.class),
                    r.get(3, Integer.class), r.get(4, Integer.class), r.get(5, Integer.class), r.get(6, Integer.class),
                    r.get(7, Integer.class)));
        }
        return cells;
    }

    /**
     * {@link #distinctRatings} of many tables at once, by their position in {@code tables} (each a list of
     * members): what each table's pool holds, from one pass over the period's ratings.
     */
    Map<Integer, List<RatingCell>> distinctRatingsPerTable(Subject.Type type, List<List<Long>> tables,
                                                           Period period) {
        List<Long> subjects = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            for (Long id : tables.get(i)) {
                subjects.add(id);
                numbers.add(i);
            }
        }
        Map<Integer, List<RatingCell>> cells = new HashMap<>();
        if (subjects.isEmpty()) {
            return cells;
        }
        for (Record r : dsl.fetch(DISTINCT_RATINGS_PER_TABLE.formatted(dayOf(), rangeRatingsOf(type, false)),
                decay ? zone.getId() : period.lastDay(), start(period.from()), start(period.to()),
                subjects.toArray(Long[]::new), numbers.toArray(Integer[]::new))) {
            cells.computeIfAbsent(r.get(0, Integer.class), k -> new ArrayList<>()).add(new RatingCell(
                    r.get(1, LocalDate.class), r.get(2, String.class), r.get(3, String.class),
                    r.get(4, Integer.class), r.get(5, Integer.class), r.get(6, Integer.class),
                    r.get(7, Integer.class), r.get(8, Integer.class)));
        }
        return cells;
    }

    private static void addRating(Map<Long, List<RatingCell>> ratings, Record r) {
        ratings.computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>()).add(new RatingCell(
                r.get(1, LocalDate.class), r.get(2, String.class), r.get(3, String.class), r.get(4, Integer.class),
                r.get(5, Integer.class), r.get(6, Integer.class), r.get(7, Integer.class), r.get(8, Integer.class)));
    }

    private static void addStage(Map<Long, List<StageCell>> stages, Record r) {
        stages.computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>()).add(new StageCell(
                r.get(1, LocalDate.class), r.get(2, Integer.class), r.get(3, Integer.class)));
    }

    Map<Long, String> names(Subject.Type type, Collection<Long> ids) {
        String table = switch (type) {
            case OFFICER -> "SELECT id, full_name FROM officer";
            case OFFICE -> "SELECT id, name FROM office";
            case UNIT -> "SELECT id, name FROM admin_unit";
            case FIELD -> "SELECT id, name FROM procedure_field";
        };
        Map<Long, String> names = new HashMap<>();
        dsl.fetch(table + " WHERE id = ANY(?::bigint[])", (Object) ids.toArray(Long[]::new))
                .forEach(r -> names.put(r.get(0, Long.class), r.get(1, String.class)));
        return names;
    }

    List<Long> members(LeaderboardTable table) {
        // An officer's kind as recorded or derived from the office: the view officer_work is its one definition.
        String kind = table.officerKind() == null ? ""
                : " AND EXISTS (SELECT 1 FROM officer_work w WHERE w.officer_id = f.id AND w.kind = ?)";
        String sql = switch (table.kind()) {
            case OFFICERS_IN_OFFICE -> "SELECT f.id FROM officer f WHERE f.office_id = ? AND f.active" + kind
                    + " ORDER BY f.id";
            case OFFICERS_IN_UNIT -> "SELECT f.id FROM officer f JOIN office_unit ou ON ou.office_id = f.office_id "
                    + "WHERE ou.unit_id = ? AND f.active" + kind + " ORDER BY f.id";
            case OFFICES_IN_UNIT -> "SELECT o.id FROM office o JOIN office_unit ou ON ou.office_id = o.id "
                    + "WHERE ou.unit_id = ? AND o.active ORDER BY o.id";
            case UNITS_IN_UNIT -> "SELECT id FROM admin_unit WHERE parent_id = ? ORDER BY id";
            case FIELDS -> "SELECT id FROM procedure_field ORDER BY id";
        };
        List<Object> bind = new ArrayList<>();
        if (table.parentId() != null) {
            bind.add(table.parentId());
        }
        if (table.officerKind() != null) {
            bind.add(table.officerKind().name());
        }
        return dsl.fetch(sql, bind.toArray()).getValues(0, Long.class);
    }

    OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }
}
