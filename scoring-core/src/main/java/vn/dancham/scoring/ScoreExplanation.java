package vn.dancham.scoring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What went into a score and with what weight, for the officer who is scored and the HR staff who read it.
 *
 * @param score     the score explained
 * @param ratings   counted ratings (newest first, at most the requested number)
 * @param heldOut   flagged ratings held out of the score until HR reviews them
 * @param stages    stages counted in the on-time rate: those overdue and still open at the period's end (finishedAt
 *                  null, late by the time to the period's end or now), then the finished ones newest first; at most
 *                  the requested number
 * @param complaints confirmed complaints and harassment reports (counted in the complaint component) and, for an
 *                   office, unit or field, the pending ones charged to it (not counted)
 * @param formulas  the formulas with this score's numbers filled in, one line each (English)
 */
public record ScoreExplanation(SubjectScore score, List<RatingItem> ratings, List<RatingItem> heldOut,
                               List<StageItem> stages, List<ComplaintItem> complaints, List<String> formulas) {

    /**
     * @param points value on the 0–100 scale
     * @param weight identity weight × decay
     * @param reason why it is attributed to this subject (RECEIVING_OFFICER, LATE_STAGE, HANDLING_STAGE, OFFICE)
     * @param channel how it was given: PHONE, WEB, IMPORT or SMS
     */
    public record RatingItem(long ratingId, Instant givenAt, String criterion, int value, BigDecimal points,
                             String identity, BigDecimal weight, String receiptNo, String reason, String status,
                             String flagReason, String channel) {
    }

    public record StageItem(long stageId, String receiptNo, int seq, String name, String officerName,
                            Instant startedAt, Instant dueAt, Instant finishedAt, Duration lateBy, BigDecimal weight) {

        public boolean late() {
            return lateBy.isPositive();
        }
    }

    /**
     * @param penalty points this item takes off the complaint component (after decay; 0 while pending)
     * @param verdict CONFIRMED (counted) or PENDING (not looked into yet, not counted)
     * @param finding what the complaint handler found, for a confirmed complaint
     */
    public record ComplaintItem(long complaintId, Instant createdAt, String kind, String receiptNo,
                                BigDecimal weight, BigDecimal penalty, String verdict, String finding) {

        public boolean confirmed() {
            return "CONFIRMED".equals(verdict);
        }
    }
}
