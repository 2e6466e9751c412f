package vn.dancham.admin.scores;

import org.springframework.stereotype.Component;
import vn.dancham.admin.security.WebUser;
import vn.dancham.organisation.AdminUnit;
import vn.dancham.organisation.Office;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.DossierTimeliness;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.Scores;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which league table a request asks for, limited to what the user may see: an office head gets their own
 * office's officers whatever they ask. Shared by the scores page, the exports and the report.
 */
@Component
public class ScoreRows {

    public enum View { DISTRICTS, OFFICES, OFFICERS, FIELDS }

    /**
     * The table asked for, resolved: what it is about, for the heading. For districts and offices, also each
     * member's whole-dossier figures (Decision 766 style) by subject id; empty for officers and fields.
     *
     * @param officerKind for the officers view, the kind of officer ranked (counter staff or specialists: each
     *                    ranked among their own kind); null for the other views
     */
    public record Table(View view, Long unitId, Long officeId, Officer.Kind officerKind, String about,
                        Leaderboard board, Map<Long, DossierTimeliness> dossiers) {

        Table(View view, Long unitId, Long officeId, String about, Leaderboard board) {
            this(view, unitId, officeId, null, about, board, Map.of());
        }

        Table(View view, Long unitId, Long officeId, String about, Leaderboard board,
              Map<Long, DossierTimeliness> dossiers) {
            this(view, unitId, officeId, null, about, board, dossiers);
        }
    }

    private final Scores scores;
    private final Organisation organisation;

    public ScoreRows(Scores scores, Organisation organisation) {
        this.scores = scores;
        this.organisation = organisation;
    }

    public Optional<AdminUnit> province() {
        return organisation.units().stream().filter(u -> u.level() == AdminUnit.Level.PROVINCE).findFirst();
    }

    public List<AdminUnit> districts() {
        return organisation.units().stream().filter(u -> u.level() == AdminUnit.Level.DISTRICT).toList();
    }

    public Table table(String viewName, Long unitId, Long officeId, Period period, WebUser me) {
        return table(viewName, unitId, officeId, null, period, me);
    }

    /**
     * @param kindName for the officers view, COUNTER or SPECIALIST; anything else (or nothing) takes the kind most
     *                 of the office's officers are (counter staff in a one-stop or commune office, specialists in
     *                 a department), or counter staff for a unit's table
     */
    public Table table(String viewName, Long unitId, Long officeId, String kindName, Period period, WebUser me) {
        View view = parse(viewName);
        if (me.limitedToOffice()) {
            view = View.OFFICERS;
            officeId = me.officeId();
            unitId = null;
        }
        Long provinceId = province().map(AdminUnit::id).orElse(null);
        switch (view) {
            case FIELDS -> {
                return new Table(view, null, null, "", scores.leaderboard(LeaderboardTable.fields(), period));
            }
            case OFFICERS -> {
                // Counter staff and specialists are ranked among their own kind, never in one table: one gets
                // attitude answers and an almost automatic on-time rate, the other mostly timeliness answers.
                if (officeId != null) {
                    Optional<Office> office = organisation.office(officeId);
                    Officer.Kind kind = kind(kindName, office.map(o -> o.kind() == Office.Kind.DEPARTMENT
                            ? Officer.Kind.SPECIALIST : Officer.Kind.COUNTER).orElse(Officer.Kind.COUNTER));
                    return new Table(view, null, officeId, kind, office.map(Office::name).orElse(""),
                            scores.leaderboard(LeaderboardTable.officersInOffice(officeId).of(kind), period),
                            Map.of());
                }
                long unit = unitId != null ? unitId : provinceId == null ? -1 : provinceId;
                Officer.Kind kind = kind(kindName, Officer.Kind.COUNTER);
                return new Table(view, unit, null, kind, unitName(unit),
                        scores.leaderboard(LeaderboardTable.officersInUnit(unit).of(kind), period), Map.of());
            }
            case OFFICES -> {
                long unit = unitId != null ? unitId : provinceId == null ? -1 : provinceId;
                Leaderboard board = scores.leaderboard(LeaderboardTable.officesInUnit(unit), period);
                return new Table(view, unit, null, unitName(unit), board, dossiers(board, period));
            }
            default -> {
                long unit = unitId != null ? unitId : provinceId == null ? -1 : provinceId;
                Leaderboard board = scores.leaderboard(LeaderboardTable.unitsInUnit(unit), period);
                return new Table(View.DISTRICTS, unit, null, unitName(unit), board, dossiers(board, period));
            }
        }
    }

    /** One query per member: a province has tens of districts and offices per table, not thousands. */
    private Map<Long, DossierTimeliness> dossiers(Leaderboard board, Period period) {
        Map<Long, DossierTimeliness> byId = new HashMap<>();
        board.entries().forEach(e -> byId.put(e.score().subject().id(),
                scores.dossierTimeliness(e.score().subject(), period)));
        return byId;
    }

    /** May this user open this officer's page? */
    public boolean maySeeOfficer(WebUser me, Officer officer) {
        return me.maySeeOffice(officer.officeId());
    }

    private String unitName(long id) {
        return organisation.unit(id).map(AdminUnit::name).orElse("");
    }

    static Officer.Kind kind(String name, Officer.Kind otherwise) {
        if (name != null) {
            for (Officer.Kind kind : Officer.Kind.values()) {
                if (kind.name().equalsIgnoreCase(name)) {
                    return kind;
                }
            }
        }
        return otherwise;
    }

    static View parse(String name) {
        if (name == null) {
            return View.DISTRICTS;
        }
        try {
            return View.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return View.DISTRICTS;
        }
    }
}
