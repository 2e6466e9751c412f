package vn.dancham.review;

import java.time.Instant;
import java.util.List;

/**
 * An officer asking HR to review an answer or a complaint behind their score ("đề nghị xem xét"), and HR's decision,
 * which the officer sees. An officer can ask only about their own items: the officer id comes from their login,
 * and an item that is not theirs is refused the same way as one that does not exist.
 */
public interface ReviewRequests {

    int MAX_REASON = 2000;
    int MAX_NOTE = 2000;

    enum Kind { RATING, COMPLAINT }

    enum Status { OPEN, ACCEPTED, REJECTED }

    enum AskOutcome {
        ASKED,
        /** No such answer or complaint attributed to this officer. */
        NOT_THEIRS,
        REASON_MISSING,
        REASON_TOO_LONG,
        /** An open request for this item exists; HR has not answered yet. */
        ALREADY_ASKED
    }

    record Asked(AskOutcome outcome, long requestId) {
        public boolean asked() {
            return outcome == AskOutcome.ASKED;
        }
    }

    /**
     * One request with what it is about: for an answer its date, question (criterion) and value; for a complaint its
     * date and kind. Never the caller's number.
     */
    record Request(long id, long officerId, String officerName, Kind kind, long itemId, Instant itemAt,
                   String criterion, Integer value, String complaintKind, String receiptNo, String reason,
                   String askedBy, Instant askedAt, Status status, String decidedBy, Instant decidedAt,
                   String decisionNote) {
    }

    enum DecideOutcome { DECIDED, NOT_OPEN, NOTE_MISSING, NOTE_TOO_LONG, UNKNOWN }

    record Decided(DecideOutcome outcome, Request request) {
        public boolean decided() {
            return outcome == DecideOutcome.DECIDED;
        }
    }

    Asked ask(long officerId, Kind kind, long itemId, String reason, String by);

    /** The officer's own requests, newest first. */
    List<Request> forOfficer(long officerId);

    /** HR's queue: open requests oldest first, then (when {@code withDecided}) the latest decided ones. */
    List<Request> queue(boolean withDecided, int limit);

    /** HR's answer with a note the officer reads; only an open request can be decided. */
    Decided decide(long requestId, boolean accept, String note, String by);
}
