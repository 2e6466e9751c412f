package vn.dancham.escalation.sms;

import vn.dancham.text.Diacritics;

/**
 * An SMS body with the encoding a carrier will use and its segment count. GSM-7 fits 160 characters in one
 * segment and 153 per segment when split (characters of the extension table such as {@code € [ ] { }} count
 * twice); anything outside GSM-7 — Vietnamese diacritics included — forces UCS-2: 70, and 67 when split (UTF-16
 * code units, so an emoji counts twice).
 */
public record SmsText(String body, Encoding encoding, int segments) {

    public enum Encoding { GSM7, UCS2 }

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    public static SmsText of(String body) {
        int gsmLength = gsm7Length(body);
        if (gsmLength >= 0) {
            return new SmsText(body, Encoding.GSM7, gsmLength <= 160 ? 1 : (gsmLength + 152) / 153);
        }
        int units = body.length();
        return new SmsText(body, Encoding.UCS2, units <= 70 ? 1 : (units + 66) / 67);
    }

    /** Septets the text needs in GSM-7, or -1 when it cannot be written in GSM-7. */
    static int gsm7Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                n++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                n += 2;
            } else {
                return -1;
            }
        }
        return n;
    }

    /**
     * Vietnamese without diacritics ("Dân Chấm" → "Dan Cham", đ → d), and typographic characters GSM-7 lacks
     * replaced, so the text fits GSM-7.
     */
    public static String stripDiacritics(String s) {
        return Diacritics.strip(s)
                .replace('“', '"').replace('”', '"').replace('‘', '\'').replace('’', '\'')
                .replace("…", "...").replace('–', '-').replace('—', '-');
    }

    /**
     * {@code head + middle + tail}, with {@code middle} shortened (ending in an ellipsis) until the whole fits in
     * {@code maxSegments}; with {@code strip}, everything is first written without diacritics. The head and tail
     * (the alert's kind, the code to reply with and the link) are never cut.
     */
    public static SmsText fit(String head, String middle, String tail, int maxSegments, boolean strip) {
        return fit(head, middle, tail, maxSegments, strip, 0);
    }

    /**
     * As {@link #fit(String, String, String, int, boolean)}, keeping {@code reserve} characters free for what is
     * added later (the dispatcher's {@link SmsReference} stamp), so that addition never costs another segment.
     */
    public static SmsText fit(String head, String middle, String tail, int maxSegments, boolean strip, int reserve) {
        String pad = "x".repeat(reserve);
        SmsText padded = fitPadded(head, middle, tail + pad, maxSegments, strip);
        return of(padded.body().substring(0, padded.body().length() - reserve));
    }

    private static SmsText fitPadded(String head, String middle, String tail, int maxSegments, boolean strip) {
        if (strip) {
            head = stripDiacritics(head);
            middle = stripDiacritics(middle);
            tail = stripDiacritics(tail);
        }
        SmsText whole = of(head + middle + tail);
        if (whole.segments() <= maxSegments) {
            return whole;
        }
        String ellipsis = strip ? "..." : "…";
        // "Gio Linh..." then ". Trả lời": the ellipsis ends the sentence already.
        tail = tail.startsWith(".") ? tail.substring(1) : tail;
        // Binary search on the length of the middle that still fits; the cut falls between words.
        int lo = 0;
        int hi = middle.length();
        SmsText best = of(head + tail);
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            SmsText candidate = of(head + cutAtWord(middle, mid, ellipsis) + tail);
            if (candidate.segments() <= maxSegments) {
                best = candidate;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    /**
     * {@code s} when it has at most {@code max} characters, else its longest start of whole words that, with
     * {@code ellipsis}, has at most {@code max} characters (trailing commas and spaces dropped); a first word longer
     * than that is left out entirely rather than cut.
     */
    public static String cutAtWord(String s, int max, String ellipsis) {
        if (s.length() <= max) {
            return s;
        }
        int room = max - ellipsis.length();
        if (room <= 0) {
            return "";
        }
        int cut = -1;
        for (int i = 0; i <= room && i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                cut = i;
            }
        }
        if (cut <= 0) {
            return ellipsis.strip();
        }
        String kept = s.substring(0, cut).replaceAll("[\\s,;:.\\-]+$", "");
        return kept + ellipsis;
    }
}
