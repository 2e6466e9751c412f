package vn.dancham.organisation;

import java.util.Collection;

/**
 * What others keep about where officers and offices belong, told of a change inside the change's own transaction so
 * that their marks commit or roll back with it. The scoring core's league tables kept ready list an office's
 * officers, a unit's offices and officers, and names; it implements this to mark those tables stale
 * (docs/scoring.md "Pages from one read"). Every write of the organisation passes {@link Organisation}, so every
 * way of moving an officer or an office (the CSV import, the demo loader, future pages or API calls) is told.
 */
public interface OrganisationChanges {

    /**
     * The officers or the place of these offices change: an officer joins, leaves (moved or deactivated), is
     * renamed or changes kind, or the office itself moves unit, is deactivated, renamed or changes kind. Called
     * with the offices as they stand before the write (an office's old units) and again after it (its new ones).
     */
    void officesChanged(Collection<Long> officeIds);

    /** A unit was added, moved to another parent or renamed: everything below it may move. */
    void unitsChanged();
}
