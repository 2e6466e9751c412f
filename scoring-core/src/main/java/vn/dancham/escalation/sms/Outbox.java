package vn.dancham.escalation.sms;

import org.jooq.DSLContext;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.time.ZoneOffset;

import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * Writes SMS into the outbox in the caller's transaction (the incident step that causes them); the dispatcher sends
 * them. Internal to escalation: public only because the incident package writes through it.
 */
public final class Outbox {

    /**
     * One message to write.
     *
     * @param idempotencyKey unique per logical message (e.g. {@code alert:<incident>:<round>:<level>:<phone>}): a
     *                       step that runs twice writes it once
     * @param alertText      the alert in one line, for bundles; null for messages never bundled
     */
    public record Message(Long incidentId, String toPhone, String recipientName, Integer level, Integer round,
                          String purpose, String body, String alertText, String idempotencyKey) {
    }

    private volatile Runnable afterCommit = () -> { };

    /** What to run after the writing transaction commits (the local dispatcher's nudge), so SMS go out at once. */
    public void onCommit(Runnable nudge) {
        this.afterCommit = nudge;
    }

    /** Writes the message unless one with its idempotency key exists; true when written. */
    public boolean enqueue(DSLContext tx, Message m, Instant now) {
        // Counted with the reference the dispatcher will stamp on it; recounted when the provider takes it.
        SmsText text = SmsText.of(m.body() + "x".repeat(SmsReference.MAX_STAMP_LENGTH));
        int n = tx.insertInto(SMS_MESSAGE)
                .set(SMS_MESSAGE.IDEMPOTENCY_KEY, m.idempotencyKey())
                .set(SMS_MESSAGE.INCIDENT_ID, m.incidentId())
                .set(SMS_MESSAGE.TO_PHONE, m.toPhone())
                .set(SMS_MESSAGE.RECIPIENT_NAME, m.recipientName())
                .set(SMS_MESSAGE.LEVEL, m.level() == null ? null : m.level().shortValue())
                .set(SMS_MESSAGE.ROUND, m.round() == null ? null : m.round().shortValue())
                .set(SMS_MESSAGE.PURPOSE, m.purpose())
                .set(SMS_MESSAGE.BODY, m.body())
                .set(SMS_MESSAGE.ALERT_TEXT, m.alertText())
                .set(SMS_MESSAGE.ENCODING, text.encoding().name())
                .set(SMS_MESSAGE.SEGMENTS, (short) text.segments())
                .set(SMS_MESSAGE.STATE, "PENDING")
                .set(SMS_MESSAGE.NEXT_ATTEMPT_AT, now.atOffset(ZoneOffset.UTC))
                .set(SMS_MESSAGE.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .onConflict(SMS_MESSAGE.IDEMPOTENCY_KEY).doNothing()
                .execute();
        if (n > 0) {
            nudgeAfterCommit();
        }
        return n > 0;
    }

    /** Messages of an incident not handed to the provider yet will not be sent (it was acknowledged or resolved). */
    public int cancelPending(DSLContext tx, long incidentId) {
        return tx.update(SMS_MESSAGE)
                .set(SMS_MESSAGE.STATE, "CANCELLED")
                .set(SMS_MESSAGE.BUNDLED_INTO, (Long) null)
                .where(SMS_MESSAGE.INCIDENT_ID.eq(incidentId))
                .and(SMS_MESSAGE.STATE.eq("PENDING"))
                // A pending message carrying other incidents' alerts (a bundle waiting for a retry) still goes.
                .andNotExists(tx.selectOne().from(SMS_MESSAGE.as("child"))
                        .where(SMS_MESSAGE.as("child").BUNDLED_INTO.eq(SMS_MESSAGE.ID)))
                .execute();
    }

    private void nudgeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommit.run();
                }
            });
        }
    }
}
