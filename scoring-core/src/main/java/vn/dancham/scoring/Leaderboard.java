package vn.dancham.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A league table, ranked by the shrunk composite (see docs/scoring.md "Rankings"): a member with few ratings is
 * pulled toward the table's mean, so two ratings cannot put anyone at the top or the bottom.
 *
 * @param meanSatisfaction the table's pooled satisfaction, the value members are shrunk toward
 * @param meanOnTime       the table's pooled on-time rate
 * @param entries          ranked members first (by shrunk composite, highest first), then members rated too little
 *                         to be ranked (effective n below {@code fairness.min-effective-n}; rank 0, NOT_ENOUGH,
 *                         by name), then members without counted ratings in the period (rank 0, UNRATED)
 * @param computedAt       when these figures were computed: a page served from the tables kept ready shows it,
 *                         since figures that depend on the time (overdue open stages, a window ending today) can lag
 * @param pendingUntil     null when the figures count every change so far; else the table rests on so many answers
 *                         that it is computed again on a schedule (docs/scoring.md § 9d): changes made after
 *                         {@code computedAt} are not counted in it yet, and will be by this time at the latest
 */
public record Leaderboard(LeaderboardTable table, Period period, BigDecimal meanSatisfaction, BigDecimal meanOnTime,
                          List<Entry> entries, Instant computedAt, Instant pendingUntil) {

    public Leaderboard {
        entries = List.copyOf(entries);
    }

    /** A table counting every change so far. */
    public Leaderboard(LeaderboardTable table, Period period, BigDecimal meanSatisfaction, BigDecimal meanOnTime,
                       List<Entry> entries, Instant computedAt) {
        this(table, period, meanSatisfaction, meanOnTime, entries, computedAt, null);
    }

    /** The same figures without the time they were computed: to compare two computations. */
    public Leaderboard figures() {
        return new Leaderboard(table, period, meanSatisfaction, meanOnTime, entries, null, null);
    }

    /** Whether a member could be ranked. */
    public enum Standing {
        /** Enough ratings: ranked. */
        RANKED,
        /** Rated, but with an effective number of ratings below the minimum: shown, never ranked. */
        NOT_ENOUGH,
        /** No counted rating in the period. */
        UNRATED
    }

    /**
     * @param rank        1 = best; 0 when not ranked (see {@code standing})
     * @param previous    the member's shrunk satisfaction in the previous period of the same length, null if unrated
     * @param change      shrunk satisfaction now minus previous, for "most improved"; null when either is missing or
     *                    the member is not ranked now
     * @param rankingLow  the ranking score's (shrunk composite's) interval: the composite's bounds pulled toward
     *                    the table's mean like the estimate; null when unrated
     * @param rankingHigh its upper bound
     * @param rankBest    for a ranked member, the best rank its interval allows among the ranked (1 + those whose
     *                    interval lies wholly above it); null otherwise
     * @param rankWorst   the worst (1 + those whose interval reaches above its lower bound): where intervals
     *                    overlap, the order between members is not a finding
     */
    public record Entry(int rank, SubjectScore score, BigDecimal previous, BigDecimal change, Standing standing,
                        BigDecimal rankingLow, BigDecimal rankingHigh, Integer rankBest, Integer rankWorst) {

        public Entry {
            if ((rank > 0) != (standing == Standing.RANKED)) {
                throw new IllegalArgumentException("rank " + rank + " with standing " + standing);
            }
        }

        /** An entry without the fairness fields: ranked when rank > 0, else unrated. */
        public Entry(int rank, SubjectScore score, BigDecimal previous, BigDecimal change) {
            this(rank, score, previous, change, rank > 0 ? Standing.RANKED : Standing.UNRATED, null, null, null, null);
        }

        public boolean ranked() {
            return standing == Standing.RANKED;
        }

        public boolean notEnough() {
            return standing == Standing.NOT_ENOUGH;
        }
    }
}
