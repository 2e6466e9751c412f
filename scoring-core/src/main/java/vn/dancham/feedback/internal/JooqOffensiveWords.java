package vn.dancham.feedback.internal;

import org.jooq.DSLContext;
import vn.dancham.feedback.OffensiveWords;

import java.text.Normalizer;
import java.util.List;

import static vn.dancham.db.jooq.Tables.OFFENSIVE_WORD;

/** The list in offensive_word, read afresh for each text (it is short, and an administrator's edit applies at once). */
final class JooqOffensiveWords implements OffensiveWords {

    static final int MAX_LENGTH = 60;

    private final DSLContext dsl;

    JooqOffensiveWords(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Entry> list() {
        return dsl.select(OFFENSIVE_WORD.ID, OFFENSIVE_WORD.WORD).from(OFFENSIVE_WORD)
                .orderBy(OFFENSIVE_WORD.WORD, OFFENSIVE_WORD.ID).fetch(r -> new Entry(r.value1(), r.value2()));
    }

    @Override
    public AddOutcome add(String word) {
        String clean = word == null ? "" : Normalizer.normalize(word, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
        if (WordFilter.words(clean).isEmpty()) {
            return AddOutcome.EMPTY;
        }
        if (clean.length() > MAX_LENGTH) {
            return AddOutcome.TOO_LONG;
        }
        int n = dsl.insertInto(OFFENSIVE_WORD).set(OFFENSIVE_WORD.WORD, clean)
                .onConflictDoNothing().execute();
        return n == 1 ? AddOutcome.ADDED : AddOutcome.DUPLICATE;
    }

    @Override
    public boolean remove(long id) {
        return dsl.deleteFrom(OFFENSIVE_WORD).where(OFFENSIVE_WORD.ID.eq(id)).execute() == 1;
    }

    @Override
    public List<String> found(String text) {
        return WordFilter.found(text, list().stream().map(Entry::word).toList());
    }
}
