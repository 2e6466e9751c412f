package vn.dancham.escalation.incident;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.escalation.EscalationPolicies;
import vn.dancham.escalation.EscalationPolicies.Field;
import vn.dancham.escalation.EscalationPolicies.Problem;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Severity;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.escalation.incident.Harness.HEAD;
import static vn.dancham.escalation.incident.Harness.T0;
import static vn.dancham.escalation.incident.Harness.VICE;

/** Administrators change a severity's wait, levels and repeats; the running engine follows at its next step. */
class EscalationPoliciesIT {

    final Harness.RecordingGateway gateway = new Harness.RecordingGateway();
    final Harness h = new Harness(gateway).withDayRoster();
    final EscalationPolicies policies = new JooqEscalationPolicies(h.db.dsl(), h.store);

    @AfterEach
    void tearDown() {
        h.close();
    }

    IncidentSummary only() {
        return h.incidents.list(IncidentFilter.all()).getFirst();
    }

    @Test
    void theSeededPoliciesAreListedAndAChangedOneDrivesTheNextIncident() {
        assertThat(policies.all()).extracting(p -> p.severity() + " " + p.waitMinutes() + "m " + p.maxLevel() + "/"
                        + p.repeats() + (p.dailyDigest() ? " digest" : ""))
                .containsExactly("URGENT 5m 3/2", "WARNING 30m 3/1", "LOW 1440m 1/0 digest");

        EscalationPolicies.Update update = policies.update(Severity.URGENT, "10", "2", "0");
        assertThat(update.changed()).isTrue();
        assertThat(update.before().waitTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(update.after().waitTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(h.db.dsl().fetchValue("SELECT wait_seconds FROM escalation_policy WHERE severity = 'URGENT'"))
                .isEqualTo(600);

        h.opening.on(new HarassmentReported(1, null, null, "2026001234", h.org.oneStopOffice(), h.org.officer(),
                "0905123456", T0));
        h.dispatcher.dispatchDue();
        assertThat(only().nextStepAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        h.clock.advance(Duration.ofMinutes(5));
        assertThat(h.escalator.advanceDue()).isZero();
        h.clock.advance(Duration.ofMinutes(5));
        assertThat(h.escalator.advanceDue()).isEqualTo(1);
        h.dispatcher.dispatchDue();
        // Level 2 is the top now and no repeats: the next step gives up instead of reaching the chairman.
        h.clock.advance(Duration.ofMinutes(10));
        h.escalator.advanceDue();
        h.dispatcher.dispatchDue();
        assertThat(gateway.to()).containsExactly(HEAD, VICE);
        assertThat(only().state()).isEqualTo(IncidentState.UNACKNOWLEDGED);
    }

    @Test
    void badValuesAndTheDigestPolicyAreRefusedAndNothingChanges() {
        EscalationPolicies.Update refused = policies.update(Severity.WARNING, "0", "10", "x");
        assertThat(refused.problems()).isEqualTo(Map.of(Field.WAIT_MINUTES, Problem.OUT_OF_RANGE,
                Field.MAX_LEVEL, Problem.OUT_OF_RANGE, Field.REPEATS, Problem.NOT_WHOLE));
        assertThat(policies.update(Severity.WARNING, " ", "3", "1").problems())
                .isEqualTo(Map.of(Field.WAIT_MINUTES, Problem.REQUIRED));
        assertThat(policies.update(Severity.LOW, "60", "1", "0").problems())
                .isEqualTo(Map.of(Field.WAIT_MINUTES, Problem.DAILY_DIGEST));
        assertThat(policies.all()).extracting(EscalationPolicies.Policy::waitMinutes).containsExactly(5L, 30L, 1440L);
        assertThat(policies.update(Severity.WARNING, "30", "3", "1").changed()).isFalse();
    }

    @Test
    void aDeletedRowIsRestoredByAnUpdate() {
        h.db.dsl().execute("DELETE FROM escalation_policy WHERE severity = 'WARNING'");
        assertThat(policies.all().get(1).waitMinutes()).isEqualTo(30);
        assertThat(policies.update(Severity.WARNING, "45", "3", "1").changed()).isTrue();
        assertThat(policies.all().get(1).waitMinutes()).isEqualTo(45);
    }
}
