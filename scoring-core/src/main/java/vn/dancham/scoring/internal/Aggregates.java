package vn.dancham.scoring.internal;

import org.jooq.DSLContext;
import vn.dancham.scoring.ScoringProperties;

import java.util.Collection;

/**
 * The incremental aggregates ({@code rating_daily}, {@code stage_daily}) and their full recomputation, from one SQL
 * definition of "what one rating or one finished stage contributes": so the incremental path and the recomputation
 * cannot disagree about the rules, and a test checks that the many small steps (supersede, flag, review, stage
 * edits) add up to the recomputation.
 *
 * <p>Callers subtract a row's contribution before changing it and add it back after, in the same transaction.
 * Internal to scoring-core (used by the dossier and rating internals); not an API for other modules.
 */
public final class Aggregates {

    /** Counted ratings, each once per subject: officers and offices it targets, their units, the dossier's field. */
    private static final String RATING_CONTRIBUTIONS = """
            SELECT s.subject_type, s.subject_id, (r.given_at AT TIME ZONE ?)::date AS day, r.criterion, r.identity,
                   sum(CASE WHEN r.value = 1 THEN 1 ELSE 0 END) * ? AS n1,
                   sum(CASE WHEN r.value = 2 THEN 1 ELSE 0 END) * ? AS n2,
                   sum(CASE WHEN r.value = 3 THEN 1 ELSE 0 END) * ? AS n3,
                   sum(CASE WHEN r.value = 4 THEN 1 ELSE 0 END) * ? AS n4,
                   sum(CASE WHEN r.value = 5 THEN 1 ELSE 0 END) * ? AS n5
            FROM rating r
            CROSS JOIN LATERAL (
                SELECT 'OFFICER' AS subject_type, t.officer_id AS subject_id
                FROM rating_target t WHERE t.rating_id = r.id AND t.officer_id IS NOT NULL
                UNION
                SELECT 'OFFICE', t.office_id FROM rating_target t WHERE t.rating_id = r.id
                UNION
                SELECT 'UNIT', ou.unit_id
                FROM rating_target t JOIN office_unit ou ON ou.office_id = t.office_id WHERE t.rating_id = r.id
                UNION
                SELECT 'FIELD', p.field_id
                FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE d.id = r.dossier_id
            ) s
            WHERE %s
            GROUP BY 1, 2, 3, 4, 5
            ORDER BY 1, 2, 3, 4, 5
            """;

    /** Finished stages, once per subject: the officer, the office, its units, the dossier's field. */
    private static final String STAGE_CONTRIBUTIONS = """
            SELECT s.subject_type, s.subject_id, (st.finished_at AT TIME ZONE ?)::date AS day,
                   count(*) * ? AS finished,
                   sum(CASE WHEN st.finished_at > st.due_at THEN 1 ELSE 0 END) * ? AS late,
                   sum(floor(extract(epoch FROM st.finished_at - st.started_at))::bigint) * ? AS held_seconds,
                   sum(CASE WHEN st.finished_at > st.due_at
                            THEN floor(extract(epoch FROM st.finished_at - st.due_at))::bigint ELSE 0 END) * ?
                       AS late_seconds
            FROM dossier_stage st
            JOIN dossier d ON d.id = st.dossier_id
            JOIN procedure p ON p.id = d.procedure_id
            CROSS JOIN LATERAL (
                SELECT 'OFFICER' AS subject_type, st.officer_id AS subject_id WHERE st.officer_id IS NOT NULL
                UNION ALL
                SELECT 'OFFICE', st.office_id
                UNION ALL
                SELECT 'UNIT', ou.unit_id FROM office_unit ou WHERE ou.office_id = st.office_id
                UNION ALL
                SELECT 'FIELD', p.field_id
            ) s
            WHERE st.finished_at IS NOT NULL AND %s
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            """;

    private final DSLContext dsl;
    private final String zone;

    public Aggregates(DSLContext dsl, ScoringProperties properties) {
        this.dsl = dsl;
        this.zone = properties.zone().getId();
    }

    /** Adds ({@code sign} 1) or subtracts (-1) the contributions of these ratings, whatever their status. */
    public void applyRatings(Collection<Long> ratingIds, int sign) {
        if (ratingIds.isEmpty()) {
            return;
        }
        String select = RATING_CONTRIBUTIONS.formatted("r.id = ANY(?::bigint[])");
        Long[] ids = ratingIds.toArray(Long[]::new);
        if (sign > 0) {
            dsl.execute("""
                    INSERT INTO rating_daily (subject_type, subject_id, day, criterion, identity, n1, n2, n3, n4, n5)
                    """ + select + """
                    ON CONFLICT (subject_type, subject_id, day, criterion, identity) DO UPDATE SET
                        n1 = rating_daily.n1 + excluded.n1, n2 = rating_daily.n2 + excluded.n2,
                        n3 = rating_daily.n3 + excluded.n3, n4 = rating_daily.n4 + excluded.n4,
                        n5 = rating_daily.n5 + excluded.n5
                    """, zone, 1, 1, 1, 1, 1, ids);
        } else {
            // CHECK constraints apply to the row an INSERT proposes, so a subtraction is an UPDATE of rows that
            // must exist (they were added when the rating was counted).
            dsl.execute("""
                    UPDATE rating_daily d SET n1 = d.n1 - c.n1, n2 = d.n2 - c.n2, n3 = d.n3 - c.n3,
                                              n4 = d.n4 - c.n4, n5 = d.n5 - c.n5
                    FROM (""" + select + """
                    ) c
                    WHERE d.subject_type = c.subject_type AND d.subject_id = c.subject_id AND d.day = c.day
                      AND d.criterion = c.criterion AND d.identity = c.identity
                    """, zone, 1, 1, 1, 1, 1, ids);
        }
    }

    /** Adds or subtracts the contributions of these stages (unfinished ones contribute nothing). */
    public void applyStages(Collection<Long> stageIds, int sign) {
        if (stageIds.isEmpty()) {
            return;
        }
        String select = STAGE_CONTRIBUTIONS.formatted("st.id = ANY(?::bigint[])");
        Long[] ids = stageIds.toArray(Long[]::new);
        if (sign > 0) {
            dsl.execute("""
                    INSERT INTO stage_daily (subject_type, subject_id, day, finished, late, held_seconds, late_seconds)
                    """ + select + """
                    ON CONFLICT (subject_type, subject_id, day) DO UPDATE SET
                        finished = stage_daily.finished + excluded.finished,
                        late = stage_daily.late + excluded.late,
                        held_seconds = stage_daily.held_seconds + excluded.held_seconds,
                        late_seconds = stage_daily.late_seconds + excluded.late_seconds
                    """, zone, 1, 1, 1, 1, ids);
        } else {
            dsl.execute("""
                    UPDATE stage_daily d SET finished = d.finished - c.finished, late = d.late - c.late,
                                             held_seconds = d.held_seconds - c.held_seconds,
                                             late_seconds = d.late_seconds - c.late_seconds
                    FROM (""" + select + """
                    ) c
                    WHERE d.subject_type = c.subject_type AND d.subject_id = c.subject_id AND d.day = c.day
                    """, zone, 1, 1, 1, 1, ids);
        }
    }

    /** Rebuilds both aggregate tables from the raw rows. Run inside one transaction. */
    public void recomputeAll() {
        dsl.execute("LOCK TABLE rating_daily, stage_daily IN EXCLUSIVE MODE");
        dsl.execute("DELETE FROM rating_daily");
        dsl.execute("INSERT INTO rating_daily (subject_type, subject_id, day, criterion, identity, n1, n2, n3, n4, n5) "
                + RATING_CONTRIBUTIONS.formatted("r.status = 'COUNTED'"), zone, 1, 1, 1, 1, 1);
        dsl.execute("DELETE FROM stage_daily");
        dsl.execute("INSERT INTO stage_daily (subject_type, subject_id, day, finished, late, held_seconds, late_seconds) "
                + STAGE_CONTRIBUTIONS.formatted("true"), zone, 1, 1, 1, 1);
    }
}
