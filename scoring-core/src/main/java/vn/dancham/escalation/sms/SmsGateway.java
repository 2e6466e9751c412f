package vn.dancham.escalation.sms;

/** The port in front of an SMS provider. One call, one message; it never retries by itself. */
public interface SmsGateway {

    /**
     * @param statusCallback where the provider reports delivery states (null: no callbacks)
     */
    SendResult send(String toPhone, String body, String statusCallback);

    /**
     * Looks for a message with exactly this body sent to this phone at or after {@code since}: the check that keeps a
     * message whose earlier attempt got no answer from being sent twice.
     */
    SentLookup findSent(String toPhone, String body, java.time.Instant since);

    /** Whether messages really leave the building (false for the simulated gateway). */
    boolean real();
}
