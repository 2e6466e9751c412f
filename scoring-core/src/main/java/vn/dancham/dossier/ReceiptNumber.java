package vn.dancham.dossier;

import java.util.regex.Pattern;

/**
 * A dossier's receipt number as a caller types it: digits only. Printed forms such as {@code 2026-001234} are
 * normalised by {@link #parse(String)}.
 */
public record ReceiptNumber(String digits) {

    public static final int MIN_DIGITS = 4;
    public static final int MAX_DIGITS = 20;
    // Compiled once: String.matches/replaceAll compile their pattern on every use, and every hotline caller who
    // names a dossier goes through here twice (issue 16's profile).
    private static final Pattern FORM = Pattern.compile("[0-9]{" + MIN_DIGITS + "," + MAX_DIGITS + "}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-/]");

    public ReceiptNumber {
        if (digits == null || !FORM.matcher(digits).matches()) {
            throw new IllegalArgumentException("A receipt number is 4 to 20 digits: " + digits);
        }
    }

    /** Accepts printed forms with separators; returns null when what remains is not a receipt number. */
    public static ReceiptNumber parse(String text) {
        if (text == null) {
            return null;
        }
        String digits = SEPARATORS.matcher(text).replaceAll("");
        return FORM.matcher(digits).matches() ? new ReceiptNumber(digits) : null;
    }

    @Override
    public String toString() {
        return digits;
    }
}
