package vn.dancham.feedback;

import java.util.List;

/**
 * The list of words and phrases that hold a feedback for review, kept by administrators. A text matches an entry
 * word by word, on word boundaries and without regard to case; accents are ignored unless the text's word and the
 * entry's word both carry accents and they differ ("cac" matches "cặc", "các" does not).
 */
public interface OffensiveWords {

    record Entry(long id, String word) {
    }

    /** Adding a word: ADDED, or why not. */
    enum AddOutcome { ADDED, EMPTY, TOO_LONG, DUPLICATE }

    List<Entry> list();

    AddOutcome add(String word);

    /** False when there was no such entry. */
    boolean remove(long id);

    /** The entries found in {@code text}, in list order; empty when it is clean. */
    List<String> found(String text);
}
