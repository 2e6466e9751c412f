package vn.dancham.citizen;

import java.time.Instant;

/**
 * Apologies and invitations: the sweep finds dossiers that went late or were returned and writes one SMS for each
 * into the outbox, exactly once however often it runs and on however many nodes (a unique row per dossier and
 * episode, and the outbox's idempotency key).
 */
public interface CitizenSms {

    /**
     * What one sweep did.
     *
     * @param outsideHours true when {@code now} is outside the sending hours: nothing was looked at
     * @param notSent      dossiers recorded as deliberately not texted (the number opted out)
     * @param deferred     dossiers left for later (the number's daily limit is reached)
     */
    record Sweep(int apologies, int invitations, int notSent, int deferred, boolean outsideHours) {
    }

    Sweep sweep(Instant now);
}
