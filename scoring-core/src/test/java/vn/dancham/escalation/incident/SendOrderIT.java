package vn.dancham.escalation.incident;

import org.junit.jupiter.api.Test;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.sms.Outbox;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog of bulk SMS does not hold back an alert: with more due than a round takes, the outbox sends an alert
 * first, then a citizen's reply, then invitations, each rank oldest first (SendOrder). Before, it sent by due time
 * alone, and a leader's alert waited behind every invitation due before it (issue 16's kill -9 drill).
 */
class SendOrderIT {

    @Test
    void anAlertGoesBeforeOlderRepliesAndInvitationsAndEachRankOldestFirst() {
        EscalationProperties d = EscalationProperties.defaults();
        // One message per round, so the order of the rounds is the order of the claim.
        EscalationProperties oneAtATime = new EscalationProperties(d.schedulerEnabled(), d.zone(), d.linkBaseUrl(),
                d.tickInterval(), d.dispatchInterval(), d.digestHour(), d.missedCallSeverity(), d.maxSegments(),
                d.stripDiacritics(), d.minIntervalPerRecipient(), d.maxPerRecipientPerHour(), d.sendingLease(),
                d.maxAttempts(), d.backoffBase(), d.backoffMax(), 1, d.bundleMaxSegments(), d.smsReplies(), d.stopDrain());
        Harness.RecordingGateway gateway = new Harness.RecordingGateway();
        try (Harness h = new Harness(gateway, oneAtATime, Harness.twilio(null))) {
            enqueue(h, "INVITATION", "+84912000001", "invitation 1", Duration.ofMinutes(30));
            enqueue(h, "INVITATION", "+84912000002", "invitation 2", Duration.ofMinutes(20));
            enqueue(h, "CITIZEN_REPLY", "+84912000003", "reply", Duration.ofMinutes(10));
            enqueue(h, "DIGEST", "+84912000004", "digest", Duration.ofMinutes(40));
            enqueue(h, "ALERT", "+84912000005", "alert", Duration.ZERO);

            assertThat(h.dispatcher.dispatchDue()).isEqualTo(5);
            assertThat(gateway.sent).extracting(s -> s.body().substring(0, s.body().indexOf(' ') < 0
                            ? s.body().length() : s.body().indexOf(' ')))
                    .containsExactly("alert", "reply", "digest", "invitation", "invitation");
            assertThat(gateway.sent).extracting(Harness.RecordingGateway.Sent::to).containsExactly("+84912000005",
                    "+84912000003", "+84912000004", "+84912000001", "+84912000002");
        }
    }

    private static void enqueue(Harness h, String purpose, String phone, String body, Duration ago) {
        h.db.dsl().transaction(tx -> new Outbox().enqueue(tx.dsl(), new Outbox.Message(null, phone, null, null, null,
                purpose, body, null, purpose + ":" + phone), Harness.T0.minus(ago)));
    }
}
