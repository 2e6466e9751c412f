package vn.dancham.ivr.hotline;

import vn.dancham.phone.PhoneNumbers;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Asterisk tells us about a call when it starts.
 *
 * @param uniqueId       Asterisk's unique id of the channel
 * @param callerNumber   the caller's number, null when withheld or unknown
 * @param dnis           the number dialled, when known
 * @param channel        the Asterisk channel name
 * @param officeDialCode the office this hotline number belongs to ({@code agi://host/hotline?office=12}), or null
 * @param test           a test call from the web's test-call page (the softphone proved it with this node's test
 *                       call key): answers are stored as test, nothing is counted, nobody real is dialled or alerted
 */
public record CallInfo(String uniqueId, String callerNumber, String dnis, String channel, String officeDialCode,
                       boolean test) {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{3,20}");

    public CallInfo {
        if (uniqueId == null || uniqueId.isBlank()) {
            throw new IllegalArgumentException("A call has Asterisk's unique id");
        }
        callerNumber = normaliseCaller(callerNumber);
    }

    /** A real call. */
    public CallInfo(String uniqueId, String callerNumber, String dnis, String channel, String officeDialCode) {
        this(uniqueId, callerNumber, dnis, channel, officeDialCode, false);
    }

    /** This call, as a test call. */
    public CallInfo asTest() {
        return new CallInfo(uniqueId, callerNumber, dnis, channel, officeDialCode, true);
    }

    /**
     * Withheld numbers arrive as "unknown", "anonymous" or empty; real ones may carry +84 or spaces and are read by
     * the one phone-number parser ({@link PhoneNumbers}). An extension of the site's own PBX (a softphone, a desk
     * phone: 3 to 20 digits that are no public number) is still a caller, kept as dialled.
     */
    static String normaliseCaller(String number) {
        if (number == null) {
            return null;
        }
        Optional<String> phone = PhoneNumbers.normalise(number);
        if (phone.isPresent()) {
            return phone.get();
        }
        String digits = SEPARATORS.matcher(number).replaceAll("");
        return EXTENSION.matcher(digits).matches() ? digits : null;
    }
}
