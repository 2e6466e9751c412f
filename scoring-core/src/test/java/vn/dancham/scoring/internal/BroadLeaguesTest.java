package vn.dancham.scoring.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BroadLeaguesTest {

    static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aTableIsBroadAboveTheBarAndNeverWhenItsSizeIsNotKnown() {
        BroadLeagues policy = BroadLeagues.DEFAULT;
        assertThat(policy.broad(100_000L)).isFalse();
        assertThat(policy.broad(100_001L)).isTrue();
        assertThat(policy.broad(null)).as("stored before V269 or never computed").isFalse();
    }

    @Test
    void aMarkedBroadTableIsServedForAnHourAfterItsTimeAndAnOrdinaryOneNever() {
        BroadLeagues policy = new BroadLeagues(1_000, Duration.ofMinutes(30));
        assertThat(policy.servedUntil(5_000L, AT)).isEqualTo(AT.plus(Duration.ofHours(1)));
        assertThat(policy.servedUntil(1_000L, AT)).isNull();
        assertThat(policy.servedUntil(null, AT)).isNull();
        assertThat(policy.servedUntil(5_000L, null)).as("never computed").isNull();
    }

    @Test
    void theJobTakesAMarkedBroadTableOnceItIsOlderThanItsInterval() {
        BroadLeagues policy = new BroadLeagues(1_000, Duration.ofMinutes(30));
        assertThat(policy.dueBefore(AT)).isEqualTo(AT.minus(Duration.ofMinutes(30)));
    }

    @Test
    void anIntervalThatWouldOutliveWhatPagesShowIsRefused() {
        assertThatThrownBy(() -> new BroadLeagues(1_000, Duration.ofHours(1)))
                .hasMessageContaining("dancham.scoring.leagues.broad-every");
        assertThatThrownBy(() -> new BroadLeagues(-1, Duration.ofMinutes(30)))
                .hasMessageContaining("dancham.scoring.leagues.broad-from");
        assertThat(new BroadLeagues(0, Duration.ZERO).broad(1L)).isTrue();
    }
}
