package vn.dancham.complaint.internal;

import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.db.HotSql;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;


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
        // The report's own row in one statement (the holding office and the insert, as recordAlone), on the
        // transaction's connection; then the incident in the same transaction. Before: an advisory lock, a read for
        // an earlier copy, the holding office's read and the insert, four statements rendered by jOOQ (issue 16).
        // A replay of the same answer key (the journal, perhaps twice, perhaps at the same moment) is settled by the
        // unique index as in recordAlone: ON CONFLICT DO NOTHING waits for a concurrent insert of the key and inserts
        // nothing once it commits; the report kept is then read, and nothing is published, so its incident and SMS
        // exist once. A concurrent insert that rolls back lets this one insert (and publish) instead.
        return dsl.transactionResult(tx -> {
            Inserted row = insert(tx.dsl(), c);
            if (row == null) {
                return keptUnder(tx.dsl(), c.answerKey());
            }
            // A test report must not page a real leader: no event, so no incident and no SMS.
            if (raisesIncident(c)) {
                // Synchronous, inside this transaction: the incident and its SMS outbox rows commit with the
                // report or not at all.
                events.publishEvent(new HarassmentReported(row.id(), c.callId(), c.dossierId(), c.receiptNo(),
                        row.officeId(), c.officerId(), c.callerNumber(), c.createdAt()));
            }
            return row.id();
        });
    }

    private record Inserted(long id, Long officeId) {
    }

    /** The insert of {@link #INSERT}: the row's id and the office charged; null when the key was already stored. */
    private static Inserted insert(DSLContext dsl, NewComplaint c) {
        OffsetDateTime at = c.createdAt().atOffset(ZoneOffset.UTC);
        Duration deadline = c.kind() == NewComplaint.Kind.HARASSMENT ? HARASSMENT_DEADLINE : COMPLAINT_DEADLINE;
        return HotSql.query(dsl, INSERT, rs -> {
                    if (!rs.next()) {
                        return null;
                    }
                    long office = rs.getLong(2);
                    return new Inserted(rs.getLong(1), rs.wasNull() ? null : office);
                },
                c.dossierId(), at, c.officeId(),
                c.callId(), c.dossierId(), c.officerId(), c.kind().name(), c.callerNumber(), c.recordingPath(),
                c.recordingSeconds(), c.recordingState().name(),
                c.recordingFailure() == null ? null : c.recordingFailure().name(), at,
                c.createdAt().plus(deadline).atOffset(ZoneOffset.UTC), c.answerKey(), c.test());
    }

    /** The id of the complaint stored under an answer key (the insert found it there). */
    private static long keptUnder(DSLContext dsl, String answerKey) {
        return HotSql.query(dsl, "SELECT id FROM complaint WHERE answer_key = ?", rs -> {
            if (!rs.next()) {
                throw new IllegalStateException("complaint " + answerKey + " neither inserted nor found");
            }
            return rs.getLong(1);
        }, answerKey);
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
     * database work (issue 16). The same promises: the office is the one the rule of {@link #INSERT} finds
     * (written in Java before); an answer key is stored once however many times the journal replays it, as the unique index
     * settles it: {@code ON CONFLICT DO NOTHING} waits for a concurrent insert of the same key and then inserts
     * nothing, and the id kept is read by a second statement (whose snapshot sees that insert committed).
     */
    private long recordAlone(NewComplaint c) {
        Inserted row = insert(dsl, c);
        return row != null ? row.id() : keptUnder(dsl, c.answerKey());
    }

    /**
     * The insert of a complaint (see {@link #recordAlone}), with the office it is charged to.
     * <p>
     * The office a complaint about a dossier is charged to: the one holding it when the complaint was made (the
     * stage open then; the latest one opened if several overlap), or, once the dossier has left every stage, the
     * office of the last stage that had it. The receiving counter answers for the dossier only while it holds it.
     * Without a dossier, or with no stage begun by then, the office the caller chose.
     */
    private static final String INSERT = """
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
            RETURNING id, office_id""";
}
