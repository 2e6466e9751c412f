package vn.dancham.rating;

import java.util.List;

/**
 * Recording ratings. The one way into the rating tables: attribution, verification, anti-gaming and the
 * incremental aggregates happen in the same transaction as the insert.
 */
public interface Ratings {

    RatingReceipt record(RatingSubmission submission);

    /**
     * The answer path at telephone speed: keeps the answer durably (committed when this returns) for the
     * {@link RatingWriter} to apply soon after, in a batch, exactly as {@link #record} would. What a caller is told
     * ("your answer is kept") is true once this returns. A test answer is recorded at once instead.
     *
     * @return true when kept now, false when an answer with the same answer key was already waiting
     */
    default boolean submit(RatingSubmission submission) {
        // For fakes: no writer, so the answer is recorded at once.
        record(submission);
        return true;
    }

    /**
     * Keeps an answer that cannot be applied as it is with the answers the writer set aside, where HR sees why and
     * counts it again once the cause is mended ({@link RatingWriter#setAsideAnswers}, {@link RatingWriter#retry}).
     * One key, one answer: an answer kept already under its key (waiting or set aside) is not kept twice.
     *
     * @return true when the answer is in the inbox now (kept by this call or before it), false when this store
     * cannot keep answers aside (the caller keeps it elsewhere)
     */
    default boolean keepAside(UnappliedAnswer answer) {
        return false;
    }

    /**
     * Records many ratings in one transaction, in order, each exactly as {@link #record} would (for bulk loads and
     * imports: one commit instead of one per rating). All or nothing in the PostgreSQL implementation; this default
     * (for fakes) records them one by one.
     */
    default List<RatingReceipt> recordAll(List<RatingSubmission> submissions) {
        return submissions.stream().map(this::record).toList();
    }

    /** What the hotline should ask a caller before rating a dossier, so that a receipt number alone is not enough. */
    enum IdentityCheck {
        /** The caller's number is the applicant's phone: nothing to ask. */
        APPLICANT,
        /**
         * Ask for the last {@link #KNOWN_DIGITS} digits of the phone number the applicant gave when filing; pass
         * what the caller typed as {@link RatingSubmission#knownDigits()}.
         */
        ASK_PHONE_DIGITS,
        /** Nothing to ask: the check is turned off, or the dossier has no applicant phone on file. */
        NONE
    }

    /** How many trailing digits of the applicant's phone the knowledge check asks for. */
    int KNOWN_DIGITS = 4;

    /**
     * The identity check for a caller about to rate a dossier ({@code callerNumber} as Asterisk gave it, null when
     * withheld).
     *
     * @throws IllegalArgumentException for an unknown dossier
     */
    IdentityCheck identityCheck(long dossierId, String callerNumber);

    /**
     * As {@link #identityCheck(long, String)} for a dossier whose applicant phone the caller already read (the
     * hotline has just looked the dossier up): the same answer, without reading the dossier again.
     */
    default IdentityCheck identityCheck(long dossierId, String applicantPhone, String callerNumber) {
        return identityCheck(dossierId, callerNumber);
    }

    /** The active questions, in order. */
    List<RatingQuestion> activeQuestions();
}
