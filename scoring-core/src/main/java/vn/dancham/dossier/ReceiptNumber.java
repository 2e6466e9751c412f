package vn.dancham.dossier;

/**
 * A dossier's receipt number as a caller types it: digits only. Printed forms such as {@code 2026-001234} are
 * normalised by {@link #parse(String)}.
 */
public record ReceiptNumber(String digits) {

    public static final int MIN_DIGITS = 4;
    public static final int MAX_DIGITS = 20;

    public ReceiptNumber {
        if (digits == null || !digits.matches("[0-9]{" + MIN_DIGITS + "," + MAX_DIGITS + "}")) {
            throw new IllegalArgumentException("A receipt number is 4 to 20 digits: " + digits);
        }
    }

    /** Accepts printed forms with separators; returns null when what remains is not a receipt number. */
    public static ReceiptNumber parse(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.replaceAll("[\\s.\\-/]", "");
        return digits.matches("[0-9]{" + MIN_DIGITS + "," + MAX_DIGITS + "}") ? new ReceiptNumber(digits) : null;
    }

    @Override
    public String toString() {
        return digits;
    }
}
