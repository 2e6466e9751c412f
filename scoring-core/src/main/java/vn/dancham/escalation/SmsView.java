package vn.dancham.escalation;

import java.time.Instant;

/**
 * An SMS as the web shows it, with its delivery state: PENDING, SENDING, SENT (accepted by Twilio), DELIVERED,
 * FAILED, UNDELIVERED, SIMULATED (no Twilio credentials: stored, never sent), BUNDLED (went out inside message
 * {@code bundledInto}; its delivery state is that message's), CANCELLED (not sent: acknowledged before).
 *
 * @param deliveryState the state that matters to a reader: for BUNDLED, the carrying message's state
 */
public record SmsView(long id, Long incidentId, String toPhone, String recipientName, Integer level, String body,
                      String encoding, int segments, String state, String deliveryState, Long bundledInto,
                      int attempts, Instant nextAttemptAt, String lastError, String providerSid, Instant createdAt,
                      Instant sentAt, Instant statusAt) {

    /** True when the message was never handed to a carrier because no gateway credentials are configured. */
    public boolean simulated() {
        return "SIMULATED".equals(deliveryState);
    }

    /** Tried and not taken by the provider yet (outage, 429, no answer): still waiting, with an error. */
    public boolean stuck() {
        return ("PENDING".equals(state) || "SENDING".equals(state)) && attempts > 0 && lastError != null;
    }
}
