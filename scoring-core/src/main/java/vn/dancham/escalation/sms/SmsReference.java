package vn.dancham.escalation.sms;

import java.util.Locale;

/**
 * The short reference every outgoing SMS ends with ({@code " #K3F"}: its outbox row id in base 36). It is what makes
 * two SMS with otherwise identical text different — a repeat round of the same level says exactly what the round
 * before said — so the "did Twilio already take it?" lookup matches on it and can never mistake an earlier message
 * for the one in doubt. Pure; stamped by the dispatcher, which is the first to know the row id of a bundle's carrier.
 */
public final class SmsReference {

    /**
     * Characters a stamp may take: {@code " #"} and up to five base-36 digits (60 million messages). Texts are fitted
     * with this much room kept free, so stamping never adds a segment.
     */
    public static final int MAX_STAMP_LENGTH = 7;

    private SmsReference() {
    }

    /** The reference of an outbox row: its id in base 36, upper case ("K3F"). */
    public static String of(long messageId) {
        if (messageId <= 0) {
            throw new IllegalArgumentException("message id must be positive: " + messageId);
        }
        return Long.toString(messageId, 36).toUpperCase(Locale.ROOT);
    }

    /** The text as handed to the provider: {@code body #REF}. */
    public static String stamp(String body, long messageId) {
        return body + " #" + of(messageId);
    }

    /**
     * Whether a message the provider holds carries this row's reference: the stamp is the body's last word. A trial
     * account prefixes its own words, so only the end is compared; {@code #K3F} never matches {@code #K3FA}.
     */
    public static boolean carries(String providerBody, long messageId) {
        return providerBody != null && providerBody.stripTrailing().endsWith(" #" + of(messageId));
    }
}
