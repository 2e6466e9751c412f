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
     * 7.27. The satisfaction interval (each rating its own call here): residuals Σ w²(points − 73.077)² = 1989.64
     * (verified) + 1093.04 (unverified) + 480.62 (withheld) = 3563.31; G = n_eff = 7.272, df = 6.272, variance =
     * 7.272/6.272 × 3563.31/6.5² = 97.786, t(6.272, 90 %) = 1.9282 → 73.08 ± 19.07 = [54.01, 92.14] (Wilson on
     * the mean gave [42.89, 90.75]). Stages: 10 finished, 1 late → on time 90 %, Wilson [65.23, 97.74]. One
     * complaint → complaint component 100 − 10 = 90. Composite = 0.6×73.08 + 0.3×90 + 0.1×90 = 79.85, interval
     * 0.6×54.01 + 0.3×65.23 + 9 = 60.97 to 0.6×92.14 + 0.3×97.74 + 9 = 93.61.
     */
    @Test
    void workedExampleCounterOfficer() {
        Inputs in = new Inputs(
                List.of(cell("VERIFIED", 0, 0, 1, 2, 2), cell("UNVERIFIED", 0, 1, 0, 0, 1), cell("WITHHELD", 1, 0, 0, 0, 0)),
                List.of(new StageCell(AS_OF.minusDays(3), 6, 1), new StageCell(AS_OF.minusDays(1), 4, 0)),
                List.of(new ComplaintCell(AS_OF.minusDays(10), "COMPLAINT", 1)));
        ScoreFigures f = defaults.compute(in, AS_OF).figures();

        assertThat(f.satisfaction()).isEqualTo(new Measure(d("73.08"), d("54.01"), d("92.14"), 8, d("7.27")));
        assertThat(f.satisfiedShare().value()).isEqualByComparingTo("70.77");
        assertThat(f.satisfiedShare().low()).isEqualByComparingTo("40.79");
        assertThat(f.onTime()).isEqualTo(new Measure(d("90.00"), d("65.23"), d("97.74"), 10, d("10.00")));
        assertThat(f.complaints()).isEqualTo(1);
        assertThat(f.complaintComponent()).isEqualByComparingTo("90");
        assertThat(f.composite().value()).isEqualByComparingTo("79.85");
        assertThat(f.composite().low()).isEqualByComparingTo("60.97");
        assertThat(f.composite().high()).isEqualByComparingTo("93.61");
        assertThat(List.of(f.verified(), f.unverified(), f.withheld())).containsExactly(5, 2, 1);
        assertThat(f.byCriterion()).containsOnlyKeys("ATTITUDE");
    }

    /**
     * Separate prior weights (issue 12): seven of seven stages late, in a table whose on-time rate is 92 %. With the
     * satisfaction's k = 10 the shrunk rate was (0 + 10 × 92)/17 = 54.12 % — as if most were on time; with the
     * on-time rate's own default k = 2 it is (0 + 2 × 92)/9 = 20.44 %. Satisfaction keeps k = 10: one 5 shrinks to
     * (100 + 10 × 70)/11 = 72.73.
     */
    @Test
    void theOnTimeRateHasItsOwnLighterPrior() {
        ScoreCalculator.Computed c = defaults.compute(new Inputs(List.of(cell("VERIFIED", 0, 0, 0, 0, 1)),
                List.of(new StageCell(AS_OF, 7, 7)), List.of()), AS_OF);
        ScoreFigures shrunk = defaults.shrink(c, 70.0, 92.0);
        assertThat(shrunk.shrunkSatisfaction()).isEqualByComparingTo("72.73");
        // composite = 0.6 × 72.7273 + 0.3 × 20.4444 + 0.1 × 100 = 59.77
        assertThat(shrunk.shrunkComposite()).isEqualByComparingTo("59.77");
        ScoreCalculator oneK = new ScoreCalculator(ScoringProperties.with(Map.of("fairness.on-time-prior-weight", "10")));
        // the old single k: 0.6 × 72.7273 + 0.3 × 54.1176 + 0.1 × 100 = 69.87
        assertThat(oneK.shrink(oneK.compute(new Inputs(List.of(cell("VERIFIED", 0, 0, 0, 0, 1)),
                List.of(new StageCell(AS_OF, 7, 7)), List.of()), AS_OF), 70.0, 92.0).shrunkComposite())
                .isEqualByComparingTo("69.87");
    }

    /**
     * Rounded once, at the end (issue 12). Seven verified ratings 1, 1, 2, 2, 2, 4, 4: satisfaction 225/7 =
     * 32.142857…, shown 32.14; one stage on time. Composite = 0.6 × 32.142857 + 0.3 × 100 + 0.1 × 100 = 59.2857 →
     * 59.29; from the rounded 32.14 it would be 59.284 → 59.28. Shrinkage starts from the raw value too:
     * (7 × 32.142857 + 10 × 50)/17 = 42.65 (also 42.65 from 32.14, but the composite after shrinking,
     * 0.6 × 42.6471 + 0.3 × 100 + 0.1 × 100 = 65.588 → 65.59).
     */
    @Test
    void figuresAreRoundedOnceAtTheEnd() {
        ScoreCalculator.Computed c = defaults.compute(new Inputs(List.of(cell("VERIFIED", 2, 3, 0, 2, 0)),
                List.of(new StageCell(AS_OF, 1, 0)), List.of()), AS_OF);
        assertThat(c.figures().satisfaction().value()).isEqualByComparingTo("32.14");
        assertThat(c.figures().composite().value()).isEqualByComparingTo("59.29");
        ScoreFigures shrunk = defaults.shrink(c, 50.0, 100.0);
        assertThat(shrunk.shrunkSatisfaction()).isEqualByComparingTo("42.65");
        assertThat(shrunk.shrunkComposite()).isEqualByComparingTo("65.59");
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
        // One answer shows no spread: taken as one answer two steps off (residuals 50²), G = 1 keeps one degree of
        // freedom, t = 6.3138 → 100 ± 315.7, clipped: the whole scale (docs/scoring.md §5). Wilson showed [26.99, 100]
        // as if one answer were worth knowing more about.
        assertThat(one.satisfaction().low()).isEqualByComparingTo("0.00");
        assertThat(one.satisfaction().high()).isEqualByComparingTo("100.00");
        // The satisfied share stays Wilson's (a yes/no share): p = 1, n = 1 → [26.99, 100].
        assertThat(one.satisfiedShare().low()).isEqualByComparingTo("26.99");
    }

    /**
     * A call's answers are one cluster (docs/scoring.md §5, worked example 4). Six unverified calls (weight 0.6) of
     * three answers each — 5 5 5 · 4 4 5 · 2 1 2 · 4 5 4 · 3 3 4 · 5 4 5 — so a_c = Σ(value − 1) = 12, 10, 2, 10, 7,
     * 11: mean = 25 × 52/18 = 72.22. Per call S_c = 0.6 × 25 × a_c, W_c = 1.8, residual S_c − 72.22 × 1.8 = 50, 20,
     * −100, 20, −25, 35 → Σ = 15150; G = 10.8²/(6 × 1.8²) = 6, df 5, variance = 6/5 × 15150/10.8² = 155.86, t(5) =
     * 2.0150 → ± 25.16 = [47.07, 97.38]. The same eighteen answers as eighteen separate calls: [59.60, 84.84] —
     * narrower than the data warrant, since one caller's three answers move together.
     */
    @Test
    void answersOfOneCallMoveTogetherSoTheCallIsTheCluster() {
        List<RatingCell> cells = List.of(
                new RatingCell(AS_OF, "ATTITUDE", "UNVERIFIED", 0, 1, 1, 2, 2),
                new RatingCell(AS_OF, "TIMELINESS", "UNVERIFIED", 1, 0, 1, 2, 2),
                new RatingCell(AS_OF, "OVERALL", "UNVERIFIED", 0, 1, 0, 2, 3));
        // Σa_c² = 144 + 100 + 4 + 100 + 49 + 121 = 518; Σa_c·m_c = 3 × 52 = 156; Σm_c² = 6 × 9 = 54.
        Inputs clustered = new Inputs(cells, List.of(), List.of(),
                List.of(new ScoreCalculator.ClusterCell(AS_OF, "UNVERIFIED", 518, 156, 54)));
        ScoreFigures f = defaults.compute(clustered, AS_OF).figures();
        assertThat(f.satisfaction()).isEqualTo(new Measure(d("72.22"), d("47.07"), d("97.38"), 18, d("18.00")));
        ScoreFigures separate = defaults.compute(new Inputs(cells, List.of(), List.of()), AS_OF).figures();
        assertThat(separate.satisfaction()).isEqualTo(new Measure(d("72.22"), d("59.60"), d("84.84"), 18, d("18.00")));
    }
}
