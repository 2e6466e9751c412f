package vn.dancham.complaint.internal;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.db.HotSql;

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
        if (c.answerKey() != null && !raisesIncident(c)) {
            return recordAlone(c);
        }
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
            if (raisesIncident(c)) {
                // Synchronous, inside this transaction: the incident and its SMS outbox rows commit with the
                // report or not at all.
                events.publishEvent(new HarassmentReported(id, c.callId(), c.dossierId(), c.receiptNo(),
                        officeId, c.officerId(), c.callerNumber(), c.createdAt()));
            }
            return id;
        });
    }

    /** A real harassment report opens an incident (and its SMS) in the report's own transaction. */
    private static boolean raisesIncident(NewComplaint c) {
        return c.kind() == NewComplaint.Kind.HARASSMENT && !c.test();
    }

    /**
     * A complaint that opens nothing else (a recorded complaint, a message, a test report) on a caller's time: one
     * statement, committed on its own, run through JDBC as constant text ({@link HotSql}). The transaction with an
     * advisory lock, a read for an earlier copy, the holding office's read and the insert (four statements, jOOQ
     * rendering each and a Spring transaction around them) cost a complaint call more CPU than the rest of its
     * database work (issue 16). The same promises: the office is the one {@link #holdingOffice} finds (the same
     * rule, in SQL); an answer key is stored once however many times the journal replays it, as the unique index
     * settles it: {@code ON CONFLICT DO NOTHING} waits for a concurrent insert of the same key and then inserts
     * nothing, and the id kept is read by a second statement (whose snapshot sees that insert committed).
     */
    private long recordAlone(NewComplaint c) {
        OffsetDateTime at = c.createdAt().atOffset(ZoneOffset.UTC);
        Duration deadline = c.kind() == NewComplaint.Kind.HARASSMENT ? HARASSMENT_DEADLINE : COMPLAINT_DEADLINE;
        Long id = HotSql.query(dsl, INSERT_ALONE, rs -> rs.next() ? rs.getLong(1) : null,
                c.dossierId(), at, c.officeId(),
                c.callId(), c.dossierId(), c.officerId(), c.kind().name(), c.callerNumber(), c.recordingPath(),
                c.recordingSeconds(), c.recordingState().name(),
                c.recordingFailure() == null ? null : c.recordingFailure().name(), at,
                c.createdAt().plus(deadline).atOffset(ZoneOffset.UTC), c.answerKey(), c.test());
        if (id != null) {
            return id;
        }
        return HotSql.query(dsl, "SELECT id FROM complaint WHERE answer_key = ?", rs -> {
            if (!rs.next()) {
                throw new IllegalStateException("complaint " + c.answerKey() + " neither inserted nor found");
            }
            return rs.getLong(1);
        }, c.answerKey());
    }

    /** {@link #holdingOffice}'s rule, then the insert; see {@link #recordAlone}. */
    private static final String INSERT_ALONE = """
            WITH p AS (SELECT ?::bigint AS dossier_id, ?::timestamptz AS at, ?::bigint AS chosen_office),
            holding AS (
                SELECT s.office_id
                FROM dossier_stage s, p
                WHERE s.dossier_id = p.dossier_id AND s.started_at <= p.at
                ORDER BY CASE WHEN s.finished_at IS NULL OR s.finished_at > p.at THEN 0 ELSE 1 END,
                         CASE WHEN s.finished_at IS NULL OR s.finished_at > p.at THEN s.started_at
                              ELSE s.finished_at END DESC,
                         s.seq DESC
                LIMIT 1
            )
            INSERT INTO complaint (call_id, dossier_id, office_id, officer_id, kind, caller_number, recording_path,
                                   recording_seconds, recording_state, recording_failure, status, created_at,
                                   deadline_at, answer_key, test)
            SELECT ?::bigint, ?::bigint, coalesce((SELECT office_id FROM holding), p.chosen_office), ?::bigint,
                   ?::text, ?::text, ?::text, ?::integer, ?::text, ?::text, 'NEW', ?::timestamptz, ?::timestamptz,
                   ?::text, ?::boolean
            FROM p
            ON CONFLICT (answer_key) DO NOTHING
            RETURNING id""";

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
