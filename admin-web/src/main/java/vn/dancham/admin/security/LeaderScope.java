package vn.dancham.admin.security;

import org.springframework.stereotype.Component;
import vn.dancham.organisation.AdminUnit;
import vn.dancham.organisation.Office;
import vn.dancham.organisation.Organisation;

import java.util.List;

/**
 * Where a user may act on incidents and the duty roster. A leader given a district ({@code app_user.admin_unit_id})
 * acts on that district and its communes and offices only: acknowledges and resolves their incidents, adds, edits and
 * deletes their duty shifts. A leader without one (or with the province), and an administrator, act everywhere.
 * Reading stays as wide as the URL rules allow: a district leader still sees the province's incidents and roster,
 * which is what a leader covering for a neighbour needs to know; only the acting is limited. Checked in the
 * controllers on every post, not just by hiding buttons.
 */
@Component
public class LeaderScope {

    private final Organisation organisation;

    public LeaderScope(Organisation organisation) {
        this.organisation = organisation;
    }

    /** May this user act on something of this administrative unit (an incident's, a shift's)? */
    public boolean mayActInUnit(WebUser me, Long unitId) {
        if (!me.leaderOfOneArea()) {
            return true;
        }
        return unitId != null && organisation.unitPath(unitId).stream().anyMatch(u -> u.id() == me.unitId());
    }

    /** May this user act on something of this office (a shift kept for an office)? */
    public boolean mayActForOffice(WebUser me, Long officeId) {
        if (!me.leaderOfOneArea()) {
            return true;
        }
        return officeId != null && organisation.office(officeId).map(o -> mayActInUnit(me, o.unitId())).orElse(false);
    }

    /** The units this user may keep a roster for, in the organisation's order. */
    public List<AdminUnit> units(WebUser me) {
        return organisation.units().stream().filter(u -> mayActInUnit(me, u.id())).toList();
    }

    /** The offices this user may keep a roster for. */
    public List<Office> offices(WebUser me) {
        return organisation.offices().stream().filter(o -> mayActInUnit(me, o.unitId())).toList();
    }
}
