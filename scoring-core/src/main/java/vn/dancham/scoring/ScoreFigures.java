package vn.dancham.scoring;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Every figure of one subject over one period (all on a 0–100 scale).
 *
 * @param satisfaction        mean rating mapped to 0–100 (1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100), weighted by
 *                            caller identity (and age, when time decay is on)
 * @param satisfiedShare      weighted share of ratings of 4 or 5, in percent (SIPAS / Decision 766 style)
 * @param onTime              share of finished stages that finished by their own due time, in percent
 * @param byCriterion         satisfaction per criterion (ATTITUDE, TIMELINESS, OVERALL), where rated
 * @param verified            counted ratings from verified callers
 * @param unverified          counted ratings from other numbers
 * @param withheld            counted ratings without a caller number
 * @param known               counted ratings from callers who passed the knowledge check (another number or none)
 * @param complaints          confirmed complaints in the period (pending and unfounded ones count for nobody)
 * @param harassmentReports   reports of money demanded or harassment in the period
 * @param complaintComponent  100 minus the penalties for (decayed) complaints and reports, at least 0
 * @param composite           weighted mean of satisfaction, on-time rate and the complaint component
 * @param shrunkSatisfaction  satisfaction pulled toward the leaderboard's mean by the prior weight (leaderboards
 *                            only, else null)
 * @param shrunkComposite     composite computed from the shrunk satisfaction and on-time rate (leaderboards only)
 */
public record ScoreFigures(Measure satisfaction, Measure satisfiedShare, Measure onTime,
                           Map<String, Measure> byCriterion, int verified, int unverified, int withheld, int known,
                           int complaints, int harassmentReports, BigDecimal complaintComponent, Measure composite,
                           BigDecimal shrunkSatisfaction, BigDecimal shrunkComposite) {

    public ScoreFigures {
        byCriterion = Map.copyOf(byCriterion);
    }

    /** Counted ratings behind the satisfaction score. */
    public int ratings() {
        return satisfaction.sampleSize();
    }
}
