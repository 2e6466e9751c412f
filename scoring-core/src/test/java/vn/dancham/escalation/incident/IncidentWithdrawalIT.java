package vn.dancham.escalation.incident;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.rating.RatingsHeld;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.text.StoredText;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Withdrawal of an alert whose answers were held out, before and after its SMS left, and one still resting on others. */
class IncidentWithdrawalIT {

    final Harness.RecordingGateway gateway = new Harness.RecordingGateway();
    final Harness h = new Harness(gateway).withDayRoster();
    final IncidentWithdrawal withdrawal = new IncidentWithdrawal(h.db.dsl(), h.store, h.outbox, h.texts, h.clock);

    @AfterEach
    void tearDown() {
        h.close();
    }

    long rating(int value) {
        return h.db.dsl().fetchSingle("""
                INSERT INTO rating (office_id, officer_id, question_id, criterion, value, caller_number, identity,
                                    given_at, status)
                SELECT ?, ?, q.id, 'ATTITUDE', ?, '0977000001', 'UNVERIFIED', ?::timestamptz, 'COUNTED'
                FROM rating_question q WHERE q.code = 'ATTITUDE' RETURNING id""",
                h.org.oneStopOffice(), h.org.officer(), value, Harness.T0.atOffset(java.time.ZoneOffset.UTC))
                .get(0, Long.class);
    }

    void lowestAttitude(long ratingId) {
        h.opening.on(new ConcernRaised(ConcernRaised.Kind.LOWEST_ATTITUDE, "OFFICER", h.org.officer(),
                "Nguyễn Văn An", h.org.oneStopOffice(), h.org.district(), null, 1, "", null,
                StoredText.of("concern.detail.LOWEST_ATTITUDE", "Bộ phận 1 cửa", ratingId),
                Harness.T0, List.of(ratingId)));
    }

    void hold(long... ids) {
        h.db.dsl().execute("UPDATE rating SET status = 'FLAGGED', flag_reason = 'LOW_CLUSTER' WHERE id = ANY(?)",
                (Object) java.util.Arrays.stream(ids).boxed().toArray(Long[]::new));
        withdrawal.on(new RatingsHeld(java.util.Arrays.stream(ids).boxed().toList(), "LOW_CLUSTER"));
    }

    IncidentSummary only() {
        return h.incidents.list(IncidentFilter.all()).getFirst();
    }

    List<String> states(String purpose) {
        return h.db.dsl().fetch("SELECT state FROM sms_message WHERE purpose = ? ORDER BY id", purpose)
                .getValues(0, String.class);
    }

    @Test
    void heldBeforeItsSmsLeftTheAlertIsCancelledAndNobodyIsTexted() {
        long r = rating(1);
        lowestAttitude(r);
        assertThat(states("ALERT")).containsExactly("PENDING");
        hold(r);
        assertThat(only().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(states("ALERT")).containsExactly("CANCELLED");
        assertThat(states("WITHDRAWAL")).isEmpty();
        h.dispatcher.dispatchDue();
        assertThat(gateway.sent).isEmpty();
    }

    @Test
    void heldAfterTheLeaderWasTextedTheLeaderGetsOneWithdrawalAndNoEscalationFollows() {
        long r = rating(1);
        lowestAttitude(r);
        h.dispatcher.dispatchDue();
        assertThat(gateway.to()).containsExactly(Harness.HEAD);
        h.clock.advance(Duration.ofMinutes(3));
        hold(r);
        hold(r); // a second notice about the same answers changes nothing
        // The per-phone limit spaces SMS to one leader: the withdrawal goes when the phone may be texted again.
        h.clock.advance(Duration.ofMinutes(2));
        h.dispatcher.dispatchDue();
        assertThat(gateway.sent).hasSize(2);
        assertThat(gateway.sent.get(1).to()).isEqualTo(Harness.HEAD);
        assertThat(gateway.sent.get(1).body()).contains(only().code()).contains("Khong can xu ly");
        // The wait that would have escalated to the deputy passes: nothing more is sent.
        h.clock.advance(Duration.ofHours(2));
        assertThat(h.escalator.advanceDue()).isZero();
        h.dispatcher.dispatchDue();
        assertThat(gateway.sent).hasSize(2);
        assertThat(h.db.dsl().fetch("SELECT kind FROM incident_event ORDER BY id").getValues(0, String.class))
                .contains("OPENED", "NOTIFIED", "WITHDRAWN");
    }

    @Test
    void anAlertThatStillRestsOnACountedAnswerIsOnlyAnnotated() {
        long first = rating(1);
        long second = rating(1);
        lowestAttitude(first);
        lowestAttitude(second);
        hold(first);
        assertThat(only().state()).isNotEqualTo(IncidentState.RESOLVED);
        assertThat(h.db.dsl().fetch("SELECT kind FROM incident_event ORDER BY id").getValues(0, String.class))
                .contains("EVIDENCE_HELD").doesNotContain("WITHDRAWN");
    }
}
