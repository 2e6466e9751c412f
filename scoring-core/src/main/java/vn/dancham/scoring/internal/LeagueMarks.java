package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import vn.dancham.organisation.OrganisationChanges;

import java.util.Collection;

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
            UPDATE league_ready SET stale = true, generation = generation + 1
            WHERE (table_kind = 'FIELDS' %2$s
               OR (table_kind = 'OFFICERS_IN_OFFICE' AND parent_id IN (%1$s))
               OR (table_kind IN ('OFFICES_IN_UNIT', 'OFFICERS_IN_UNIT')
                   AND parent_id IN (SELECT ou.unit_id FROM office_unit ou WHERE ou.office_id IN (%1$s)))
               OR (table_kind = 'UNITS_IN_UNIT'
                   AND parent_id IN (SELECT u.parent_id FROM office_unit ou JOIN admin_unit u ON u.id = ou.unit_id
                                     WHERE ou.office_id IN (%1$s))))
            """;

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
                    + "WHERE t.rating_id = ANY(?::bigint[]) AND t.officer_id IS NOT NULL")), ids, ids, ids, ids);
        }
    }

    /** Marks the tables these stages' offices belong to (in the caller's transaction). */
    public void markStages(Collection<Long> stageIds) {
        if (!stageIds.isEmpty()) {
            Long[] ids = stageIds.toArray(Long[]::new);
            dsl.execute(MARK_OFFICES.formatted("SELECT st.office_id FROM dossier_stage st "
                    + "WHERE st.id = ANY(?::bigint[])", officers("SELECT st.officer_id FROM dossier_stage st "
                    + "WHERE st.id = ANY(?::bigint[]) AND st.officer_id IS NOT NULL")), ids, ids, ids, ids);
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
                officers("SELECT co.officer_id FROM complaint_officer co WHERE co.complaint_id = ?")),
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
            dsl.execute(MARK_OFFICES.formatted("SELECT unnest(?::bigint[])", ""), ids, ids, ids);
        }
    }

    /** The clause of {@link #MARK_OFFICES} for the officer tables listing these officers (bound once). */
    private static String officers(String officerIds) {
        return "OR (table_kind IN ('OFFICERS_IN_OFFICE', 'OFFICERS_IN_UNIT') AND id IN (SELECT l.ready_id "
                + "FROM league_row l WHERE l.subject_id IN (" + officerIds + ")))";
    }

    /** A unit added, moved or renamed: rare (a reorganisation), and it reaches every office below it. */
    @Override
    public void unitsChanged() {
        markAll();
    }

    /** Marks every table: a change whose reach is not worth working out (a recomputation, a reorganisation). */
    public void markAll() {
        dsl.execute("UPDATE league_ready SET stale = true, generation = generation + 1");
    }
}
