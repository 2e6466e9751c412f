package vn.dancham.scoring.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.scoring.ScoringProperties;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings' fingerprint keeps its last answer; a change of any value still gives another fingerprint. */
class SettingsFingerprintTest {

    record Settings(double priorWeight, int minSample, String formula) {
    }

    @Test
    void equalSettingsShareAFingerprintAndAnyChangedValueGivesAnother() {
        String first = ReadyLeagues.fingerprint(new Settings(5.0, 10, "bayes"));
        assertThat(ReadyLeagues.fingerprint(new Settings(5.0, 10, "bayes"))).isEqualTo(first).hasSize(64);
        String weight = ReadyLeagues.fingerprint(new Settings(5.5, 10, "bayes"));
        String sample = ReadyLeagues.fingerprint(new Settings(5.5, 11, "bayes"));
        assertThat(weight).isNotEqualTo(first);
        assertThat(sample).isNotEqualTo(weight).isNotEqualTo(first);
        assertThat(ReadyLeagues.fingerprint(new Settings(5.0, 10, "bayes"))).as("back to the first settings")
                .isEqualTo(first);
    }

    @Test
    void onlyTheSettingsTheFiguresDependOnMoveTheScoringFingerprint() {
        String defaults = ReadyLeagues.fingerprint(ScoringProperties.defaults());
        for (String operational : List.of("writer.batch-size", "league-cache.entries", "leagues.broad-from",
                "concerns.min-ratings")) {
            assertThat(ReadyLeagues.fingerprint(ScoringProperties.with(Map.of(operational, "7"))))
                    .as(operational).isEqualTo(defaults);
        }
        for (String figures : List.of("model.prior-weight", "fairness.min-effective-n", "identity.known",
                "anti-gaming.daily-cap")) {
            assertThat(ReadyLeagues.fingerprint(ScoringProperties.with(Map.of(figures, "7"))))
                    .as(figures).isNotEqualTo(defaults);
        }
        assertThat(ReadyLeagues.fingerprint(ScoringProperties.with(Map.of("zone", "UTC")))).isNotEqualTo(defaults);
    }
}
