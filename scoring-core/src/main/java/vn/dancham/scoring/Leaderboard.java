package vn.dancham.scoring;

import java.math.BigDecimal;
import java.util.List;

/**
 * A league table, ranked by the shrunk composite (see docs/scoring.md "Rankings"): a member with few ratings is
 * pulled toward the table's mean, so two ratings cannot put anyone at the top or the bottom.
 *
 * @param meanSatisfaction the table's pooled satisfaction, the value members are shrunk toward
 * @param meanOnTime       the table's pooled on-time rate
 * @param entries          ranked members first (by shrunk composite, highest first), then members without
 *                         counted ratings in the period (rank 0)
 */
public record Leaderboard(LeaderboardTable table, Period period, BigDecimal meanSatisfaction, BigDecimal meanOnTime,
                          List<Entry> entries) {

    public Leaderboard {
        entries = List.copyOf(entries);
    }

    /**
     * @param rank     1 = best; 0 when unranked (no counted ratings in the period)
     * @param previous the member's shrunk satisfaction in the previous period of the same length, null if unrated
     * @param change   shrunk satisfaction now minus previous, for "most improved"; null when either is missing
     */
    public record Entry(int rank, SubjectScore score, BigDecimal previous, BigDecimal change) {
    }
}
