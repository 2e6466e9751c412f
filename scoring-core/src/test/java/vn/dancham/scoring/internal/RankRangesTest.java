package vn.dancham.scoring.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.scoring.internal.RankRanges.Interval;
import vn.dancham.scoring.internal.RankRanges.Range;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankRangesTest {

    @Test
    void overlappingIntervalsShareTheirRanksAndSeparateOnesDoNot() {
        // A [85, 95] and B [82, 94] overlap; C [60, 70] lies below both; D [65, 90] overlaps all three.
        Interval a = new Interval(85, 95), b = new Interval(82, 94), c = new Interval(60, 70), d = new Interval(65, 90);
        assertThat(RankRanges.of(List.of(a, b, c, d))).containsExactly(
                new Range(1, 3),   // nobody surely above A; B and D may be
                new Range(1, 3),
                new Range(3, 4),   // A and B surely above C; D may be
                new Range(1, 4));
    }

    @Test
    void identicalIntervalsAreCountedOncePerMember() {
        Interval x = new Interval(50, 60), y = new Interval(50, 60);
        assertThat(RankRanges.of(List.of(x, y))).containsExactly(new Range(1, 2), new Range(1, 2));
    }
}
