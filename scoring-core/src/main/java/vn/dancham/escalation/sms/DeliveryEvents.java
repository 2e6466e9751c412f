package vn.dancham.escalation.sms;

import org.jooq.DSLContext;

import java.time.Instant;

/**
 * What became of an SMS, told in the transaction that records it, so escalation measures its waits from when a
 * leader could read the alert and the incident's timeline says what really happened to each message.
 */
public interface DeliveryEvents {

    /**
     * The provider took the message (or reported it sent or delivered) at {@code at}: the leader can read it, and the
     * step's wait starts if it has not yet. {@code providerStatus} is the provider's own word (queued, sent,
     * delivered, simulated).
     */
    void accepted(DSLContext tx, long messageId, String providerStatus, Instant at);

    /** The provider could not take it now (outage, 429, no answer): it is retried at {@code retryAt}. */
    void delayed(DSLContext tx, long messageId, String reason, Instant retryAt, Instant now);

    /** The message will never reach its phone (rejected number, gave up after retries, failed/undelivered). */
    void failed(DSLContext tx, long messageId, Instant now);
}
