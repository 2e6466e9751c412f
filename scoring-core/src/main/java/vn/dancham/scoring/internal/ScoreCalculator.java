package vn.dancham.scoring.internal;

import vn.dancham.scoring.Measure;
import vn.dancham.scoring.ScoreFigures;
import vn.dancham.scoring.ScoringProperties;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The score model, pure: aggregate cells in, figures out (docs/scoring.md gives every formula with worked examples
 * that {@code ScoreCalculatorTest} checks). Sums are taken in double from exact integer counts; results are rounded
 * to two decimals once, at the end.
 */
final class ScoreCalculator {

    /** Counted ratings of one day, criterion and caller identity, by value 1..5. */
    record RatingCell(LocalDate day, String criterion, String identity, int n1, int n2, int n3, int n4, int n5) {

        int count(int value) {
            return switch (value) {
                case 1 -> n1;
                case 2 -> n2;
                case 3 -> n3;
                case 4 -> n4;
                case 5 -> n5;
                default -> throw new IllegalArgumentException("value " + value);
            };
        }
    }

    /** Finished stages of one day and how many of them late. */
    record StageCell(LocalDate day, int finished, int late) {
    }

    /** Complaints of one kind (COMPLAINT or HARASSMENT) on one day. */
    record ComplaintCell(LocalDate day, String kind, int count) {
    }

    /**
     * The same counted ratings summed per call (the interval's cluster) for one caller identity and day: over calls
     * c with a_c = Σ (value − 1) and m_c = the call's answers, Σa_c², Σa_c·m_c, Σm_c². A call's answers share its
     * identity weight (and day), so S_c = w·25·a_c and W_c = w·m_c.
     */
    record ClusterCell(LocalDate day, String identity, long sumA2, long sumAM, long sumM2) {
    }

    /**
     * Cells of one subject. {@code clusters} may be empty (a calculator fed without them): each answer is then its
     * own call.
     */
    record Inputs(List<RatingCell> ratings, List<StageCell> stages, List<ComplaintCell> complaints,
                  List<ClusterCell> clusters) {

        static final Inputs EMPTY = new Inputs(List.of(), List.of(), List.of());

        Inputs(List<RatingCell> ratings, List<StageCell> stages, List<ComplaintCell> complaints) {
            this(ratings, stages, complaints, List.of());
        }
    }

    /**
     * Figures plus what shrinkage and pooling need: the weight sums and the unrounded values (rounding happens once,
     * on the figures shown; everything computed from them starts from the raw values).
     */
    record Computed(ScoreFigures figures, double ratingWeight, double stageWeight, Raw raw) {
    }

    /** Unrounded satisfaction and on-time rate with their bounds (null when absent), and the complaint component. */
    record Raw(Double satisfaction, Double satisfactionLow, Double satisfactionHigh, Double onTime, Double onTimeLow,
               Double onTimeHigh, double complaintComponent) {
    }

    /** Weighted sums over a set of ratings or stages. */
    private static final class Sums {
        double w, w2, points, satisfied, w2Points, w2Points2;
        int n;

        void add(double weight, int count, double pointsEach, boolean satisfiedEach) {
            if (count == 0) {
                return;
            }
            n += count;
            w += weight * count;
            w2 += weight * weight * count;
            points += weight * count * pointsEach;
            w2Points += weight * weight * count * pointsEach;
            w2Points2 += weight * weight * count * pointsEach * pointsEach;
            if (satisfiedEach) {
                satisfied += weight * count;
            }
        }

        double effectiveN() {
            return w2 == 0 ? 0 : w * w / w2;
        }
    }

    private final ScoringProperties.IdentityWeights identity;
    private final ScoringProperties.Model model;
    private final double onTimePriorWeight;
    private final double z;
    private final double confidence;

    ScoreCalculator(ScoringProperties properties) {
        this.identity = properties.identity();
        this.model = properties.model();
        this.onTimePriorWeight = properties.fairness().onTimePriorWeight().doubleValue();
        this.confidence = model.confidence().doubleValue();
        this.z = zFor(confidence);
    }

    /** Rating value 1..5 on the 0–100 scale. */
    static double points(int value) {
        return (value - 1) * 25.0;
    }

    double identityWeight(String identityClass) {
        return switch (identityClass) {
            case "VERIFIED" -> identity.verified().doubleValue();
            case "KNOWN" -> identity.known().doubleValue();
            case "UNVERIFIED" -> identity.unverified().doubleValue();
            case "WITHHELD" -> identity.withheld().doubleValue();
            default -> throw new IllegalArgumentException("identity " + identityClass);
        };
    }

    /** 0.5^(age / half-life); 1 when decay is off. Age in whole days before {@code asOf}. */
    double decay(LocalDate day, LocalDate asOf) {
        if (model.halfLife().isZero() || model.halfLife().isNegative()) {
            return 1.0;
        }
        long age = Math.max(0, ChronoUnit.DAYS.between(day, asOf));
        double halfLifeDays = model.halfLife().toMinutes() / (24.0 * 60.0);
        return Math.pow(0.5, age / halfLifeDays);
    }

    Computed compute(Inputs in, LocalDate asOf) {
        Sums all = new Sums();
        Map<String, Sums> byCriterion = new LinkedHashMap<>();
        int verified = 0, unverified = 0, withheld = 0, known = 0;
        for (RatingCell c : in.ratings()) {
            double weight = identityWeight(c.identity()) * decay(c.day(), asOf);
            Sums criterion = byCriterion.computeIfAbsent(c.criterion(), k -> new Sums());
            for (int v = 1; v <= 5; v++) {
                all.add(weight, c.count(v), points(v), v >= 4);
                criterion.add(weight, c.count(v), points(v), v >= 4);
            }
            int n = c.n1() + c.n2() + c.n3() + c.n4() + c.n5();
            switch (c.identity()) {
                case "VERIFIED" -> verified += n;
                case "UNVERIFIED" -> unverified += n;
                case "KNOWN" -> known += n;
                default -> withheld += n;
            }
        }
        // Σ over calls of S_c², S_c·W_c and W_c²: the satisfaction interval's cluster sums.
        double[] calls = new double[3];
        for (ClusterCell c : in.clusters()) {
            double weight = identityWeight(c.identity()) * decay(c.day(), asOf);
            double w2 = weight * weight;
            calls[0] += w2 * 625.0 * c.sumA2();
            calls[1] += w2 * 25.0 * c.sumAM();
            calls[2] += w2 * c.sumM2();
        }
        if (in.clusters().isEmpty()) {
            calls = perAnswer(all);
        }
        Sums stages = new Sums();
        for (StageCell s : in.stages()) {
            double weight = decay(s.day(), asOf);
            stages.add(weight, s.finished() - s.late(), 100.0, true);
            stages.add(weight, s.late(), 0.0, false);
        }
        double complaintsWeighted = 0, harassmentWeighted = 0;
        int complaints = 0, harassment = 0;
        for (ComplaintCell c : in.complaints()) {
            double weight = decay(c.day(), asOf) * c.count();
            if ("HARASSMENT".equals(c.kind())) {
                harassment += c.count();
                harassmentWeighted += weight;
            } else {
                complaints += c.count();
                complaintsWeighted += weight;
            }
        }

        Measure satisfiedShare = share(all);
        Measure onTime = share(stages);
        // One call answers each criterion once: per criterion, each answer is its own call.
        Map<String, Measure> criteria = new LinkedHashMap<>();
        byCriterion.forEach((k, s) -> criteria.put(k, measure(s, meanInterval(s, perAnswer(s)))));
        double complaintComponent = Math.max(0, 100 - model.complaintPenalty().doubleValue() * complaintsWeighted
                - model.harassmentPenalty().doubleValue() * harassmentWeighted);
        double[] satisfactionInterval = meanInterval(all, calls);
        Measure satisfaction = measure(all, satisfactionInterval);
        Raw raw = raw(all, satisfactionInterval, stages, complaintComponent);
        Measure composite = composite(raw, satisfaction.sampleSize(), satisfaction.effectiveSampleSize());
        ScoreFigures figures = new ScoreFigures(satisfaction, satisfiedShare, onTime, criteria, verified, unverified,
                withheld, known, complaints, harassment, round(complaintComponent), composite, null, null);
        return new Computed(figures, all.w, stages.w, raw);
    }

    private Raw raw(Sums ratings, double[] satisfactionInterval, Sums stages, double complaintComponent) {
        Double s = null, sLow = null, sHigh = null, r = null, rLow = null, rHigh = null;
        if (satisfactionInterval != null) {
            s = ratings.points / ratings.w;
            sLow = satisfactionInterval[0];
            sHigh = satisfactionInterval[1];
        }
        if (stages.n > 0 && stages.w > 0) {
            double p = stages.satisfied / stages.w;
            double[] interval = wilson(p, stages.effectiveN(), z);
            r = p * 100;
            rLow = interval[0] * 100;
            rHigh = interval[1] * 100;
        }
        return new Raw(s, sLow, sHigh, r, rLow, rHigh, complaintComponent);
    }

    /**
     * Leaderboard shrinkage: satisfaction pulled toward the table's mean by {@code model.prior-weight}
     * pseudo-ratings, the on-time rate by {@code fairness.on-time-prior-weight} pseudo-stages, the composite
     * recomputed from them. A subject without ratings stays unranked (null).
     */
    ScoreFigures shrink(Computed c, Double meanSatisfaction, Double meanOnTime) {
        return shrink(c, Prior.of(meanSatisfaction, meanOnTime));
    }

    /**
     * What a league-table member is pulled toward: the mean satisfaction and on-time rate of the rest of its table,
     * and the rating and stage weight those means rest on. A prior counts for at most the answers (stages) it is
     * made of: {@code model.prior-weight} = 10 pseudo-ratings from a rest of one rating would pull a member hard
     * toward a single answer and make its ranking interval look certain.
     */
    record Prior(Double satisfaction, double ratingWeight, Double onTime, double stageWeight) {

        /** A prior whose means rest on plenty of data: the configured weights apply in full. */
        static Prior of(Double satisfaction, Double onTime) {
            return new Prior(satisfaction, Double.POSITIVE_INFINITY, onTime, Double.POSITIVE_INFINITY);
        }
    }

    ScoreFigures shrink(Computed c, Prior prior) {
        ScoreFigures f = c.figures();
        Double meanSatisfaction = prior.satisfaction();
        Double meanOnTime = prior.onTime();
        if (!f.satisfaction().present() || meanSatisfaction == null) {
            return f;
        }
        double k = Math.min(model.priorWeight().doubleValue(), prior.ratingWeight());
        double s = (c.ratingWeight() * c.raw().satisfaction() + k * meanSatisfaction) / (c.ratingWeight() + k);
        Double r = null;
        if (meanOnTime != null) {
            double own = c.raw().onTime() != null ? c.raw().onTime() : 0;
            double kr = Math.min(onTimePriorWeight, prior.stageWeight());
            // No stage of its own: the table's mean, whatever the prior weight.
            r = c.stageWeight() == 0 ? meanOnTime
                    : (c.stageWeight() * own + kr * meanOnTime) / (c.stageWeight() + kr);
        }
        double composite = compositeValue(s, r, c.raw().complaintComponent());
        return new ScoreFigures(f.satisfaction(), f.satisfiedShare(), f.onTime(), f.byCriterion(), f.verified(),
                f.unverified(), f.withheld(), f.known(), f.complaints(), f.harassmentReports(), f.complaintComponent(),
                f.composite(), round(s), round(composite));
    }

    /**
     * The ranking score's interval: the composite's bounds (satisfaction's and the on-time rate's) pulled toward
     * the table's means exactly as the estimate is, with the complaint component fixed. An approximation, not a
     * posterior interval: it narrows as the prior weighs in, as the estimate does.
     */
    double[] shrunkCompositeBounds(Computed c, Prior prior) {
        ScoreFigures f = c.figures();
        Double meanSatisfaction = prior.satisfaction();
        Double meanOnTime = prior.onTime();
        if (!f.satisfaction().present() || meanSatisfaction == null) {
            return null;
        }
        double k = Math.min(model.priorWeight().doubleValue(), prior.ratingWeight());
        double[] result = new double[2];
        Raw raw = c.raw();
        for (int i = 0; i < 2; i++) {
            double s = i == 0 ? raw.satisfactionLow() : raw.satisfactionHigh();
            double shrunkS = (c.ratingWeight() * s + k * meanSatisfaction) / (c.ratingWeight() + k);
            Double shrunkR = null;
            if (meanOnTime != null) {
                double own = raw.onTime() != null ? (i == 0 ? raw.onTimeLow() : raw.onTimeHigh()) : 0;
                double kr = Math.min(onTimePriorWeight, prior.stageWeight());
                shrunkR = c.stageWeight() == 0 ? meanOnTime
                        : (c.stageWeight() * own + kr * meanOnTime) / (c.stageWeight() + kr);
            }
            result[i] = compositeValue(shrunkS, shrunkR, raw.complaintComponent());
        }
        return result;
    }

    /** Cluster sums when every answer is its own call: ΣS², ΣS·W, ΣW². */
    private static double[] perAnswer(Sums s) {
        return new double[]{s.w2Points2, s.w2Points, s.w2};
    }

    /** The weighted mean's interval on 0–100 with the calls as clusters ({@link ClusteredMean}); null without data. */
    private double[] meanInterval(Sums s, double[] calls) {
        if (s.n == 0 || s.w == 0) {
            return null;
        }
        return ClusteredMean.interval(s.points / s.w, s.w, calls[0], calls[1], calls[2], s.n, confidence);
    }

    private static Measure measure(Sums s, double[] interval) {
        if (interval == null) {
            return new Measure(null, null, null, s.n, BigDecimal.ZERO);
        }
        return new Measure(round(s.points / s.w), round(interval[0]), round(interval[1]), s.n,
                round(s.effectiveN()));
    }

    private Measure share(Sums s) {
        if (s.n == 0 || s.w == 0) {
            return new Measure(null, null, null, s.n, BigDecimal.ZERO);
        }
        double p = s.satisfied / s.w;
        double[] interval = wilson(p, s.effectiveN(), z);
        return new Measure(round(p * 100), round(interval[0] * 100), round(interval[1] * 100), s.n,
                round(s.effectiveN()));
    }

    /**
     * Weighted mean of the components present: satisfaction (required), on-time rate (when any stage finished) and
     * the complaint component. Its interval combines the components' bounds with the same weights (a conservative
     * bound: it assumes the components err together).
     */
    private Measure composite(Raw raw, int n, BigDecimal effectiveN) {
        if (raw.satisfaction() == null) {
            return new Measure(null, null, null, 0, BigDecimal.ZERO);
        }
        double value = compositeValue(raw.satisfaction(), raw.onTime(), raw.complaintComponent());
        double low = compositeValue(raw.satisfactionLow(), raw.onTimeLow(), raw.complaintComponent());
        double high = compositeValue(raw.satisfactionHigh(), raw.onTimeHigh(), raw.complaintComponent());
        return new Measure(round(value), round(low), round(high), n, effectiveN);
    }

    private double compositeValue(double satisfaction, Double onTime, double complaintComponent) {
        double ws = model.satisfactionWeight().doubleValue();
        double wr = onTime != null ? model.onTimeWeight().doubleValue() : 0;
        double wc = model.complaintWeight().doubleValue();
        return (ws * satisfaction + wr * (onTime != null ? onTime : 0) + wc * complaintComponent) / (ws + wr + wc);
    }

    /** {@code yes} of {@code n} unweighted cases as a percentage with its Wilson interval (NONE-like when n = 0). */
    Measure proportion(int yes, int n) {
        if (n == 0) {
            return new Measure(null, null, null, 0, BigDecimal.ZERO);
        }
        double p = (double) yes / n;
        double[] interval = wilson(p, n, z);
        return new Measure(round(p * 100), round(interval[0] * 100), round(interval[1] * 100), n, round(n));
    }

    /** Wilson score interval for a proportion p observed over n (possibly fractional, effective) trials. */
    static double[] wilson(double p, double n, double z) {
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        return new double[]{Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** The two-sided normal quantile for a confidence level, e.g. 0.90 → 1.6449, 0.95 → 1.9600. */
    static double zFor(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
        }
        return inverseNormal(1 - (1 - confidence) / 2);
    }

    /** Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9). */
    static double inverseNormal(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -inverseNormal(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    static BigDecimal roundOrNull(Double value) {
        return value == null ? null : round(value);
    }

    static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }
}
