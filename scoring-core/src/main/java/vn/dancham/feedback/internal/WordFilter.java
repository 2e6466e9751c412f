package vn.dancham.feedback.internal;

import vn.dancham.text.Diacritics;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds listed words in a text, as plain functions. Both are cut into words (runs of letters and digits, so "đ.m"
 * is two words and "ađm" is none of "đm"); an entry of n words matches n consecutive words of the text. Two words
 * are the same when they are equal without case and accents, unless both carry accents and those differ: a phone
 * without Vietnamese input writes "cac", which may be either, while "các" (the plural) is plainly not "cặc".
 */
final class WordFilter {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}]+");

    private WordFilter() {
    }

    /** The entries found in {@code text}, each once, in the order of {@code entries}. */
    static List<String> found(String text, List<String> entries) {
        List<String> words = words(text);
        Set<String> found = new LinkedHashSet<>();
        for (String entry : entries) {
            List<String> wanted = words(entry);
            if (!wanted.isEmpty() && occurs(wanted, words)) {
                found.add(entry);
            }
        }
        return new ArrayList<>(found);
    }

    private static boolean occurs(List<String> wanted, List<String> words) {
        for (int i = 0; i + wanted.size() <= words.size(); i++) {
            boolean all = true;
            for (int k = 0; k < wanted.size() && all; k++) {
                all = same(words.get(i + k), wanted.get(k));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    static boolean same(String typed, String listed) {
        String bareTyped = Diacritics.strip(typed);
        String bareListed = Diacritics.strip(listed);
        if (!bareTyped.equals(bareListed)) {
            return false;
        }
        return typed.equals(bareTyped) || listed.equals(bareListed) || typed.equals(listed);
    }

    /** The words of a text, composed (NFC) and lower-cased. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        Matcher m = WORD.matcher(Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
