package vn.dancham.admin.demo;

import vn.dancham.organisation.Officer;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.Scores;

/**
 * The tables the scores page shows since counter staff and specialists are ranked apart (docs/scoring.md § 6b).
 * Kept apart from {@link NovemberTableIT} so that the tool can be copied, without this file's body, into a checkout
 * from before the split and print the same mixed table there.
 */
final class NovemberTableByKind {

    private NovemberTableByKind() {
    }

    static void more(StringBuilder out, Scores scores, long province, Period period) {
        for (Officer.Kind kind : Officer.Kind.values()) {
            NovemberTableIT.print(out, "Officers of the province, " + kind, scores.leaderboard(
                    LeaderboardTable.officersInUnit(province).of(kind), period));
        }
    }
}
