package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.StaleTrends;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * The weeks and months whose trend snapshot a late change has made stale ({@code score_snapshot_stale}). A period
 * is marked only when a snapshot of it exists (nothing else can be stale), in the caller's transaction, so the mark
 * commits or rolls back with the change; {@link Maintenance#refreshStale()} takes the snapshots again.
 *
 * <p>Which periods a change touches: a rating's week and month (its local day); a stage's weeks and months from the
 * earlier of its due and finishing days to its finishing day (or today while it is open), since a finished stage
 * counts on its finishing day and an overdue one in every period whose end finds it open (§ 5b). Called with the
 * row before and after a change, the union is covered.
 */
public final class StaleSnapshots implements StaleTrends {

    /**
     * Week and month starts of each local day in {@code days (day)}, kept when a snapshot of them exists and the
     * period has ended before today: the nightly job snapshots the running and the previous week and month anyway,
     * so today's answers (the hotline's every call) mark nothing and lock no mark row. A period marked again gets a
     * new time, so a refresh running meanwhile does not clear it ({@link #clear}).
     */
    private static final String MARK = """
            INSERT INTO score_snapshot_stale (period_kind, period_start)
            SELECT DISTINCT p.kind, p.start
            FROM (%s) days (day)
            CROSS JOIN LATERAL (VALUES ('WEEK', date_trunc('week', days.day)::date, interval '1 week'),
                                       ('MONTH', date_trunc('month', days.day)::date, interval '1 month'))
                p (kind, start, length)
            WHERE p.start + p.length <= (now() AT TIME ZONE ?)::date
              AND EXISTS (SELECT 1 FROM score_snapshot s WHERE s.period_kind = p.kind AND s.period_start = p.start)
            ON CONFLICT (period_kind, period_start) DO UPDATE SET marked_at = clock_timestamp()
            """;

    private final DSLContext dsl;
    private final String zone;

    public StaleSnapshots(DSLContext dsl, ZoneId zone) {
        this.dsl = dsl;
        this.zone = zone.getId();
    }

    /** The periods of these ratings' days (whatever their status: the caller changes what they contribute). */
    void ratings(Collection<Long> ratingIds) {
        if (!ratingIds.isEmpty()) {
            dsl.execute(MARK.formatted("SELECT DISTINCT (r.given_at AT TIME ZONE ?)::date FROM rating r "
                    + "WHERE r.id = ANY(?::bigint[])"), zone, ratingIds.toArray(Long[]::new), zone);
        }
    }

    /** The periods in which these stages count, finished or overdue and open. */
    void stages(Collection<Long> stageIds) {
        if (!stageIds.isEmpty()) {
            // Every local day of the stage's counting span (bounded by the dossier's life).
            dsl.execute(MARK.formatted("""
                    SELECT DISTINCT d::date FROM (
                        SELECT (least(st.due_at, coalesce(st.finished_at, st.due_at)) AT TIME ZONE ?)::date AS first,
                               (coalesce(st.finished_at, now()) AT TIME ZONE ?)::date AS last
                        FROM dossier_stage st WHERE st.id = ANY(?::bigint[])) s
                    CROSS JOIN LATERAL generate_series(s.first, s.last, interval '1 day') g (d)"""),
                    zone, zone, stageIds.toArray(Long[]::new), zone);
        }
    }

    @Override
    public void changedAt(Instant at) {
        // A verdict is rare and its reach (the complaint's officers, offices, units, field) not worth working out
        // here: every league table kept ready is computed again on its next view.
        new LeagueMarks(dsl).markAll();
        dsl.execute(MARK.formatted("SELECT (?::timestamptz AT TIME ZONE ?)::date"), at.atOffset(ZoneOffset.UTC),
                zone, zone);
    }

    /** Marked periods that have ended by {@code today} (a running one is snapshotted nightly anyway), oldest first. */
    List<Marked> ended(LocalDate today) {
        return dsl.fetch("SELECT period_kind, period_start, marked_at FROM score_snapshot_stale "
                        + "ORDER BY period_start, period_kind")
                .map(r -> {
                    LocalDate start = r.get(1, LocalDate.class);
                    Period period = "WEEK".equals(r.get(0, String.class)) ? Period.week(start)
                            : Period.month(YearMonth.from(start));
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

    record Marked(Period period, OffsetDateTime markedAt) {
    }
}
