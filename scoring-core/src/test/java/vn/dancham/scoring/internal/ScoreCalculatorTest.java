package vn.dancham.scoring.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.scoring.Measure;
import vn.dancham.scoring.ScoreFigures;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.internal.ScoreCalculator.ComplaintCell;
import vn.dancham.scoring.internal.ScoreCalculator.Inputs;
import vn.dancham.scoring.internal.ScoreCalculator.RatingCell;
import vn.dancham.scoring.internal.ScoreCalculator.StageCell;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed expectations; the worked examples in docs/scoring.md are these numbers. */
class ScoreCalculatorTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);
    /** The identity weights of docs/scoring.md's worked example (unverified 0.6, withheld 0.3). */
    final ScoreCalculator defaults = new ScoreCalculator(ScoringProperties.with(Map.of("identity.unverified", "0.6",
            "identity.withheld", "0.3")));

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static RatingCell cell(String identity, int n1, int n2, int n3, int n4, int n5) {
        return new RatingCell(AS_OF, "ATTITUDE", identity, n1, n2, n3, n4, n5);
    }

    /**
     * Worked example 1 (docs): the counter officer over 30 days. Verified 5,5,4,4,3; unverified 5,2; withheld 1.
     * Σw = 5×1 + 2×0.6 + 1×0.3 = 6.5; Σw·points = 400 + 0.6×125 + 0 = 475; satisfaction = 475/6.5 = 73.08.
     * Satisfied (4–5): 4×1 + 1×0.6 = 4.6 → 4.6/6.5 = 70.77 %. Σw² = 5 + 2×0.36 + 0.09 = 5.81 → n_eff = 6.5²/5.81 =
     * 7.27; Wilson at 90 % (z = 1.6449) on p = 0.7308, n = 7.27 → [42.89, 90.75]. Stages: 10 finished, 1 late →
     * on time 90 %, Wilson [65.23, 97.74]. One complaint → complaint component 100 − 10 = 90.
     * Composite = 0.6×73.08 + 0.3×90 + 0.1×90 = 79.85.
     */
    @Test
    void workedExampleCounterOfficer() {
        Inputs in = new Inputs(
                List.of(cell("VERIFIED", 0, 0, 1, 2, 2), cell("UNVERIFIED", 0, 1, 0, 0, 1), cell("WITHHELD", 1, 0, 0, 0, 0)),
                List.of(new StageCell(AS_OF.minusDays(3), 6, 1), new StageCell(AS_OF.minusDays(1), 4, 0)),
                List.of(new ComplaintCell(AS_OF.minusDays(10), "COMPLAINT", 1)));
        ScoreFigures f = defaults.compute(in, AS_OF).figures();

        assertThat(f.satisfaction()).isEqualTo(new Measure(d("73.08"), d("42.89"), d("90.75"), 8, d("7.27")));
        assertThat(f.satisfiedShare().value()).isEqualByComparingTo("70.77");
        assertThat(f.satisfiedShare().low()).isEqualByComparingTo("40.79");
        assertThat(f.onTime()).isEqualTo(new Measure(d("90.00"), d("65.23"), d("97.74"), 10, d("10.00")));
        assertThat(f.complaints()).isEqualTo(1);
        assertThat(f.complaintComponent()).isEqualByComparingTo("90");
        assertThat(f.composite().value()).isEqualByComparingTo("79.85");
        assertThat(f.composite().low()).isEqualByComparingTo("54.30");
        assertThat(f.composite().high()).isEqualByComparingTo("92.77");
        assertThat(List.of(f.verified(), f.unverified(), f.withheld())).containsExactly(5, 2, 1);
        assertThat(f.byCriterion()).containsOnlyKeys("ATTITUDE");
    }

    /**
     * Worked example 2 (docs): shrinkage with prior weight 10 toward a table mean of 70. Two verified 5s: (2×100 +
     * 10×70)/12 = 75.00. Forty verified ratings averaging 85: (40×85 + 10×70)/50 = 82.00 — ranked above.
     */
    @Test
    void twoPerfectRatingsDoNotOutrankFortyGoodOnes() {
        ScoreCalculator.Computed two = defaults.compute(new Inputs(List.of(cell("VERIFIED", 0, 0, 0, 0, 2)),
                List.of(), List.of()), AS_OF);
        // 40 ratings averaging 85 points: 28 fives (100) and 12 fours (75) → (2800 + 900)/40 = 92.5; use 4s and 5s and
        // 3s: 20 fives, 16 fours, 4 threes → (2000 + 1200 + 200)/40 = 85.
        ScoreCalculator.Computed forty = defaults.compute(new Inputs(List.of(cell("VERIFIED", 0, 0, 4, 16, 20)),
                List.of(), List.of()), AS_OF);
        assertThat(forty.figures().satisfaction().value()).isEqualByComparingTo("85");

        ScoreFigures shrunkTwo = defaults.shrink(two, 70.0, null);
        ScoreFigures shrunkForty = defaults.shrink(forty, 70.0, null);
        assertThat(shrunkTwo.shrunkSatisfaction()).isEqualByComparingTo("75.00");
        assertThat(shrunkForty.shrunkSatisfaction()).isEqualByComparingTo("82.00");
        // Composite without stages: (0.6 × 75 + 0.1 × 100) / 0.7 = 78.57
        assertThat(shrunkTwo.shrunkComposite()).isEqualByComparingTo("78.57");
    }

    /** Worked example 3 (docs): with a 90-day half-life a 1 given 90 days ago weighs half a 5 given today. */
    @Test
    void timeDecayHalvesARatingEachHalfLife() {
        ScoreCalculator decaying = new ScoreCalculator(ScoringProperties.with(Map.of("model.half-life", "90d")));
        Inputs in = new Inputs(List.of(
                new RatingCell(AS_OF, "OVERALL", "VERIFIED", 0, 0, 0, 0, 1),
                new RatingCell(AS_OF.minusDays(90), "OVERALL", "VERIFIED", 1, 0, 0, 0, 0)), List.of(), List.of());
        // (1 × 100 + 0.5 × 0) / 1.5 = 66.67; without decay (100 + 0)/2 = 50.
        assertThat(decaying.compute(in, AS_OF).figures().satisfaction().value()).isEqualByComparingTo("66.67");
        assertThat(defaults.compute(in, AS_OF).figures().satisfaction().value()).isEqualByComparingTo("50.00");
        assertThat(decaying.decay(AS_OF.minusDays(180), AS_OF)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void verifiedCallersWeighMoreThanOthers() {
        // Verified 5 (w 1.0) and withheld 1 (w 0.3): (100 + 0)/1.3 = 76.92, not the plain mean 50.
        Inputs in = new Inputs(List.of(cell("VERIFIED", 0, 0, 0, 0, 1), cell("WITHHELD", 1, 0, 0, 0, 0)),
                List.of(), List.of());
        assertThat(defaults.compute(in, AS_OF).figures().satisfaction().value()).isEqualByComparingTo("76.92");
        ScoreCalculator equal = new ScoreCalculator(ScoringProperties.with(Map.of("identity.withheld", "1.0")));
        assertThat(equal.compute(in, AS_OF).figures().satisfaction().value()).isEqualByComparingTo("50.00");
    }

    @Test
    void harassmentWeighsMoreThanAComplaintAndTheComponentStopsAtZero() {
        Inputs in = new Inputs(List.of(cell("VERIFIED", 0, 0, 0, 0, 1)), List.of(), List.of(
                new ComplaintCell(AS_OF, "COMPLAINT", 1), new ComplaintCell(AS_OF, "HARASSMENT", 1)));
        ScoreFigures f = defaults.compute(in, AS_OF).figures();
        assertThat(f.complaintComponent()).isEqualByComparingTo("60");
        // No stages: the composite renormalises over satisfaction and complaints: (0.6×100 + 0.1×60)/0.7 = 94.29
        assertThat(f.composite().value()).isEqualByComparingTo("94.29");
        Inputs many = new Inputs(List.of(), List.of(), List.of(new ComplaintCell(AS_OF, "HARASSMENT", 5)));
        ScoreFigures g = defaults.compute(many, AS_OF).figures();
        assertThat(g.complaintComponent()).isEqualByComparingTo("0");
        assertThat(g.composite().present()).as("no composite without ratings").isFalse();
        assertThat(g.satisfaction().sampleSize()).isZero();
    }

    @Test
    void wilsonIntervalMatchesTheTextbook() {
        double[] interval = ScoreCalculator.wilson(0.5, 10, 1.959964);
        assertThat(interval[0]).isCloseTo(0.2366, within(1e-4));
        assertThat(interval[1]).isCloseTo(0.7634, within(1e-4));
        assertThat(ScoreCalculator.zFor(0.90)).isCloseTo(1.644854, within(1e-6));
        assertThat(ScoreCalculator.zFor(0.95)).isCloseTo(1.959964, within(1e-6));
        assertThat(ScoreCalculator.zFor(0.99)).isCloseTo(2.575829, within(1e-6));
    }

    @Test
    void aSingleRatingHasAWideInterval() {
        ScoreFigures one = defaults.compute(new Inputs(List.of(cell("VERIFIED", 0, 0, 0, 0, 1)), List.of(), List.of()),
                AS_OF).figures();
        assertThat(one.satisfaction().value()).isEqualByComparingTo("100");
        // Wilson, p = 1, n = 1, z = 1.6449: (1 + z²/2)/(1 + z²) − z·√(z²/4)/(1 + z²) = 0.26987 (docs/scoring.md §5)
        assertThat(one.satisfaction().low()).isEqualByComparingTo("26.99");
        assertThat(one.satisfaction().high()).isEqualByComparingTo("100.00");
    }
}
