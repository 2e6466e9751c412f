package vn.dancham.scoring.internal;

/**
 * The interval of a weighted 0–100 mean whose answers come in calls (docs/scoring.md §5, "The satisfaction
 * interval"). One call's answers are related (the same caller, the same visit: ICC ≈ 0.34 in the audit), so the
 * call is the unit of sampling: the variance is the cluster-robust (linearised ratio-estimator) one over calls,
 * with a small-sample correction in the effective number of calls G = (ΣW_c)² / ΣW_c² (the calls count for less
 * when their weights differ, as answers do in n_eff): the factor G/(G−1) and a Student t quantile with G−1 degrees
 * of freedom. The interval is clipped to the scale. {@code ClusteredMeanCoverageTest} checks that the nominal 90 %
 * covers 88–92 % on simulated calls; with the plain call count instead of G it covered about 87 % for 5–10 calls. Wilson's interval is for yes/no shares; on a 1–5 mean it was about twice too wide while
 * treating a call's answers as independent made office intervals too narrow.
 *
 * <p>Inputs are sums over calls c, with S_c = Σ weight×points of the call's answers and W_c = Σ weight:
 * ΣS_c² ({@code ss}), ΣS_c·W_c ({@code sw}), ΣW_c² ({@code ww}), and the number of answers N.
 */
final class ClusteredMean {

    /** Points two answer steps apart (a 3 among 5s): the least disagreement the interval assumes (see below). */
    private static final double FLOOR_POINTS = 50.0;

    private ClusteredMean() {
    }

    /**
     * [low, high] on 0–100 around {@code mean} (= ΣS/ΣW) at the given confidence.
     *
     * <p>When the answers hardly differ (all 5s, say) the residuals vanish and the interval would shrink to a point;
     * so their sum of squares is never taken below that of one answer of average weight two steps off the rest: ten
     * identical answers never look certain. One call alone shows no spread between calls at all: with G ≤ 2 the
     * t quantile keeps one degree of freedom (6.31 at 90 %), which spans most of the scale.
     */
    static double[] interval(double mean, double sumW, double ss, double sw, double ww, double answers,
                             double confidence) {
        double residuals = ss - 2 * mean * sw + mean * mean * ww;
        double averageWeight = sumW / answers;
        residuals = Math.max(residuals, FLOOR_POINTS * FLOOR_POINTS * averageWeight * averageWeight);
        double calls = sumW * sumW / ww;
        double df = Math.max(1, calls - 1);
        double variance = calls / df * residuals / (sumW * sumW);
        double half = StudentT.twoSidedQuantile(confidence, df) * Math.sqrt(variance);
        return new double[]{Math.max(0, mean - half), Math.min(100, mean + half)};
    }

    /** Student's t distribution: the quantile a two-sided interval needs, from the regularised incomplete beta. */
    static final class StudentT {

        private StudentT() {
        }

        /** t such that P(|T| ≤ t) = confidence with {@code df} degrees of freedom (df may be fractional). */
        static double twoSidedQuantile(double confidence, double df) {
            if (!(confidence > 0 && confidence < 1) || !(df > 0)) {
                throw new IllegalArgumentException("confidence " + confidence + ", df " + df);
            }
            // P(|T| > t) = I_x(df/2, 1/2) with x = df/(df + t²); I grows with x, so bisect x in (0, 1).
            double alpha = 1 - confidence;
            double lo = 0, hi = 1;
            for (int i = 0; i < 200 && hi - lo > 1e-17; i++) {
                double x = (lo + hi) / 2;
                if (regularisedBeta(x, df / 2, 0.5) < alpha) {
                    lo = x;
                } else {
                    hi = x;
                }
            }
            double x = (lo + hi) / 2;
            return Math.sqrt(df * (1 - x) / x);
        }

        /** I_x(a, b) by its continued fraction (Numerical Recipes, betai/betacf). */
        static double regularisedBeta(double x, double a, double b) {
            if (x <= 0) {
                return 0;
            }
            if (x >= 1) {
                return 1;
            }
            double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x)
                    + b * Math.log(1 - x));
            return x < (a + 1) / (a + b + 2) ? front * continuedFraction(x, a, b) / a
                    : 1 - front * continuedFraction(1 - x, b, a) / b;
        }

        private static double continuedFraction(double x, double a, double b) {
            double tiny = 1e-300;
            double c = 1, d = 1 - (a + b) * x / (a + 1);
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            double h = d;
            for (int m = 1; m <= 300; m++) {
                int m2 = 2 * m;
                double aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
                d = 1 + aa * d;
                d = 1 / (Math.abs(d) < tiny ? tiny : d);
                c = 1 + aa / c;
                c = Math.abs(c) < tiny ? tiny : c;
                h *= d * c;
                aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
                d = 1 + aa * d;
                d = 1 / (Math.abs(d) < tiny ? tiny : d);
                c = 1 + aa / c;
                c = Math.abs(c) < tiny ? tiny : c;
                double step = d * c;
                h *= step;
                if (Math.abs(step - 1) < 1e-15) {
                    break;
                }
            }
            return h;
        }

        /** ln Γ(x), Lanczos (relative error below 2e-10, ample for a quantile shown to two decimals). */
        static double logGamma(double x) {
            double[] cof = {76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155,
                    0.1208650973866179e-2, -0.5395239384953e-5};
            double y = x;
            double tmp = x + 5.5;
            tmp -= (x + 0.5) * Math.log(tmp);
            double series = 1.000000000190015;
            for (double c : cof) {
                series += c / ++y;
            }
            return -tmp + Math.log(2.5066282746310005 * series / x);
        }
    }
}
