package vn.dancham.complaint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The handling side of complaints, for complaint handlers in the web: the inbox, assigning, answering (the answer
 * and its date are stored), the verdict (is the complaint founded, and against whom) and resolving, each with its
 * deadline. Expected refusals are values, not exceptions.
 */
public interface ComplaintInbox {

    /**
     * Complaints newest first.
     *
     * @param statuses    NEW, ASSIGNED, ANSWERED, RESOLVED; empty = all
     * @param overdueAt   when set, only complaints not resolved whose deadline is before this instant
     * @param officeId    when set, only complaints about this office
     * @param assigneeId  when set, only complaints assigned to this web user
     * @param incidentNotOpened only harassment reports whose incident could not be opened (set aside: the leader on
     *                    duty was not texted), whatever their status
     */
    record Query(List<String> statuses, Instant overdueAt, Long officeId, Long assigneeId, boolean incidentNotOpened,
                 int limit, int offset) {
        public Query {
            statuses = statuses == null ? List.of() : List.copyOf(statuses);
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit must be 1..500, was " + limit);
            }
        }

        public Query(List<String> statuses, Instant overdueAt, Long officeId, Long assigneeId, int limit, int offset) {
            this(statuses, overdueAt, officeId, assigneeId, false, limit, offset);
        }
    }

    /**
     * A complaint as the inbox shows it. The caller number is whole: mask it for roles that do not need it.
     * {@code recordingDeletedAt} is set when the recording was deleted after the retention period (state DELETED);
     * {@code recordingFailure} says why a FAILED recording failed (WRITE_FILE, LINE), null when not known.
     * {@code incidentFailedAt} is set on a harassment report whose incident (and the leader's SMS) could not be opened
     * and was set aside (docs/ivr.md): the handler must tell the leader on duty.
     */
    record Item(long id, String kind, String status, Long callId, Long dossierId, String receiptNo, Long officeId,
                String officeName, Long officerId, String officerName, String callerNumber, String recordingPath,
                Integer recordingSeconds, String recordingState, Long assigneeId, String assigneeName,
                String response, Instant respondedAt, Instant deadlineAt, Instant createdAt, Instant resolvedAt,
                Instant recordingDeletedAt, String recordingFailure, Instant incidentFailedAt, Verdict verdict,
                String verdictNote, Instant verdictAt,
                String verdictByName, List<NamedOfficer> namedOfficers) {

        public Item {
            namedOfficers = namedOfficers == null ? List.of() : List.copyOf(namedOfficers);
        }

        /** Complaints and reports get a verdict; a message for the leader is not an accusation. */
        public boolean needsVerdict() {
            return !"LEADER_MESSAGE".equals(kind);
        }

        public boolean overdue(Instant now) {
            return !"RESOLVED".equals(status) && deadlineAt.isBefore(now);
        }

        public boolean playable() {
            return "RECORDED".equals(recordingState) && recordingPath != null;
        }
    }

    /**
     * What the handler found. PENDING: not looked into yet (shown, not scored). CONFIRMED: founded; it counts
     * against the office that held the dossier and against each officer the handler named. UNFOUNDED: it counts
     * against nobody.
     */
    enum Verdict { PENDING, CONFIRMED, UNFOUNDED }

    /** An officer the handler named in a confirmed complaint. */
    record NamedOfficer(long id, String name, String officeName) {
    }

    /** What assigning, answering, deciding or resolving did. */
    sealed interface Change {
        record Done(Item complaint) implements Change {
        }

        /**
         * Not done, and why: a stable code (e.g. {@code ANSWER_REQUIRED}) and the values its sentence names; the
         * admin web renders {@code complaints.problem.<code>} in the reader's language.
         */
        record Refused(String code, List<Object> args) implements Change {
            public Refused {
                args = List.copyOf(args);
            }

            public Refused(String code, Object... args) {
                this(code, List.of(args));
            }
        }

        record NotFound(long id) implements Change {
        }
    }

    List<Item> list(Query query);

    Optional<Item> find(long id);

    /** Gives the complaint to a web user (NEW or ASSIGNED → ASSIGNED). */
    Change assign(long id, long assigneeUserId);

    /** Stores the answer given to the citizen and when (→ ANSWERED); the answer is required, ≤ 4000 characters. */
    Change answer(long id, String response, Instant at);

    /**
     * Records the handler's verdict (it may be revised, also after the complaint is closed: each change is kept in
     * the audit log by the caller). CONFIRMED names the officers found responsible (none: the office alone answers
     * for it); the note says what the handler found and is required for CONFIRMED and UNFOUNDED (≤ 2000
     * characters); PENDING withdraws a verdict. Refused for a message for the leader, for unknown officers and
     * for officers named with another verdict.
     */
    Change decide(long id, Verdict verdict, List<Long> officerIds, String note, long userId, Instant at);

    /** Closes the complaint (→ RESOLVED); a complaint without an answer cannot be resolved. */
    Change resolve(long id, Instant at);
}
