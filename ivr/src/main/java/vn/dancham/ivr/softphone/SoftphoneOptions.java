package vn.dancham.ivr.softphone;

import java.time.Duration;

/**
 * How a softphone call presents itself and answers what a real phone line would.
 *
 * @param callerNumber   the caller id sent to the hotline (null: withheld)
 * @param officeDialCode the hotline number's office ({@code hotline?office=12}), or null
 * @param soundPrefix    the server's sound prefix, stripped to find catalog names (default {@code dancham/})
 * @param dialStatus     what a Dial to the leader on duty answers: ANSWER, BUSY, NOANSWER (default NOANSWER: a
 *                       test call reaches nobody's real phone)
 * @param recordSeconds  length of the tone written when the hotline records the caller (default 3)
 * @param keyWait        how long to wait for a key when the hotline asks for one; null waits as long as the
 *                       hotline asked (as Asterisk does)
 */
public record SoftphoneOptions(String callerNumber, String officeDialCode, String soundPrefix, String dialStatus,
                               int recordSeconds, Duration keyWait) {

    public SoftphoneOptions {
        if (callerNumber != null && !callerNumber.matches("\\+?[0-9]{3,20}")) {
            throw new IllegalArgumentException("A caller number is 3 to 20 digits: " + callerNumber);
        }
        if (officeDialCode != null && !officeDialCode.matches("[0-9]{1,6}")) {
            throw new IllegalArgumentException("An office dial code is 1 to 6 digits: " + officeDialCode);
        }
        soundPrefix = soundPrefix == null ? "dancham/" : soundPrefix;
        dialStatus = dialStatus == null ? "NOANSWER" : dialStatus;
        if (!dialStatus.matches("[A-Z]{3,20}")) {
            throw new IllegalArgumentException("A DIALSTATUS is a word like ANSWER or BUSY: " + dialStatus);
        }
        if (recordSeconds < 0 || recordSeconds > 600) {
            throw new IllegalArgumentException("A recording lasts 0 to 600 seconds: " + recordSeconds);
        }
    }

    public static SoftphoneOptions caller(String callerNumber) {
        return new SoftphoneOptions(callerNumber, null, null, null, 3, null);
    }

    public SoftphoneOptions withDialStatus(String status) {
        return new SoftphoneOptions(callerNumber, officeDialCode, soundPrefix, status, recordSeconds, keyWait);
    }

    public SoftphoneOptions withOffice(String dialCode) {
        return new SoftphoneOptions(callerNumber, dialCode, soundPrefix, dialStatus, recordSeconds, keyWait);
    }

    public SoftphoneOptions withKeyWait(Duration wait) {
        return new SoftphoneOptions(callerNumber, officeDialCode, soundPrefix, dialStatus, recordSeconds, wait);
    }
}
