package vn.dancham.admin.web;

import vn.dancham.admin.security.WebUser;

/** Caller numbers are personal data: shown whole only to roles that must act on them. */
public final class PhoneMask {

    private PhoneMask() {
    }

    public static String forViewer(WebUser viewer, String number) {
        if (number == null || number.isBlank()) {
            return null;
        }
        return viewer != null && viewer.seesCallerNumbers() ? number : mask(number);
    }

    /** Keeps the last three digits: enough to tell two callers apart on one page, not to call them. */
    public static String mask(String number) {
        if (number == null) {
            return null;
        }
        int keep = Math.min(3, number.length());
        return "•".repeat(Math.max(0, number.length() - keep)) + number.substring(number.length() - keep);
    }
}
