package vn.dancham.scoring;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Validation and overlay of the web-editable scoring settings, plain Java. */
class ScoringSettingTest {

    static Map<ScoringSetting, String> defaultsWith(ScoringSetting s, String value) {
        Map<ScoringSetting, String> m = new EnumMap<>(ScoringSetting.valuesIn(ScoringProperties.defaults()));
        m.put(s, value);
        return m;
    }

    @Test
    void theDocumentedDefaultsPassAndReadBackCanonically() {
        Map<ScoringSetting, String> values = ScoringSetting.valuesIn(ScoringProperties.defaults());
        assertThat(ScoringSetting.validate(values)).isEmpty();
        assertThat(values).containsEntry(ScoringSetting.SATISFACTION_WEIGHT, "0.6")
                .containsEntry(ScoringSetting.PRIOR_WEIGHT, "10").containsEntry(ScoringSetting.DAILY_CAP, "15")
                .containsEntry(ScoringSetting.CONFIDENCE, "0.9");
        assertThat(ScoringSetting.DAILY_CAP.property()).isEqualTo("dancham.scoring.anti-gaming.daily-cap");
    }

    @Test
    void eachFieldIsCheckedOnItsOwn() {
        assertThat(ScoringSetting.validate(defaultsWith(ScoringSetting.ON_TIME_WEIGHT, "-1")))
                .containsExactly(Map.entry(ScoringSetting.ON_TIME_WEIGHT, ScoringSetting.Problem.NOT_A_NUMBER));
        assertThat(ScoringSetting.validate(defaultsWith(ScoringSetting.ON_TIME_WEIGHT, "101")))
                .containsExactly(Map.entry(ScoringSetting.ON_TIME_WEIGHT, ScoringSetting.Problem.OUT_OF_RANGE));
        assertThat(ScoringSetting.validate(defaultsWith(ScoringSetting.ON_TIME_WEIGHT, " ")))
                .containsExactly(Map.entry(ScoringSetting.ON_TIME_WEIGHT, ScoringSetting.Problem.REQUIRED));
        assertThat(ScoringSetting.validate(defaultsWith(ScoringSetting.DAILY_CAP, "2.5")))
                .containsExactly(Map.entry(ScoringSetting.DAILY_CAP, ScoringSetting.Problem.NOT_WHOLE));
        assertThat(ScoringSetting.validate(defaultsWith(ScoringSetting.DAILY_CAP, "0")))
                .containsExactly(Map.entry(ScoringSetting.DAILY_CAP, ScoringSetting.Problem.OUT_OF_RANGE));
        assertThat(ScoringSetting.validate(defaultsWith(ScoringSetting.CONFIDENCE, "1")))
                .containsExactly(Map.entry(ScoringSetting.CONFIDENCE, ScoringSetting.Problem.OUT_OF_RANGE));
        // A Vietnamese keyboard types a decimal comma.
        assertThat(ScoringSetting.validate(defaultsWith(ScoringSetting.ON_TIME_WEIGHT, "0,25"))).isEmpty();
    }

    @Test
    void compositeWeightsCannotAllBeZeroAndVerifiedCallersMustCount() {
        Map<ScoringSetting, String> zero = defaultsWith(ScoringSetting.SATISFACTION_WEIGHT, "0");
        zero.put(ScoringSetting.ON_TIME_WEIGHT, "0");
        zero.put(ScoringSetting.COMPLAINT_WEIGHT, "0");
        assertThat(ScoringSetting.validate(zero))
                .containsExactly(Map.entry(ScoringSetting.SATISFACTION_WEIGHT, ScoringSetting.Problem.MUST_BE_POSITIVE));
        assertThat(ScoringSetting.validate(defaultsWith(ScoringSetting.VERIFIED_WEIGHT, "0.0")))
                .containsExactly(Map.entry(ScoringSetting.VERIFIED_WEIGHT, ScoringSetting.Problem.MUST_BE_POSITIVE));
        // Other weights may be zero: on-time and complaints out of the composite, withheld callers ignored.
        Map<ScoringSetting, String> satisfactionOnly = defaultsWith(ScoringSetting.ON_TIME_WEIGHT, "0");
        satisfactionOnly.put(ScoringSetting.COMPLAINT_WEIGHT, "0");
        satisfactionOnly.put(ScoringSetting.WITHHELD_WEIGHT, "0");
        assertThat(ScoringSetting.validate(satisfactionOnly)).isEmpty();
    }

    @Test
    void storedValuesOverlayTheConfiguredOnesAndBadRowsAreIgnored() {
        ScoringProperties configured = ScoringProperties.with(Map.of("model.prior-weight", "20", "zone", "UTC"));
        ScoringProperties live = ScoringSetting.overlay(configured, Map.of(
                "dancham.scoring.model.satisfaction-weight", "0.8",
                "dancham.scoring.anti-gaming.daily-cap", "4",
                "dancham.scoring.identity.withheld", "abc",
                "dancham.scoring.model.on-time-weight", "-3",
                "dancham.scoring.zone", "Asia/Tokyo"));
        assertThat(live.model().satisfactionWeight()).isEqualByComparingTo("0.8");
        assertThat(live.model().priorWeight()).isEqualByComparingTo("20");
        assertThat(live.model().onTimeWeight()).isEqualByComparingTo("0.3");
        assertThat(live.antiGaming().dailyCap()).isEqualTo(4);
        assertThat(live.antiGaming().burstWindow()).isEqualTo(configured.antiGaming().burstWindow());
        assertThat(live.identity().withheld()).as("the bad row is ignored: the configured default").isEqualByComparingTo("0.2");
        assertThat(live.zone()).hasToString("UTC");
        assertThat(live.attribution()).isSameAs(configured.attribution());
        assertThat(ScoringSetting.overlay(configured, Map.of())).isSameAs(configured);
    }
}
