package vn.dancham.escalation;

/**
 * What Twilio's webhooks do, for the web edge that has already checked their signatures: delivery status
 * callbacks and leaders' SMS replies.
 */
public interface SmsWebhooks {

    /**
     * A status callback.
     *
     * @param ourMessageId the {@code m} parameter we put in the StatusCallback URL (null if missing)
     * @param errorCode    Twilio's ErrorCode for failed/undelivered, else null
     */
    record Status(String messageSid, String status, String errorCode, Long ourMessageId) {
    }

    /** An inbound SMS. */
    record Inbound(String messageSid, String from, String to, String body) {
    }

    /** Records a delivery state; unknown messages and stale states change nothing. */
    void status(Status status);

    /**
     * Handles a reply ("OK 4821"): acknowledges the incident when the code is open and was sent to this phone.
     * Returns the text to answer with, or empty when nothing is sent back (a sender that is not on the roster, or
     * {@code dancham.escalation.sms-replies: NONE}). Twilio retrying the same message, even several copies at once,
     * gets the same answer and changes nothing more.
     */
    java.util.Optional<String> inbound(Inbound inbound);
}
