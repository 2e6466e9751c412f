package vn.dancham.scoring.internal;

import vn.dancham.scoring.Measure;
import vn.dancham.scoring.ScoringProperties;

/**
 * When a score is a concern (pure). A low average over a handful of ratings is not enough: the whole interval must
 * lie below the threshold, and a drop must be large and outside both periods' uncertainty.
 */
final class ConcernPolicy {

    private final ScoringProperties.Concerns rules;

    ConcernPolicy(ScoringProperties.Concerns rules) {
        this.rules = rules;
    }

    /** With the configured confidence below the threshold: the interval's upper bound is below it. */
    boolean lowScore(Measure satisfaction) {
        return satisfaction.present() && satisfaction.sampleSize() >= rules.minRatings()
                && satisfaction.high().compareTo(rules.lowScoreThreshold()) < 0;
    }

    /** Dropped by at least dropPoints, and the intervals do not overlap (the later one lies wholly below). */
    boolean drop(Measure before, Measure after) {
        return before.present() && after.present()
                && before.sampleSize() >= rules.minRatings() && after.sampleSize() >= rules.minRatings()
                && before.value().subtract(after.value()).compareTo(rules.dropPoints()) >= 0
                && after.high().compareTo(before.low()) < 0;
    }
}
