package vn.dancham.rating;

import java.time.Instant;
import java.util.List;

/**
 * Applies the answers {@link Ratings#submit} kept, in batches, on any node sharing the database: each answer
 * exactly once, one batch at a time across the nodes, in the order they were kept (docs/reliability.md, "The answer
 * pipeline"). Runs by itself in the background; this is for whoever must see the answers applied now (tests, the
 * end of an import, a drill), and for HR, who sees the answers it set aside and sends them again once the cause is
 * mended.
 */
public interface RatingWriter {

    /**
     * Applies every answer waiting now (and those kept while it runs), batch after batch; returns how many answers
     * it handled: applied, or set aside as unusable ({@link #setAside()}).
     */
    int applyPending();

    /** Answers kept and not yet applied (nor set aside). */
    int waiting();

    /**
     * Answers the writer could not apply (an unknown question, dossier or office) and kept aside for HR, not closed
     * by HR ({@link #discard}).
     */
    int setAside();

    /** The answers set aside, the latest first, at most {@code limit}: what the caller gave and why it waits. */
    List<SetAsideAnswer> setAsideAnswers(int limit);

    /**
     * Applies again, now, one answer set aside (HR asks, once the cause is mended), exactly as the writer would have:
     * the same rules, with the time the caller gave it (an answer the caller replaced by a later one since is kept
     * as replaced, {@link RatingReceipt.Outcome#SUPERSEDED}). On failure it stays set aside with the new reason.
     * Throws when the database is away (nothing changes).
     */
    Retry retry(long answerId);

    /**
     * Closes an answer set aside that can never count (a receipt number typed wrong, a question retired for good):
     * it stays stored, with who closed it and when, and leaves the list and the count; it cannot be sent again.
     *
     * @return false when it is not an answer set aside (applied meanwhile, closed already, or no such answer)
     */
    boolean discard(long answerId, String by);

    /** What {@link #retry} did. */
    sealed interface Retry {
        /** Applied: the answer is a rating now, with what the counting rules made of it. */
        record Applied(RatingReceipt receipt) implements Retry {
        }

        /** It failed again; the answer stays set aside with this reason. */
        record FailedAgain(String reason) implements Retry {
        }

        /**
         * Not an answer set aside: applied already (another person, another node), closed by HR, or no such answer.
         */
        record NotSetAside() implements Retry {
        }
    }

    /**
     * An answer the writer set aside, with what is known of its dossier, office and question now.
     *
     * @param id            the answer's place in the inbox (what {@link #retry} takes)
     * @param dossierId     the dossier, when the register knows it now
     * @param receiptNo     the dossier's receipt number, or the number the caller typed when the register does not
     *                      know it (null: rated without a dossier, or named by an id the register does not have)
     * @param officeName    the office rated or receiving the dossier, when known
     * @param criterion     what the question asks about (ATTITUDE, TIMELINESS, OVERALL), null when the question is
     *                      unknown
     * @param questionKnown whether the question exists (asked now or not: an answer to a retired one still counts)
     * @param dossierKnown  false when the answer names a dossier that is not in the register
     * @param officeKnown   false when the answer names an office (without a dossier) that does not exist
     * @param failure       the writer's reason, as the program gave it (for the administrator)
     */
    record SetAsideAnswer(long id, Instant givenAt, Instant failedAt, String questionCode, String criterion,
                          boolean questionKnown, int value, String callerNumber, String channel, Long dossierId,
                          String receiptNo, boolean dossierKnown, Long officeId, String officeName,
                          boolean officeKnown, String failure) {

        /** Nothing the answer names is missing now: what failed was something else (a rule's or listener's fault). */
        public boolean namesOnlyWhatExists() {
            return questionKnown && dossierKnown && officeKnown;
        }
    }
}
