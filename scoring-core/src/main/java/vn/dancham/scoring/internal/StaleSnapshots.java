package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.StaleTrends;
import vn.dancham.scoring.Subject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trend snapshots a late change has made stale, per subject and period ({@code score_snapshot_stale_subject}):
 * a rating's, a stage's or a complaint's subjects (its officers, offices, their units, the dossier's field, as the
 * scores count them). A mark is made only when a snapshot of the period exists (nothing else can be stale), in the
 * caller's transaction, so it commits or rolls back with the change; {@link Maintenance#refreshStale()} takes the
 * marked snapshot rows again. Whole periods ({@code score_snapshot_stale}) were marked by verdicts before issue 16;
 * such marks left in a database are still taken.
 *
 * <p>Which periods a change touches: a rating's week and month (its local day); a stage's weeks and months from the
 * earlier of its due and finishing days to its finishing day (or today while it is open), since a finished stage
 * counts on its finishing day and an overdue one in every period whose end finds it open (§ 5b). Called with the
 * row before and after a change, the union is covered (a rating moved to another officer marks both).
 */
public final class StaleSnapshots implements StaleTrends {

    /**
     * The week and month of each local day {@code x.day} (of the rows of a subquery, {@code %s}), kept when a snapshot
     * of them exists and the period has ended before today: the nightly job snapshots the running and the previous week
     * and month anyway, so today's answers (the hotline's every call) mark nothing and lock no mark row.
     */
    private static final String PERIODS = """
            CROSS JOIN LATERAL (VALUES ('WEEK', date_trunc('week', x.day)::date, interval '1 week'),
                                       ('MONTH', date_trunc('month', x.day)::date, interval '1 month'))
                p (kind, start, length)
            WHERE p.start + p.length <= (now() AT TIME ZONE ?)::date
              AND EXISTS (SELECT 1 FROM score_snapshot s WHERE s.period_kind = p.kind AND s.period_start = p.start)
            """;

    /**
     * Marks subjects' periods from {@code (day, subject_type, subject_id)} rows, in key order: two writers marking
     * the same keys lock them in the same order and cannot deadlock on them.
     */
    private static final String MARK_SUBJECTS = """
            INSERT INTO score_snapshot_stale_subject (period_kind, period_start, subject_type, subject_id)
            SELECT DISTINCT p.kind, p.start, x.subject_type, x.subject_id
            FROM (%s) x (day, subject_type, subject_id)
            """ + PERIODS + """
            ORDER BY 1, 2, 3, 4
            ON CONFLICT (period_kind, period_start, subject_type, subject_id)
                DO UPDATE SET marked_at = clock_timestamp()
            """;

    private final DSLContext dsl;
    private final String zone;

    public StaleSnapshots(DSLContext dsl, ZoneId zone) {
        this.dsl = dsl;
        this.zone = zone.getId();
    }

    /**
     * The statement that marks, for each {@code (subject_type, subject_id, day)} of a CTE named {@code c} (the rating
     * contributions {@link Aggregates} applies), the subject's week and month: a CTE of that statement, so that the
     * subjects are worked out once for both (marking from the ratings again cost the rating writer about 0.05 ms per
     * superseded answer, issue 16). One bind: the zone.
     */
    String markSubjectsOfContributions() {
        return MARK_SUBJECTS.formatted("SELECT DISTINCT day, subject_type, subject_id FROM c");
    }

    String zone() {
        return zone;
    }

    /** The periods in which these stages count, finished or overdue and open, for their subjects. */
    void stages(Collection<Long> stageIds) {
        if (!stageIds.isEmpty()) {
            // Every local day of the stage's counting span (bounded by the dossier's life), per subject.
            dsl.execute(MARK_SUBJECTS.formatted("SELECT g.d::date, s.subject_type, s.subject_id "
                    + Aggregates.STAGE_SUBJECTS + """
                    CROSS JOIN LATERAL generate_series(
                        (least(st.due_at, coalesce(st.finished_at, st.due_at)) AT TIME ZONE ?)::date,
                        (coalesce(st.finished_at, now()) AT TIME ZONE ?)::date, interval '1 day') g (d)
                    WHERE st.id = ANY(?::bigint[])"""), zone, zone, stageIds.toArray(Long[]::new), zone);
        }
    }

    /**
     * Marks the trend points and league tables this complaint counts in as it stands in the caller's transaction:
     * its subjects' week and month of the day it was made, and their tables ({@link LeagueMarks#markComplaint}).
     * Called before and after a verdict, so what it counted for and what it counts for now are both marked; a
     * complaint that counts for nobody (pending, unfounded, a test) marks nothing. Until issue 16 a verdict marked
     * its week and month whole and every league table of the country: at 10 M ratings 7,209 tables, each computed
     * again at its next view, for one complaint.
     */
    @Override
    public void complaint(long complaintId) {
        if (!dsl.fetchExists(dsl.selectOne().from("complaint c")
                .where("c.id = ? AND " + ScoreReader.COUNTED_COMPLAINT, complaintId))) {
            return;
        }
        new LeagueMarks(dsl).markComplaint(complaintId);
        dsl.execute(MARK_SUBJECTS.formatted("SELECT (c.created_at AT TIME ZONE ?)::date, s.subject_type, "
                + "s.subject_id FROM complaint c " + ScoreReader.COMPLAINT_SUBJECT_ROWS + " WHERE c.id = ?"),
                zone, complaintId, zone);
    }

    /** Marked periods that have ended by {@code today} (a running one is snapshotted nightly anyway), oldest first. */
    List<Marked> ended(LocalDate today) {
        return dsl.fetch("SELECT period_kind, period_start, marked_at FROM score_snapshot_stale "
                        + "ORDER BY period_start, period_kind")
                .map(r -> {
                    Period period = period(r.get(0, String.class), r.get(1, LocalDate.class));
                    return new Marked(period, r.get(2, OffsetDateTime.class));
                })
                .stream().filter(m -> !m.period().to().isAfter(today)).toList();
    }

    /**
     * Removes the mark if nothing marked it again since it was read (a change committed during the refresh keeps
     * its mark for the next one). Run in the refresh's transaction.
     */
    void clear(Marked marked) {
        dsl.execute("DELETE FROM score_snapshot_stale WHERE period_kind = ? AND period_start = ?::date "
                        + "AND marked_at <= ?::timestamptz", marked.period().kind().name(), marked.period().from(),
                marked.markedAt());
    }

    /**
     * Subjects' marks of periods that have ended by {@code today}, per period (oldest first), each with the time it
     * was read at: {@link #clear(SubjectMarks)} removes only marks no change has made again since.
     */
    List<SubjectMarks> endedSubjects(LocalDate today) {
        Map<Period, SubjectMarks> byPeriod = new LinkedHashMap<>();
        dsl.fetch("SELECT period_kind, period_start, subject_type, subject_id, marked_at "
                        + "FROM score_snapshot_stale_subject ORDER BY period_start, period_kind, subject_type, subject_id")
                .forEach(r -> {
                    Period period = period(r.get(0, String.class), r.get(1, LocalDate.class));
                    if (!period.to().isAfter(today)) {
                        byPeriod.computeIfAbsent(period, p -> new SubjectMarks(p, new ArrayList<>())).marks()
                                .add(new SubjectMark(new Subject(Subject.Type.valueOf(r.get(2, String.class)),
                                        r.get(3, Long.class)), r.get(4, OffsetDateTime.class)));
                    }
                });
        return List.copyOf(byPeriod.values());
    }

    /**
     * Removes these marks unless a change marked them again since they were read. Run in the refresh's transaction.
     * The rows are locked in key order, the order the rating writer marks them in, so the two cannot deadlock; a row
     * marked again while this waited for it is seen with its new time and kept.
     */
    void clear(SubjectMarks marks) {
        int n = marks.marks().size();
        String[] types = new String[n];
        Long[] ids = new Long[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            SubjectMark m = marks.marks().get(i);
            types[i] = m.subject().type().name();
            ids[i] = m.subject().id();
            times[i] = m.markedAt();
        }
        dsl.execute("""
                DELETE FROM score_snapshot_stale_subject s
                WHERE (s.period_kind, s.period_start, s.subject_type, s.subject_id) IN (
                    SELECT x.period_kind, x.period_start, x.subject_type, x.subject_id
                    FROM score_snapshot_stale_subject x
                    JOIN unnest(?::text[], ?::bigint[], ?::timestamptz[]) m (subject_type, subject_id, marked_at)
                      ON x.subject_type = m.subject_type AND x.subject_id = m.subject_id
                     AND x.marked_at <= m.marked_at
                    WHERE x.period_kind = ? AND x.period_start = ?::date
                    ORDER BY x.subject_type, x.subject_id
                    FOR UPDATE OF x)
                """, types, ids, times, marks.period().kind().name(), marks.period().from());
    }

    /** The week or month a stored (period_kind, period_start) names. */
    static Period period(String kind, LocalDate start) {
        return "WEEK".equals(kind) ? Period.week(start) : Period.month(YearMonth.from(start));
    }

    record Marked(Period period, OffsetDateTime markedAt) {
    }

    record SubjectMark(Subject subject, OffsetDateTime markedAt) {
    }

    /** A period's marked subjects. */
    record SubjectMarks(Period period, List<SubjectMark> marks) {

        /** The marked subjects' ids by type. */
        Map<Subject.Type, List<Long>> idsByType() {
            Map<Subject.Type, List<Long>> ids = new EnumMap<>(Subject.Type.class);
            marks.forEach(m -> ids.computeIfAbsent(m.subject().type(), t -> new ArrayList<>()).add(m.subject().id()));
            return ids;
        }
    }
}
