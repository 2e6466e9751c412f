package vn.dancham.scoring.internal;

import java.util.List;

/**
 * The ranks a member could hold given the ranking intervals: where intervals overlap, the order between members is
 * not a finding. A member's best possible rank is 1 + the number of others whose whole interval lies above its
 * own; its worst is 1 + the number of others whose interval reaches above its lower bound. Plain Java.
 */
final class RankRanges {

    /** A ranked member's ranking interval. */
    record Interval(double low, double high) {
        Interval {
            if (low > high) {
                throw new IllegalArgumentException("interval [" + low + ", " + high + "]");
            }
        }
    }

    /** Best and worst possible rank, 1 = first. */
    record Range(int best, int worst) {
    }

    private RankRanges() {
    }

    /** The range of each member, in the order given. */
    static List<Range> of(List<Interval> intervals) {
        List<Range> ranges = new java.util.ArrayList<>(intervals.size());
        for (int i = 0; i < intervals.size(); i++) {
            Interval me = intervals.get(i);
            int surelyAbove = 0, possiblyAbove = 0;
            for (int j = 0; j < intervals.size(); j++) {
                if (j == i) {
                    continue;
                }
                Interval other = intervals.get(j);
                if (other.low() > me.high()) {
                    surelyAbove++;
                }
                if (other.high() > me.low()) {
                    possiblyAbove++;
                }
            }
            ranges.add(new Range(1 + surelyAbove, 1 + possiblyAbove));
        }
        return ranges;
    }
}
