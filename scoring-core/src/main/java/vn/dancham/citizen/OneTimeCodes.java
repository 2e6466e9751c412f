package vn.dancham.citizen;

import java.time.Instant;
import java.util.function.Function;

/**
 * One-time codes sent by SMS through the escalation outbox (exactly once, retried, SIMULATED without Twilio). A
 * code proves that the person at the web page holds a phone. The caller chooses the phone: for a rating it is the
 * dossier's applicant phone on file, never a number the visitor typed, so the page cannot relay SMS to anyone.
 */
public interface OneTimeCodes {

    enum Purpose { RATING, FEEDBACK }

    enum IssueOutcome {
        SENT,
        /** {@link CitizenProperties#codesPerPhone()} codes went to this phone within the window. */
        PHONE_LIMIT,
        /** {@link CitizenProperties#codesPerClient()} codes were asked for by this client within the window. */
        CLIENT_LIMIT,
        /** The number is not a Vietnamese phone number. */
        NOT_A_PHONE
    }

    /** @param codeId what the page keeps to check the code later (0 unless sent) */
    record Issue(IssueOutcome outcome, long codeId, Instant expiresAt) {
        public boolean sent() {
            return outcome == IssueOutcome.SENT;
        }
    }

    enum CheckOutcome {
        VERIFIED,
        WRONG,
        EXPIRED,
        /** Already used once. */
        USED,
        /** {@link CitizenProperties#codeMaxTries()} wrong codes: ask for a new one. */
        TOO_MANY_TRIES,
        /** No such code for this purpose and subject. */
        UNKNOWN
    }

    /** @param phone the number the code was sent to, when VERIFIED; @param triesLeft after a WRONG code */
    record Check(CheckOutcome outcome, String phone, int triesLeft) {
        public boolean verified() {
            return outcome == CheckOutcome.VERIFIED;
        }
    }

    /**
     * Sends a new code to {@code phone} unless a limit is reached.
     *
     * @param subject what the code confirms, e.g. {@code dossier:42}
     * @param client  the visitor's address (stored only as a hash)
     * @param smsText the SMS body for a code, in the visitor's language
     */
    Issue issue(Purpose purpose, String phone, String subject, String client, Function<String, String> smsText);

    /** Checks what the visitor typed against code {@code codeId}, which must be for this purpose and subject. */
    Check check(long codeId, Purpose purpose, String subject, String typed);
}
