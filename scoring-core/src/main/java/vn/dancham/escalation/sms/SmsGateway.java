package vn.dancham.escalation.sms;

/** The port in front of an SMS provider. One call, one message; it never retries by itself. */
public interface SmsGateway {

    /**
     * @param statusCallback where the provider reports delivery states (null: no callbacks)
     */
    SendResult send(String toPhone, String body, String statusCallback);

    /** Whether messages really leave the building (false for the simulated gateway). */
    boolean real();
}
