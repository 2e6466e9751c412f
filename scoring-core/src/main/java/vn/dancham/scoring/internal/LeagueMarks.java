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

    /** Tables whose members an office's data can move: its officers, the units holding it, their parents, fields. */
    private static final String MARK_OFFICES = """
            UPDATE league_ready SET stale = true, generation = generation + 1
            WHERE (table_kind = 'FIELDS'
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
            dsl.execute(MARK_OFFICES.formatted("SELECT t.office_id FROM rating_target t "
                    + "WHERE t.rating_id = ANY(?::bigint[])"), ratingIds.toArray(Long[]::new),
                    ratingIds.toArray(Long[]::new), ratingIds.toArray(Long[]::new));
        }
    }

    /** Marks the tables these stages' offices belong to (in the caller's transaction). */
    public void markStages(Collection<Long> stageIds) {
        if (!stageIds.isEmpty()) {
            dsl.execute(MARK_OFFICES.formatted("SELECT st.office_id FROM dossier_stage st "
                    + "WHERE st.id = ANY(?::bigint[])"), stageIds.toArray(Long[]::new),
                    stageIds.toArray(Long[]::new), stageIds.toArray(Long[]::new));
        }
    }

    /**
     * Marks the tables of these offices as they stand now (in the caller's transaction): told before and after an
     * office moves, both its old and its new units' tables are marked; an officer's move names both offices.
     */
    @Override
    public void officesChanged(Collection<Long> officeIds) {
        if (!officeIds.isEmpty()) {
            Long[] ids = officeIds.toArray(Long[]::new);
            dsl.execute(MARK_OFFICES.formatted("SELECT unnest(?::bigint[])"), ids, ids, ids);
        }
    }

    /** A unit added, moved or renamed: rare (a reorganisation), and it reaches every office below it. */
    @Override
    public void unitsChanged() {
        markAll();
    }

    /** Marks every table: a change whose reach is not worth working out (a verdict, a recomputation). */
    public void markAll() {
        dsl.execute("UPDATE league_ready SET stale = true, generation = generation + 1");
    }
}
