package vn.dancham.escalation.sms;

/** The port in front of an SMS provider. One call, one message; it never retries by itself. */
public interface SmsGateway {

    /**
     * @param statusCallback where the provider reports delivery states (null: no callbacks)
     */
    SendResult send(String toPhone, String body, String statusCallback);

    /**
     * Looks for the message of outbox row {@code messageId} (its {@link SmsReference} stamp) sent to this phone at or
     * after {@code since}: the check that keeps a message whose earlier attempt got no answer from being sent twice.
     * It must look through everything the provider holds for the phone since then, not one page of it.
     */
    SentLookup findSent(String toPhone, long messageId, java.time.Instant since);

    /** Whether messages really leave the building (false for the simulated gateway). */
    boolean real();
}
