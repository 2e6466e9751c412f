package vn.dancham.escalation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers as the roster stores them and as Twilio sends them: E.164. Vietnamese national numbers
 * ({@code 0912345678}) become {@code +84912345678}.
 */
public final class PhoneNumbers {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-()]");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{8,14}$");

    private PhoneNumbers() {
    }

    /** The number in E.164, or empty when it cannot be a phone number. */
    public static Optional<String> toE164(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String s = SEPARATORS.matcher(typed.strip()).replaceAll("");
        if (s.startsWith("00")) {
            s = "+" + s.substring(2);
        } else if (s.startsWith("0")) {
            s = "+84" + s.substring(1);
        } else if (s.startsWith("84")) {
            s = "+" + s;
        }
        return E164.matcher(s).matches() ? Optional.of(s) : Optional.empty();
    }

    /** Masks all but the last three digits, for people who must not see a caller's number. */
    public static String masked(String number) {
        if (number == null || number.length() <= 3) {
            return "***";
        }
        return "*".repeat(Math.min(number.length() - 3, 7)) + number.substring(number.length() - 3);
    }
}
