package vn.dancham.scoring;

import java.math.BigDecimal;

/**
 * One figure on a 0–100 scale with its uncertainty.
 *
 * @param value               the estimate, null when there is no data
 * @param low                 lower bound of the interval at the configured confidence (Wilson score interval)
 * @param high                upper bound
 * @param sampleSize          how many ratings (or stages) it rests on
 * @param effectiveSampleSize the sample size the weights amount to, (Σw)²/Σw²: fewer when weights differ
 */
public record Measure(BigDecimal value, BigDecimal low, BigDecimal high, int sampleSize,
                      BigDecimal effectiveSampleSize) {

    public static final Measure NONE = new Measure(null, null, null, 0, BigDecimal.ZERO);

    public boolean present() {
        return value != null;
    }
}
