package vn.dancham.complaint.internal;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.db.HotSql;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;


/**
 * Stores complaints, charged to the office holding the dossier when the complaint was made. Every complaint, a
 * harassment report included, is one statement on the caller's time (issue 16); a real harassment report is stored
 * marked {@code incident_due}, and {@link HarassmentIncidents} opens its incident (with that office, so its duty
 * leader is the one texted) just after the write commits.
 */
@Component
public class JooqComplaints implements Complaints {

    /** A harassment report must be looked into within days; other complaints within the usual 15 days. */
    static final Duration HARASSMENT_DEADLINE = Duration.ofDays(3);
    static final Duration COMPLAINT_DEADLINE = Duration.ofDays(15);

    private final DSLContext dsl;
    private final HarassmentIncidents incidents;

    public JooqComplaints(DSLContext dsl, HarassmentIncidents incidents) {
        this.dsl = dsl;
        this.incidents = incidents;
    }

    /**
     * One statement, committed on its own unless the caller is in a transaction, run through JDBC as constant text
     * ({@link HotSql}). Before: a transaction with an advisory lock, a read for an earlier copy, the holding office's
     * read and the insert, and for a harassment report its incident, timeline and SMS rows too, all while the
     * caller waited after the beep (issue 16). The same promises: the office is the one the rule of {@link #INSERT}
     * finds; an answer key is stored once however many times the journal replays it, as the unique index settles
     * it: {@code ON CONFLICT DO NOTHING} waits for a concurrent insert of the same key and then inserts nothing,
     * and the id kept is read by a second statement (whose snapshot sees that insert committed). A report stored
     * once is marked due once, so its incident and SMS exist once.
     */
    @Override
    public long record(NewComplaint c) {
        Inserted row = insert(dsl, c);
        if (row == null) {
            return keptUnder(dsl, c.answerKey());
        }
        if (raisesIncident(c)) {
            incidents.reportStored();
        }
        return row.id();
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
                c.createdAt().plus(deadline).atOffset(ZoneOffset.UTC), c.answerKey(), c.test(), raisesIncident(c));
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

    /** A real harassment report opens an incident and texts the leader on duty; a test one must not page anyone. */
    private static boolean raisesIncident(NewComplaint c) {
        return c.kind() == NewComplaint.Kind.HARASSMENT && !c.test();
    }

    /**
     * The insert of a complaint (see {@link #record}), with the office it is charged to.
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
                                   deadline_at, answer_key, test, incident_due)
            SELECT ?::bigint, ?::bigint, coalesce((SELECT office_id FROM holding), p.chosen_office), ?::bigint,
                   ?::text, ?::text, ?::text, ?::integer, ?::text, ?::text, 'NEW', ?::timestamptz, ?::timestamptz,
                   ?::text, ?::boolean, ?::boolean
            FROM p
            ON CONFLICT (answer_key) DO NOTHING
            RETURNING id, office_id""";
}
