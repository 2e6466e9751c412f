package vn.dancham.scoring.internal;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import vn.dancham.scoring.ScoringProperties;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The score model (identity weights, decay, Wilson interval, satisfied share, on-time rate, composite) over a
 * year of an officer's per-day aggregate cells — what one score on a page costs in Java once the cells are read —
 * against the baseline of a plain unweighted mean over the same cells. Lives in the calculator's package because
 * the calculator is package-private by design (the scoring core's API is {@code Scores}).
 */
@State(Scope.Thread)
public class ScoreCalculatorBenchmark {

    private static final String[] CRITERIA = {"ATTITUDE", "TIMELINESS", "OVERALL"};
    private static final String[] IDENTITIES = {"VERIFIED", "UNVERIFIED", "WITHHELD"};

    private ScoreCalculator calculator;
    private ScoreCalculator.Inputs inputs;
    private LocalDate asOf;

    @Setup
    public void setUp() {
        calculator = new ScoreCalculator(ScoringProperties.defaults());
        asOf = LocalDate.of(2026, 11, 22);
        SplittableRandom random = new SplittableRandom(7);
        List<ScoreCalculator.RatingCell> ratings = new ArrayList<>();
        List<ScoreCalculator.StageCell> stages = new ArrayList<>();
        List<ScoreCalculator.ComplaintCell> complaints = new ArrayList<>();
        // A busy officer: ratings on about one day in three over a year, stages finished most working days.
        for (int d = 0; d < 365; d++) {
            LocalDate day = asOf.minusDays(d);
            if (d % 3 == 0) {
                String criterion = CRITERIA[random.nextInt(3)];
                String identity = IDENTITIES[random.nextInt(3)];
                ratings.add(new ScoreCalculator.RatingCell(day, criterion, identity, random.nextInt(2),
                        random.nextInt(2), random.nextInt(3), random.nextInt(4), random.nextInt(5)));
            }
            if (d % 7 < 5) {
                int finished = 1 + random.nextInt(4);
                stages.add(new ScoreCalculator.StageCell(day, finished, random.nextInt(finished + 1) / 3));
            }
            if (d % 60 == 0) {
                complaints.add(new ScoreCalculator.ComplaintCell(day, "COMPLAINT", 1));
            }
        }
        inputs = new ScoreCalculator.Inputs(ratings, stages, complaints);
    }

    @Benchmark
    public ScoreCalculator.Computed scoreOfAYear() {
        return calculator.compute(inputs, asOf);
    }

    @Benchmark
    public double scoreOfAYearBaseline() {
        long n = 0;
        long sum = 0;
        for (ScoreCalculator.RatingCell c : inputs.ratings()) {
            for (int v = 1; v <= 5; v++) {
                n += c.count(v);
                sum += (long) c.count(v) * v;
            }
        }
        return n == 0 ? Double.NaN : (double) sum / n;
    }
}
