package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import vn.dancham.organisation.OrganisationChanges;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * Marks league tables kept ready ({@link ReadyLeagues}) stale, in the transaction of the change that may move their
 * figures, so that the mark commits or rolls back with it. Cheap: one UPDATE of the few header rows concerned,
 * nothing computed. A stale table is marked again (its generation moves): a refresh running meanwhile must not store
 * its result as fresh. The organisation tells it when an officer or an office moves ({@link OrganisationChanges}).
 */
public final class LeagueMarks implements OrganisationChanges {

    /**
     * Tables whose members an office's data can move: its officers, the units holding it, their parents, fields;
     * and ({@code %2$s}, else nothing) the officer tables that list the officers concerned wherever they work now:
     * an answer or a stage keeps the office it was given at, and an officer who moved since is a member of another
     * office's tables (whose rows are also where their own page reads their figures, {@link ReadyLeagues#OFFICER}).
     */
    private static final String MARK_OFFICES = """
            UPDATE league_ready SET stale = true, generation = generation + 1, time_only = %3$s
            WHERE (table_kind = 'FIELDS' %2$s
               OR (table_kind = 'OFFICERS_IN_OFFICE' AND parent_id IN (%1$s))
               OR (table_kind IN ('OFFICES_IN_UNIT', 'OFFICERS_IN_UNIT')
                   AND parent_id IN (SELECT ou.unit_id FROM office_unit ou WHERE ou.office_id IN (%1$s)))
               OR (table_kind = 'UNITS_IN_UNIT'
                   AND parent_id IN (SELECT u.parent_id FROM office_unit ou JOIN admin_unit u ON u.id = ou.unit_id
                                     WHERE ou.office_id IN (%1$s))))
            """;

    /**
     * {@code time_only} (V271) set by a change of data: it may have moved the period before too, so the next
     * computation reads both periods.
     */
    private static final String DATA = "false";

    /**
     * {@code time_only} set by time passing: true for a table that was fresh, unchanged for one already marked (a
     * change of data marked before keeps it false). The values right of SET are the row's before the update.
     */
    private static final String TIME = "NOT stale OR time_only";

    private final DSLContext dsl;

    public LeagueMarks(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Marks the tables these ratings' offices belong to (in the caller's transaction). */
    public void markRatings(Collection<Long> ratingIds) {
        if (!ratingIds.isEmpty()) {
            Long[] ids = ratingIds.toArray(Long[]::new);
            dsl.execute(MARK_OFFICES.formatted("SELECT t.office_id FROM rating_target t "
                    + "WHERE t.rating_id = ANY(?::bigint[])", officers("SELECT t.officer_id FROM rating_target t "
                    + "WHERE t.rating_id = ANY(?::bigint[]) AND t.officer_id IS NOT NULL"), DATA), ids, ids, ids, ids);
        }
    }

    /** Marks the tables these stages' offices belong to (in the caller's transaction). */
    public void markStages(Collection<Long> stageIds) {
        markStages(stageIds, DATA);
    }

    private void markStages(Collection<Long> stageIds, String timeOnly) {
        if (!stageIds.isEmpty()) {
            Long[] ids = stageIds.toArray(Long[]::new);
            dsl.execute(MARK_OFFICES.formatted("SELECT st.office_id FROM dossier_stage st "
                    + "WHERE st.id = ANY(?::bigint[])", officers("SELECT st.officer_id FROM dossier_stage st "
                    + "WHERE st.id = ANY(?::bigint[]) AND st.officer_id IS NOT NULL"), timeOnly), ids, ids, ids, ids);
        }
    }

    /**
     * Marks the tables this complaint counts in as it stands (in the caller's transaction): those of the offices it
     * is charged to, with their units, and the officer tables listing the officers it names. The caller checks that
     * it counts at all ({@link ScoreReader#COUNTED_COMPLAINT}): the fields' table is marked in any case.
     */
    void markComplaint(long complaintId) {
        dsl.execute(MARK_OFFICES.formatted("SELECT o.office_id FROM complaint c CROSS JOIN LATERAL ("
                        + ScoreReader.CHARGED_OFFICES + ") o (office_id) WHERE c.id = ?",
                officers("SELECT co.officer_id FROM complaint_officer co WHERE co.complaint_id = ?"), DATA),
                complaintId, complaintId, complaintId, complaintId);
    }

    /**
     * Marks the tables of these offices as they stand now (in the caller's transaction): told before and after an
     * office moves, both its old and its new units' tables are marked; an officer's move names both offices.
     */
    @Override
    public void officesChanged(Collection<Long> officeIds) {
        if (!officeIds.isEmpty()) {
            Long[] ids = officeIds.toArray(Long[]::new);
            dsl.execute(MARK_OFFICES.formatted("SELECT unnest(?::bigint[])", "", DATA), ids, ids, ids);
        }
    }

    /** The clause of {@link #MARK_OFFICES} for the officer tables listing these officers (bound once). */
    private static String officers(String officerIds) {
        return "OR (table_kind IN ('OFFICERS_IN_OFFICE', 'OFFICERS_IN_UNIT') AND id IN (SELECT l.ready_id "
                + "FROM league_row l WHERE l.subject_id IN (" + officerIds + ")))";
    }

    /**
     * The stages whose count in a running period changed with time alone between two instants ({@code [from, to)}):
     * open when their due time plus the grace passed (from then on they count as late, docs/scoring.md § 5b), or
     * counted so until a recorded finishing time that passed. A stage counts as overdue and open at an instant t when
     * started before t, due more than the grace before t and not finished before t: it enters at its due time plus
     * the grace (the dossier writer refuses a due time before the start, so the start never comes later) and leaves
     * at its finishing time. A withdrawn dossier's stages and those of a dossier waiting for a supplement never count
     * ({@link ScoreReader}); their status changes mark them ({@link Aggregates#dossierStatusChanged}). Bound: from,
     * the grace, from, to, the grace, the grace, from, to, the grace. Read through the two partial indexes of stages
     * that can be late (V185 by due time, V270 by finishing time).
     */
    private static final String PASSED = """
            SELECT st.id FROM dossier_stage st JOIN dossier d ON d.id = st.dossier_id
            WHERE d.status NOT IN ('WITHDRAWN', 'SUPPLEMENT_REQUESTED')
              AND ((st.due_at >= ?::timestamptz - ?::interval AND st.due_at < ?::timestamptz - ?::interval
                    AND (st.finished_at IS NULL OR st.finished_at > st.due_at)
                    AND (st.finished_at IS NULL OR st.finished_at > st.due_at + ?::interval))
                OR (st.finished_at >= ?::timestamptz AND st.finished_at < ?::timestamptz
                    AND st.finished_at > st.due_at AND st.finished_at > st.due_at + ?::interval))
            """;

    /**
     * Marks the tables whose figures moved with time alone since the last call, up to {@code now} (in the caller's
     * transaction; concurrent callers, on any node, wait for each other and mark each instant once): the tables of
     * the stages of {@link #PASSED}, as a change of those stages marks them, but as changed by time only
     * ({@code time_only}: the period before keeps its figures, {@link ReadyLeagues.Begun#previous}).
     * Records {@code now} as the instant up to which time is marked ({@code league_clock}): a table not marked and
     * computed before it is exact up to it, which is what lets a page serve a running period's table of any age
     * ({@link ReadyLeagues#markedThrough}). The first call starts from the oldest fresh table's time.
     *
     * @return how many stages marked their tables
     */
    public int markTimePassed(Instant now, Duration grace) {
        OffsetDateTime to = now.atOffset(ZoneOffset.UTC);
        OffsetDateTime from = dsl.fetchSingle("SELECT marked_through FROM league_clock FOR UPDATE")
                .get(0, OffsetDateTime.class);
        if (from == null) {
            // Tables computed while their period ran; the others do not move with time.
            from = dsl.fetchSingle("SELECT min(computed_at) FROM league_ready WHERE NOT stale "
                    + "AND period_to > computed_at::date - 1").get(0, OffsetDateTime.class);
        }
        List<Long> stages = List.of();
        if (from != null && from.isBefore(to)) {
            String g = grace.toSeconds() + " seconds";
            stages = dsl.fetch(PASSED, from, g, to, g, g, from, to, g).getValues(0, Long.class);
            markStages(stages, TIME);
        }
        dsl.execute("UPDATE league_clock SET marked_through = greatest(marked_through, ?::timestamptz)", to);
        return stages.size();
    }

    /** A unit added, moved or renamed: rare (a reorganisation), and it reaches every office below it. */
    @Override
    public void unitsChanged() {
        markAll();
    }

    /** Marks every table: a change whose reach is not worth working out (a recomputation, a reorganisation). */
    public void markAll() {
        dsl.execute("UPDATE league_ready SET stale = true, generation = generation + 1, time_only = false");
    }
}
