package vn.dancham.complaint.internal;

import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.complaint.NewComplaint;

import java.time.Duration;
import java.time.ZoneOffset;

import static vn.dancham.db.jooq.Tables.COMPLAINT;

/** Stores complaints; a harassment report also raises {@link HarassmentReported} inside the same transaction. */
@Component
class JooqComplaints implements Complaints {

    /** A harassment report must be looked into within days; other complaints within the usual 15 days. */
    static final Duration HARASSMENT_DEADLINE = Duration.ofDays(3);
    static final Duration COMPLAINT_DEADLINE = Duration.ofDays(15);

    private final DSLContext dsl;
    private final ApplicationEventPublisher events;

    JooqComplaints(DSLContext dsl, ApplicationEventPublisher events) {
        this.dsl = dsl;
        this.events = events;
    }

    @Override
    public long record(NewComplaint c) {
        return dsl.transactionResult(tx -> {
            if (c.answerKey() != null) {
                // The hotline replaying its journal (perhaps twice): the report and its incident exist once. The
                // advisory lock makes a concurrent replay of the same key wait; the unique index is the backstop.
                tx.dsl().fetch("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked",
                        "answer:" + c.answerKey());
                Long earlier = tx.dsl().select(COMPLAINT.ID).from(COMPLAINT)
                        .where(COMPLAINT.ANSWER_KEY.eq(c.answerKey())).fetchOne(COMPLAINT.ID);
                if (earlier != null) {
                    return earlier;
                }
            }
            Duration deadline = c.kind() == NewComplaint.Kind.HARASSMENT ? HARASSMENT_DEADLINE : COMPLAINT_DEADLINE;
            long id = tx.dsl().insertInto(COMPLAINT)
                    .set(COMPLAINT.CALL_ID, c.callId())
                    .set(COMPLAINT.DOSSIER_ID, c.dossierId())
                    .set(COMPLAINT.OFFICE_ID, c.officeId())
                    .set(COMPLAINT.OFFICER_ID, c.officerId())
                    .set(COMPLAINT.KIND, c.kind().name())
                    .set(COMPLAINT.CALLER_NUMBER, c.callerNumber())
                    .set(COMPLAINT.RECORDING_PATH, c.recordingPath())
                    .set(COMPLAINT.RECORDING_SECONDS, c.recordingSeconds())
                    .set(COMPLAINT.RECORDING_STATE, c.recordingState().name())
                    .set(COMPLAINT.RECORDING_FAILURE, c.recordingFailure() == null ? null : c.recordingFailure().name())
                    .set(COMPLAINT.STATUS, "NEW")
                    .set(COMPLAINT.CREATED_AT, c.createdAt().atOffset(ZoneOffset.UTC))
                    .set(COMPLAINT.DEADLINE_AT, c.createdAt().plus(deadline).atOffset(ZoneOffset.UTC))
                    .set(COMPLAINT.ANSWER_KEY, c.answerKey())
                    .set(COMPLAINT.TEST, c.test())
                    .returning(COMPLAINT.ID)
                    .fetchSingle()
                    .getId();
            // A test report must not page a real leader: no event, so no incident and no SMS.
            if (c.kind() == NewComplaint.Kind.HARASSMENT && !c.test()) {
                // Synchronous, inside this transaction: the incident and its SMS outbox rows commit with the
                // report or not at all.
                events.publishEvent(new HarassmentReported(id, c.callId(), c.dossierId(), c.receiptNo(),
                        c.officeId(), c.officerId(), c.callerNumber(), c.createdAt()));
            }
            return id;
        });
    }
}
