package vn.dancham.dossier.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierTimeline.Stage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineCalculatorTest {

    static final Instant T0 = Instant.parse("2026-11-02T01:00:00Z");

    static Stage stage(int seq, int startDay, int dueDay, Integer finishedDay, Instant at) {
        return TimelineCalculator.measure(new TimelineCalculator.RawStage(seq, seq, "Khâu " + seq, 1, "VP", null, null,
                T0.plus(Duration.ofDays(startDay)), T0.plus(Duration.ofDays(dueDay)),
                finishedDay == null ? null : T0.plus(Duration.ofDays(finishedDay))), at);
    }

    @Test
    void finishedStageHeldFromStartToFinishAndLateBeyondItsOwnDue() {
        Stage s = stage(2, 1, 4, 7, T0.plus(Duration.ofDays(30)));
        assertThat(s.daysHeld()).isEqualTo(6);
        assertThat(s.lateBy()).isEqualTo(Duration.ofDays(3));
        assertThat(s.daysLate()).isEqualTo(3);
    }

    @Test
    void openStageIsMeasuredUntilNow() {
        Instant now = T0.plus(Duration.ofDays(5)).plus(Duration.ofHours(1));
        Stage s = stage(3, 2, 5, null, now);
        assertThat(s.daysHeld()).isEqualTo(3);
        assertThat(s.lateBy()).isEqualTo(Duration.ofHours(1));
        assertThat(s.daysLate()).as("an hour late is a day late to the citizen").isEqualTo(1);
    }

    @Test
    void culpritIsTheStageThatOverranItsOwnDueMost() {
        Instant now = T0.plus(Duration.ofDays(30));
        List<Stage> stages = List.of(stage(1, 0, 1, 1, now), stage(2, 1, 4, 6, now), stage(3, 6, 8, 12, now));
        // stage 2 is 2 days late, stage 3 is 4 days late: stage 3 made the dossier late.
        assertThat(TimelineCalculator.culprit(true, stages)).contains(3);
        assertThat(TimelineCalculator.culprit(false, stages)).isEmpty();
    }

    @Test
    void onATieTheEarlierStageIsTheCulprit() {
        Instant now = T0.plus(Duration.ofDays(30));
        List<Stage> stages = List.of(stage(1, 0, 1, 3, now), stage(2, 3, 4, 6, now));
        assertThat(TimelineCalculator.culprit(true, stages)).contains(1);
    }

    @Test
    void lateDossierWithoutAnyLateStageHasNoCulprit() {
        Instant now = T0.plus(Duration.ofDays(30));
        List<Stage> stages = List.of(stage(1, 0, 1, 1, now), stage(2, 5, 6, 6, now));
        assertThat(TimelineCalculator.culprit(true, stages)).isEmpty();
    }

    @Test
    void currentStageIsTheLastOpenOneUnlessReturned() {
        Instant now = T0.plus(Duration.ofDays(30));
        List<Stage> stages = List.of(stage(1, 0, 1, 1, now), stage(2, 1, 4, null, now));
        assertThat(TimelineCalculator.current(stages, false)).map(Stage::seq).contains(2);
        assertThat(TimelineCalculator.current(stages, true)).isEmpty();
        assertThat(TimelineCalculator.dossierLate(T0.plus(Duration.ofDays(10)), null, now)).isTrue();
        assertThat(TimelineCalculator.dossierLate(T0.plus(Duration.ofDays(10)), T0.plus(Duration.ofDays(9)), now))
                .isFalse();
    }
}
