package vn.dancham.ivr.journal;

import java.time.Instant;

/**
 * An answer a caller gave while the database could not take it (or, {@link KeptCallEnd}, the end of such a call):
 * kept in the {@link AnswerJournal} until the {@link JournalReplayer} has written it. Its {@link #key()} is the answer key the live write carried too, so a
 * write that reached the database after all, or a replay done twice, is stored once.
 */
public sealed interface KeptAnswer permits KeptRating, KeptComplaint, KeptCallEnd {

    String key();

    JournalCall call();

    /** When the caller gave it. */
    Instant at();

    static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > 100) {
            throw new IllegalArgumentException("An answer key is 1 to 100 characters: " + key);
        }
    }
}
