package vn.dancham.scoring.internal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Does the satisfaction interval say what it claims? Simulated calls, a fixed seed, a few hundred milliseconds.
 *
 * <p>The model: a subject's callers have a latent satisfaction μ (1–5 scale, drawn per repetition from 2.0–4.5, i.e.
 * true means of about 25 to 87 points); each call adds its own effect u ~ N(0, 0.38) and each answer e ~ N(0, 0.62),
 * rounded and clipped to 1–5. The latent intra-call correlation 0.38 gives about 0.34 on the 1–5 answers (the
 * audit's ICC; measured on 200,000 calls of three answers: 0.36 at μ = 3.5, 0.34 at μ = 4.3). A call gives one to
 * three answers about the subject; its caller's weight is 1.0, 0.8, 0.3 or 0.2 (half, a fifth, a fifth, a tenth);
 * a subject has 5 to 60 calls. The true mean is Σ points(v)·P(v), exact from the normal distribution, since weights
 * and call sizes do not depend on the answers.
 *
 * <p>Monte-Carlo error: with R = 20,000 repetitions a coverage near 0.90 has a standard error of √(0.9·0.1/R) =
 * 0.21 percentage points, so the 88–92 % band is ±9 standard errors around the nominal 90 %: a method that passes
 * is within about ±1.4 points of nominal, and one that fails is off, not unlucky.
 */
class ClusteredMeanCoverageTest {

    static final int REPETITIONS = 20_000;
    static final double CONFIDENCE = 0.90;
    static final double CALL_VARIANCE = 0.38;
    static final double[] WEIGHTS = {1.0, 0.8, 0.3, 0.2};
    static final double[] WEIGHT_SHARES = {0.5, 0.2, 0.2, 0.1};

    /** Coverage (share of repetitions whose interval holds the true mean) of the three intervals compared. */
    record Coverage(double clustered, double independentAnswers, double wilson) {
    }

    static Coverage simulate(long seed, int minCalls, int maxCalls) {
        Random random = new Random(seed);
        double callSd = Math.sqrt(CALL_VARIANCE);
        double answerSd = Math.sqrt(1 - CALL_VARIANCE);
        int clustered = 0, independent = 0, wilson = 0;
        for (int r = 0; r < REPETITIONS; r++) {
            double mu = 2.0 + 2.5 * random.nextDouble();
            double truth = trueMean(mu);
            int calls = minCalls + random.nextInt(maxCalls - minCalls + 1);
            double sumW = 0, sumS = 0, ss = 0, sw = 0, ww = 0;
            double w2 = 0, w2p = 0, w2pp = 0;
            int answers = 0;
            for (int c = 0; c < calls; c++) {
                double u = random.nextGaussian() * callSd;
                double weight = weight(random.nextDouble());
                int size = 1 + random.nextInt(3);
                double s = 0, w = 0;
                for (int j = 0; j < size; j++) {
                    int value = (int) Math.max(1, Math.min(5, Math.round(mu + u + random.nextGaussian() * answerSd)));
                    double points = ScoreCalculator.points(value);
                    s += weight * points;
                    w += weight;
                    w2 += weight * weight;
                    w2p += weight * weight * points;
                    w2pp += weight * weight * points * points;
                    answers++;
                }
                sumW += w;
                sumS += s;
                ss += s * s;
                sw += s * w;
                ww += w * w;
            }
            double mean = sumS / sumW;
            if (covers(ClusteredMean.interval(mean, sumW, ss, sw, ww, answers, CONFIDENCE), truth)) {
                clustered++;
            }
            // The same interval with every answer its own call: what ignoring the call's correlation gives.
            if (covers(ClusteredMean.interval(mean, sumW, w2pp, w2p, w2, answers, CONFIDENCE), truth)) {
                independent++;
            }
            // Before issue 12: Wilson's yes/no interval on mean/100 with n_eff answers.
            double[] old = ScoreCalculator.wilson(mean / 100, sumW * sumW / w2, ScoreCalculator.zFor(CONFIDENCE));
            if (covers(new double[]{old[0] * 100, old[1] * 100}, truth)) {
                wilson++;
            }
        }
        return new Coverage((double) clustered / REPETITIONS, (double) independent / REPETITIONS,
                (double) wilson / REPETITIONS);
    }

    @Test
    void theNominal90PercentIntervalCovers88To92PercentOfTrueMeans() {
        Coverage coverage = simulate(20261201L, 5, 60);
        // The figures quoted in docs/scoring.md §5 ("Checked by simulation").
        System.out.printf("nominal 90 %%, 5-60 calls: clustered %.4f, answers as independent %.4f, Wilson %.4f%n",
                coverage.clustered(), coverage.independentAnswers(), coverage.wilson());
        assertThat(coverage.clustered()).as("clustered interval, 5–60 calls").isBetween(0.88, 0.92);
        // The old interval behaves like a 99 % one (too wide) and does not pass the same check.
        assertThat(coverage.wilson()).as("Wilson on the mean").isGreaterThan(0.98);
        // Treating a call's answers as independent makes the interval too narrow.
        assertThat(coverage.independentAnswers()).as("answers as independent").isLessThan(0.88);
    }

    @Test
    void smallSubjectsAreCoveredToo() {
        // Five to ten calls: where the small-sample correction matters most.
        assertThat(simulate(7L, 5, 10).clustered()).isBetween(0.88, 0.92);
    }

    @Test
    void studentTQuantilesMatchTheTables() {
        assertThat(ClusteredMean.StudentT.twoSidedQuantile(0.90, 1)).isCloseTo(6.3138, within(1e-4));
        assertThat(ClusteredMean.StudentT.twoSidedQuantile(0.90, 9)).isCloseTo(1.8331, within(1e-4));
        assertThat(ClusteredMean.StudentT.twoSidedQuantile(0.95, 4)).isCloseTo(2.7764, within(1e-4));
        assertThat(ClusteredMean.StudentT.twoSidedQuantile(0.90, 1e7)).isCloseTo(1.6449, within(1e-3));
    }

    private static boolean covers(double[] interval, double truth) {
        return interval[0] <= truth && truth <= interval[1];
    }

    private static double weight(double draw) {
        double cumulative = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            cumulative += WEIGHT_SHARES[i];
            if (draw < cumulative) {
                return WEIGHTS[i];
            }
        }
        return WEIGHTS[WEIGHTS.length - 1];
    }

    /** E[points] when the answer is μ + N(0, 1) rounded and clipped to 1–5. */
    private static double trueMean(double mu) {
        double mean = 0;
        for (int v = 1; v <= 5; v++) {
            double upper = v == 5 ? 1.0 : normalCdf(v + 0.5 - mu);
            double lower = v == 1 ? 0.0 : normalCdf(v - 0.5 - mu);
            mean += ScoreCalculator.points(v) * (upper - lower);
        }
        return mean;
    }

    /** Φ(x) through erf (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7: ample for the truth). */
    private static double normalCdf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
        double erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x / 2);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
