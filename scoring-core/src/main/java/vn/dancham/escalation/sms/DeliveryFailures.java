package vn.dancham.escalation.sms;

import org.jooq.DSLContext;

import java.time.Instant;

/**
 * Told, in the transaction that records it, that a message will never reach its phone (rejected number, gave up
 * after retries, or reported failed/undelivered), so escalation can try the next contact at once.
 */
public interface DeliveryFailures {

    void failed(DSLContext tx, long messageId, Instant now);
}
