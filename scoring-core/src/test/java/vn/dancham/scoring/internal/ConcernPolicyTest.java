package vn.dancham.scoring.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.scoring.Measure;
import vn.dancham.scoring.ScoringProperties;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ConcernPolicyTest {

    final ConcernPolicy policy = new ConcernPolicy(ScoringProperties.defaults().concerns());

    static Measure m(String value, String low, String high, int n) {
        return new Measure(new BigDecimal(value), new BigDecimal(low), new BigDecimal(high), n, new BigDecimal(n));
    }

    @Test
    void lowScoreNeedsTheWholeIntervalBelowTheThresholdAndEnoughRatings() {
        assertThat(policy.lowScore(m("30", "18", "45", 12))).isTrue();
        assertThat(policy.lowScore(m("30", "10", "62", 12))).as("might be above 60").isFalse();
        assertThat(policy.lowScore(m("0", "0", "40", 3))).as("three ratings are not enough").isFalse();
        assertThat(policy.lowScore(Measure.NONE)).isFalse();
    }

    @Test
    void aDropMustBeLargeAndOutsideBothIntervals() {
        Measure before = m("80", "72", "86", 40);
        assertThat(policy.drop(before, m("60", "50", "69", 30))).isTrue();
        assertThat(policy.drop(before, m("66", "55", "75", 30))).as("intervals overlap").isFalse();
        assertThat(policy.drop(before, m("70", "66", "71", 300))).as("only 10 points").isFalse();
        assertThat(policy.drop(before, m("40", "10", "60", 5))).as("too few ratings").isFalse();
    }
}
