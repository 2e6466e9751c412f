package vn.dancham.text;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Vietnamese without its diacritics ("Dân Chấm" → "Dan Cham", "đ" → "d"): how an SMS fits GSM-7, how a reply typed
 * on a phone without Vietnamese input is read, and how a name becomes a file name. The one place it is done.
 * Unicode's canonical decomposition (NFD) splits each letter from its marks, which are then dropped; đ/Đ are letters
 * of their own, not a d with a mark, so they are mapped first.
 */
public final class Diacritics {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Diacritics() {
    }

    public static String strip(String text) {
        String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("");
    }
}
