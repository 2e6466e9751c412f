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
 * @param testKey        the server's test-call key ({@code LocalFastAgi.testCallKey()}): the call is a test call
 *                       ({@code hotline?test=<key>}), or null for a call the server treats as real
 */
public record SoftphoneOptions(String callerNumber, String officeDialCode, String soundPrefix, String dialStatus,
                               int recordSeconds, Duration keyWait, String testKey) {

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
        if (testKey != null && !testKey.matches("[0-9a-f]{16,128}")) {
            throw new IllegalArgumentException("A test-call key is hexadecimal");
        }
    }

    public static SoftphoneOptions caller(String callerNumber) {
        return new SoftphoneOptions(callerNumber, null, null, null, 3, null, null);
    }

    public SoftphoneOptions withDialStatus(String status) {
        return new SoftphoneOptions(callerNumber, officeDialCode, soundPrefix, status, recordSeconds, keyWait,
                testKey);
    }

    public SoftphoneOptions withOffice(String dialCode) {
        return new SoftphoneOptions(callerNumber, dialCode, soundPrefix, dialStatus, recordSeconds, keyWait, testKey);
    }

    public SoftphoneOptions withKeyWait(Duration wait) {
        return new SoftphoneOptions(callerNumber, officeDialCode, soundPrefix, dialStatus, recordSeconds, wait,
                testKey);
    }

    /** A test call: the server stores its answers as test, counts nothing and dials or alerts nobody real. */
    public SoftphoneOptions asTest(String key) {
        return new SoftphoneOptions(callerNumber, officeDialCode, soundPrefix, dialStatus, recordSeconds, keyWait,
                key);
    }

    @Override
    public String toString() {
        // The key proves a test call to the server: it stays out of logs.
        return "SoftphoneOptions[callerNumber=" + callerNumber + ", officeDialCode=" + officeDialCode + ", test="
                + (testKey != null) + "]";
    }
}
