package vn.dancham.dossier;

import java.util.Optional;

/**
 * Vietnamese phone numbers in national format ({@code 0xxxxxxxxx}), so a caller number from Asterisk can be
 * compared with the applicant phone a one-stop system sent: {@code +84 912 345 678}, {@code 84912345678},
 * {@code 0912.345.678} and {@code 912345678} are the same number.
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /** The number in national format, or empty when it is withheld, blank or not a phone number. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        boolean international = trimmed.startsWith("+") || trimmed.startsWith("00");
        String digits = trimmed.replaceAll("[\\s.\\-()/]", "");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        } else if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (!digits.matches("[0-9]+")) {
            return Optional.empty();
        }
        String national;
        if (digits.startsWith("84") && digits.length() >= 10 && (international || digits.length() >= 11)) {
            national = "0" + digits.substring(2);
        } else if (international) {
            // A foreign number: keep it recognisable but it can never match a Vietnamese applicant phone.
            return digits.length() >= 6 && digits.length() <= 15 ? Optional.of("+" + digits) : Optional.empty();
        } else if (digits.startsWith("0")) {
            national = digits;
        } else if (digits.length() == 9) {
            national = "0" + digits;
        } else {
            return Optional.empty();
        }
        return national.matches("0[0-9]{8,10}") ? Optional.of(national) : Optional.empty();
    }

    /** True when both are numbers and the same number. */
    public static boolean same(String a, String b) {
        Optional<String> na = normalise(a);
        return na.isPresent() && na.equals(normalise(b));
    }
}
