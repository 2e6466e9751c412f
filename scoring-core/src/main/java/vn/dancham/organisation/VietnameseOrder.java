package vn.dancham.organisation;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;

/**
 * The order of the Vietnamese alphabet for names people look up in a list (a ă â b c d đ e ê … o ô ơ … u ư … y),
 * with tone marks ordered after the letter. PostgreSQL's default collation (and Java's String order) sorts by code
 * point, which put "Đặng" after "Võ"; the JDK's Vietnamese collation rules need no ICU in the database.
 */
public final class VietnameseOrder {

    /** Compares two texts in Vietnamese alphabetical order; nulls last. */
    public static final Comparator<String> TEXT = Comparator.nullsLast(new Comparator<>() {
        // RuleBasedCollator.compare is synchronized, so one shared instance is safe (and cheap enough for lists).
        private final Collator collator = Collator.getInstance(Locale.forLanguageTag("vi-VN"));

        @Override
        public int compare(String a, String b) {
            return collator.compare(a, b);
        }
    });

    private VietnameseOrder() {
    }
}
