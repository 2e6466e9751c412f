package vn.dancham.scoring;

import vn.dancham.text.StoredText;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The scoring core decided that a score, or a single rating, is a concern a leader must hear about.
 *
 * @param kind        LOW_SCORE (below threshold with the configured confidence), SCORE_DROP (sharp drop between
 *                    periods), LOWEST_ATTITUDE (a single lowest rating on attitude) or LEADER_CALLS_UNANSWERED
 * @param subjectType OFFICER, OFFICE or UNIT
 * @param score       the score (0–100) behind the concern, null for single-rating triggers
 * @param sampleSize  the number of ratings behind the score
 * @param period      the period as the alert SMS says it (Vietnamese), e.g. "30 ngày đến 30/11/2026" or "2026-10"
 * @param periodWords the same period for pages, as a message code and arguments (null for single-rating triggers)
 * @param detail      what the concern rests on, for the incident's timeline and page (a message code and arguments)
 * @param ratingIds   the answers a single-rating trigger rests on (the alert is withdrawn if they are later held
 *                    out); empty for score concerns
 */
public record ConcernRaised(Kind kind, String subjectType, long subjectId, String subjectName, Long officeId,
                            long adminUnitId, BigDecimal score, int sampleSize, String period,
                            StoredText periodWords, StoredText detail, Instant at, List<Long> ratingIds) {

    public ConcernRaised {
        ratingIds = List.copyOf(ratingIds);
    }

    /** A concern about a score, resting on no single answer. */
    public ConcernRaised(Kind kind, String subjectType, long subjectId, String subjectName, Long officeId,
                         long adminUnitId, BigDecimal score, int sampleSize, String period,
                         StoredText periodWords, StoredText detail, Instant at) {
        this(kind, subjectType, subjectId, subjectName, officeId, adminUnitId, score, sampleSize, period, periodWords,
                detail, at, List.of());
    }

    /**
     * LEADER_CALLS_UNANSWERED: a district's leaders on duty answered too few of the hotline's calls put through to
     * them in a week (score: the answered share in percent; sample size: the calls counted).
     */
    public enum Kind { LOW_SCORE, SCORE_DROP, LOWEST_ATTITUDE, LEADER_CALLS_UNANSWERED }
}
