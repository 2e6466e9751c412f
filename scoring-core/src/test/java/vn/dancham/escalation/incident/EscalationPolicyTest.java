package vn.dancham.escalation.incident;

import org.junit.jupiter.api.Test;
import vn.dancham.escalation.Severity;
import vn.dancham.escalation.incident.EscalationPolicy.Progress;
import vn.dancham.escalation.incident.EscalationPolicy.Step;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The escalation policy as a pure function: levels, waits, repeats, empty slots. */
class EscalationPolicyTest {

    static final Instant T0 = Instant.parse("2026-11-22T07:05:00Z");
    static final EscalationPolicy URGENT = new EscalationPolicy(Severity.URGENT, Duration.ofMinutes(5), 3, 1, false);

    static TreeSet<Integer> levels(Integer... l) {
        return new TreeSet<>(java.util.List.of(l));
    }

    @Test
    void theFirstStepNotifiesTheLowestLevelOnDutyAndWaitsFiveMinutes() {
        assertThat(URGENT.next(Progress.START, levels(1, 2, 3), T0))
                .isEqualTo(new Step.Notify(1, 0));
    }

    @Test
    void unacknowledgedAfterTheWaitGoesToTheNextLevel() {
        Instant later = T0.plus(Duration.ofMinutes(5));
        assertThat(URGENT.next(new Progress(1, 0, true), levels(1, 2, 3), later))
                .isEqualTo(new Step.Notify(2, 0));
    }

    @Test
    void emptyRosterSlotsAreSkipped() {
        // Nobody holds level 2 now: level 1 → level 3.
        assertThat(URGENT.next(new Progress(1, 0, true), levels(1, 3), T0))
                .isEqualTo(new Step.Notify(3, 0));
        // Nobody at level 1: the first message goes to level 2.
        assertThat(URGENT.next(Progress.START, levels(2, 3), T0)).isEqualTo(new Step.Notify(2, 0));
    }

    @Test
    void levelsAboveTheMaximumAreNeverBothered() {
        EscalationPolicy twoLevels = new EscalationPolicy(Severity.WARNING, Duration.ofMinutes(30), 2, 0, false);
        assertThat(twoLevels.next(new Progress(2, 0, true), levels(1, 2, 3), T0)).isEqualTo(new Step.GiveUp());
    }

    @Test
    void afterTheTopLevelTheChainRepeatsFromTheLowestLevel() {
        assertThat(URGENT.next(new Progress(3, 0, true), levels(1, 2, 3), T0))
                .isEqualTo(new Step.Notify(1, 1));
    }

    @Test
    void whenEveryRoundIsSpentTheIncidentIsGivenUpAsUnacknowledged() {
        assertThat(URGENT.next(new Progress(3, 1, true), levels(1, 2, 3), T0)).isEqualTo(new Step.GiveUp());
    }

    @Test
    void aFullWalkNotifiesEveryLevelOfEveryRoundThenGivesUp() {
        Progress p = Progress.START;
        Instant now = T0;
        StringBuilder walk = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            Step s = URGENT.next(p, levels(1, 2, 3), now);
            if (s instanceof Step.Notify n) {
                walk.append(n.round()).append(':').append(n.level()).append(' ');
                p = new Progress(n.level(), n.round(), true);
                // Its SMS leaves a second later; the wait starts then.
                now = URGENT.waitStarts(p, null, n.level(), n.round(), now.plusSeconds(1)).orElseThrow();
            } else {
                walk.append(s.getClass().getSimpleName());
                break;
            }
        }
        assertThat(walk.toString()).isEqualTo("0:1 0:2 0:3 1:1 1:2 1:3 GiveUp");
    }

    @Test
    void withNobodyOnDutyARoundPassesSilentlyAndSomeoneArrivingIsToldInTheNextStep() {
        Step first = URGENT.next(Progress.START, levels(), T0);
        assertThat(first).isEqualTo(new Step.NobodyOnDuty(0, T0.plus(Duration.ofMinutes(5))));
        // Still nobody: the repeat round passes silently too.
        Instant t1 = T0.plus(Duration.ofMinutes(5));
        assertThat(URGENT.next(new Progress(0, 0, true), levels(), t1))
                .isEqualTo(new Step.NobodyOnDuty(1, t1.plus(Duration.ofMinutes(5))));
        // A leader comes on duty during round 1: told at once in that round.
        Instant t2 = t1.plus(Duration.ofMinutes(5));
        assertThat(URGENT.next(new Progress(0, 1, true), levels(2), t2))
                .isEqualTo(new Step.Notify(2, 1));
        assertThat(URGENT.next(new Progress(0, 1, true), levels(), t2)).isEqualTo(new Step.GiveUp());
    }

    @Test
    void theWaitStartsWhenTheStepsFirstSmsLeavesNotWhenItWasQueued() {
        Progress notified = new Progress(2, 0, true);
        Instant queued = T0;
        Instant leftAfterAnOutage = T0.plus(Duration.ofMinutes(20));
        assertThat(URGENT.waitStarts(notified, null, 2, 0, leftAfterAnOutage))
                .contains(leftAfterAnOutage.plus(Duration.ofMinutes(5)));
        // A second recipient's SMS of the same step does not push the wait further.
        assertThat(URGENT.waitStarts(notified, queued.plus(Duration.ofMinutes(25)), 2, 0,
                leftAfterAnOutage.plusSeconds(40))).isEmpty();
        // A late SMS of an earlier step or round changes nothing.
        assertThat(URGENT.waitStarts(notified, null, 1, 0, leftAfterAnOutage)).isEmpty();
        assertThat(URGENT.waitStarts(notified, null, 2, 1, leftAfterAnOutage)).isEmpty();
    }
}
