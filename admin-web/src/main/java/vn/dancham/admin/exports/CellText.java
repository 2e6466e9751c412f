package vn.dancham.admin.exports;

/**
 * Text going into a spreadsheet cell: a value starting with = + - @ (or a tab or carriage return) would be read
 * as a formula by Excel or LibreOffice (CSV injection), so it is prefixed with an apostrophe.
 */
public final class CellText {

    private CellText() {
    }

    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
