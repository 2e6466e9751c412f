package vn.dancham.citizen;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** What the web shows of the SMS exchanged with citizens. */
public interface CitizenMessages {

    /**
     * One SMS on a dossier's timeline.
     *
     * @param kind      APOLOGY, INVITATION, ANSWERS, STATUS, CORRECTION, OPT_OUT or HELP
     * @param direction OUT (sent to the citizen), IN (from them) or NOT_SENT (deliberately not sent)
     * @param body      the text as sent or received; null when not sent
     * @param state     the outbox state of an outbound SMS (PENDING, SENT, DELIVERED, SIMULATED, FAILED…); null
     *                  otherwise
     * @param detail    why it was not sent (OPTED_OUT), or what an inbound SMS did (e.g. the answers recorded)
     * @param fromApplicant whether an inbound SMS came from the applicant's own number
     */
    record Message(Instant at, String kind, String direction, String body, String state, String detail,
                   boolean fromApplicant) {
    }

    List<Message> forDossier(long dossierId);

    /** A dossier an apology went out for. */
    record Apologised(long dossierId, String receipt, String procedureName, long officeId, String officeName,
                      Instant dueAt, Instant newDueAt, Instant apologisedAt, String state, boolean returned) {
    }

    /**
     * The citizen has been apologised to: the latest apology SMS for the dossier that Twilio took (SENT or
     * DELIVERED; one queued, failed or merely simulated reached nobody and is not claimed), when it left, and the new
     * date the dossier now has (null when none was given). The public look-up page shows this fact.
     */
    record ApologySent(Instant sentAt, Instant newDueAt) {
    }

    Optional<ApologySent> apologySent(long dossierId);

    /** The latest apologies, newest first; only one office's when {@code officeId} is given. */
    List<Apologised> apologised(Long officeId, int limit);

    /** SMS and segments handed to Twilio (or simulated) in one month, by kind (the outbox's purpose). */
    record SegmentCount(String kind, int messages, int segments, int simulatedSegments) {
    }

    List<SegmentCount> segmentsByKind(YearMonth month);

    /** Invitations sent in a period and how many were answered by SMS, per office. */
    record ResponseRate(long officeId, String officeName, int invited, int answered) {

        /** Answered per hundred invited; 0 when none was invited. */
        public int percent() {
            return invited == 0 ? 0 : (int) Math.round(100.0 * answered / invited);
        }
    }

    List<ResponseRate> responseRates(Instant from, Instant to);

    /** The formal apology letter (phiếu xin lỗi và hẹn lại ngày trả kết quả) for a late dossier. */
    record ApologyLetter(String receipt, String applicantName, String procedureName, String officeName,
                         String unitName, LocalDate receivedOn, LocalDate dueOn, LocalDate newDueOn,
                         String lateStageName, String lateStageOffice, LocalDate writtenOn) {
    }

    /** Empty when there is no such dossier or it is not late. */
    Optional<ApologyLetter> apologyLetter(long dossierId, Instant now);
}
