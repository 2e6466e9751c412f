package vn.dancham.responsiveness.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.dancham.responsiveness.ResponsivenessReport.Calls;
import vn.dancham.responsiveness.internal.LeaderAnswerPolicy.Outcome;
import vn.dancham.responsiveness.internal.LeaderAnswerPolicy.Reason;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a ring counts as, and the weekly line, by hand-made examples. */
class LeaderAnswerPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "ANSWER,      ANSWERED,       ANSWERED",
            "BUSY,        BUSY,           MISSED",
            "NOANSWER,    NO_ANSWER,      MISSED",
            "CHANUNAVAIL, UNREACHABLE,    MISSED",
            "CONGESTION,  CONGESTION,     MISSED",
            "DONTCALL,    SCREENED_OUT,   MISSED",
            "CANCEL,      CALLER_HUNG_UP, NOT_COUNTED",
            "INVALIDARGS, HOTLINE_FAULT,  NOT_COUNTED",
            "'',          HOTLINE_FAULT,  NOT_COUNTED",
            "answer,      ANSWERED,       ANSWERED"})
    void eachDialStatusCountsByTheRules(String status, Reason reason, Outcome outcome) {
        assertThat(LeaderAnswerPolicy.judge(status, false)).isEqualTo(reason);
        assertThat(reason.outcome()).isEqualTo(outcome);
    }

    @Test
    void aRingDuringATestCallNeverCountsEvenWhenAnswered() {
        assertThat(LeaderAnswerPolicy.judge("ANSWER", true)).isEqualTo(Reason.TEST_CALL);
        assertThat(LeaderAnswerPolicy.judge("NOANSWER", true).outcome()).isEqualTo(Outcome.NOT_COUNTED);
    }

    @Test
    void noStatusAtAllIsTheHotlinesFaultNotTheLeaders() {
        assertThat(LeaderAnswerPolicy.judge(null, false)).isEqualTo(Reason.HOTLINE_FAULT);
    }

    @Test
    void aDistrictBelowTheShareWithEnoughCallsIsAConcern() {
        BigDecimal line = new BigDecimal("0.80");
        // 7 of 10 = 70 % < 80 %.
        assertThat(Tally.unanswered(new Calls(12, 7, 3, 2), line, 5)).isTrue();
        // 8 of 10 is exactly on the line: not below it.
        assertThat(Tally.unanswered(new Calls(10, 8, 2, 0), line, 5)).isFalse();
        // 0 of 4: too few calls to act on; the hang-ups (not counted) do not make up the number.
        assertThat(Tally.unanswered(new Calls(9, 0, 4, 5), line, 5)).isFalse();
    }

    @Test
    void ackTimesAreMedianNinetiethPercentileByNearestRankAndMax() {
        var t = Tally.times(List.of(m(4), m(1), m(10), m(2), m(3), m(5), m(6), m(7), m(8), m(30)));
        assertThat(t.count()).isEqualTo(10);
        assertThat(t.median()).isEqualTo(Duration.ofSeconds(330)); // (5 + 6) / 2 minutes
        assertThat(t.p90()).isEqualTo(m(10)); // the 9th of 10
        assertThat(t.max()).isEqualTo(m(30));
        assertThat(Tally.times(List.of(m(7))).p90()).isEqualTo(m(7));
        assertThat(Tally.times(List.of()).median()).isNull();
    }

    private static Duration m(int minutes) {
        return Duration.ofMinutes(minutes);
    }
}
