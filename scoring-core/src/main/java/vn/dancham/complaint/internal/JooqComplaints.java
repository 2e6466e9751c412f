package vn.dancham.complaint.internal;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.complaint.NewComplaint;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static vn.dancham.db.jooq.Tables.COMPLAINT;
import static vn.dancham.db.jooq.Tables.DOSSIER_STAGE;

/**
 * Stores complaints, charged to the office holding the dossier when the complaint was made; a harassment report
 * also raises {@link HarassmentReported} (with that office, so its duty leader is the one called) inside the same
 * transaction.
 */
@Component
public class JooqComplaints implements Complaints {

    /** A harassment report must be looked into within days; other complaints within the usual 15 days. */
    static final Duration HARASSMENT_DEADLINE = Duration.ofDays(3);
    static final Duration COMPLAINT_DEADLINE = Duration.ofDays(15);

    private final DSLContext dsl;
    private final ApplicationEventPublisher events;

    public JooqComplaints(DSLContext dsl, ApplicationEventPublisher events) {
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
            Long officeId = holdingOffice(tx.dsl(), c);
            Duration deadline = c.kind() == NewComplaint.Kind.HARASSMENT ? HARASSMENT_DEADLINE : COMPLAINT_DEADLINE;
            long id = tx.dsl().insertInto(COMPLAINT)
                    .set(COMPLAINT.CALL_ID, c.callId())
                    .set(COMPLAINT.DOSSIER_ID, c.dossierId())
                    .set(COMPLAINT.OFFICE_ID, officeId)
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
                        officeId, c.officerId(), c.callerNumber(), c.createdAt()));
            }
            return id;
        });
    }

    /**
     * The office a complaint about a dossier is charged to: the one holding it when the complaint was made (the
     * stage open then; the latest one opened if several overlap), or, once the dossier has left every stage, the
     * office of the last stage that had it. The receiving counter answers for the dossier only while it holds it.
     * Without a dossier, or with no stage begun by then, the office the caller chose.
     */
    static Long holdingOffice(DSLContext dsl, NewComplaint c) {
        if (c.dossierId() == null) {
            return c.officeId();
        }
        OffsetDateTime at = c.createdAt().atOffset(ZoneOffset.UTC);
        Long holding = dsl.select(DOSSIER_STAGE.OFFICE_ID).from(DOSSIER_STAGE)
                .where(DOSSIER_STAGE.DOSSIER_ID.eq(c.dossierId()).and(DOSSIER_STAGE.STARTED_AT.le(at)))
                .orderBy(DSL.when(DOSSIER_STAGE.FINISHED_AT.isNull().or(DOSSIER_STAGE.FINISHED_AT.gt(at)), 0)
                                .otherwise(1),
                        DSL.when(DOSSIER_STAGE.FINISHED_AT.isNull().or(DOSSIER_STAGE.FINISHED_AT.gt(at)),
                                DOSSIER_STAGE.STARTED_AT).otherwise(DOSSIER_STAGE.FINISHED_AT).desc(),
                        DOSSIER_STAGE.SEQ.desc())
                .limit(1).fetchOne(DOSSIER_STAGE.OFFICE_ID);
        return holding != null ? holding : c.officeId();
    }
}
