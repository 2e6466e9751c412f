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

    /**
     * Every subject a rating ({@code r}) counts for, once ({@code s.subject_type}, {@code s.subject_id}): the officers
     * and offices it targets, their units, the dossier's field.
     */
    static final String RATING_SUBJECTS = """
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
            """;

    /** Counted ratings, each once per subject: officers and offices it targets, their units, the dossier's field. */
    private static final String RATING_CONTRIBUTIONS = """
            SELECT s.subject_type, s.subject_id, (r.given_at AT TIME ZONE ?)::date AS day, r.criterion, r.identity,
                   sum(CASE WHEN r.value = 1 THEN 1 ELSE 0 END) * ? AS n1,
                   sum(CASE WHEN r.value = 2 THEN 1 ELSE 0 END) * ? AS n2,
                   sum(CASE WHEN r.value = 3 THEN 1 ELSE 0 END) * ? AS n3,
                   sum(CASE WHEN r.value = 4 THEN 1 ELSE 0 END) * ? AS n4,
                   sum(CASE WHEN r.value = 5 THEN 1 ELSE 0 END) * ? AS n5
            FROM rating r
            """ + RATING_SUBJECTS + """
            WHERE %s
            GROUP BY 1, 2, 3, 4, 5
            ORDER BY 1, 2, 3, 4, 5
            """;

    /**
     * The same contributions for every counted rating at once, for the full recomputation: the subjects joined
     * table by table (hash joins over whole tables) instead of four lookups per rating, which at 10 million ratings
     * took most of an hour (issue 16). Each branch is one subject type, and each (subject, rating) pair appears once,
     * as the per-rating UNION above makes it. {@code IncrementalEqualsRecomputationIT} checks that the incremental
     * path (the definition above) adds up to this one.
     */
    private static final String ALL_RATING_CONTRIBUTIONS = """
            SELECT s.subject_type, s.subject_id, (r.given_at AT TIME ZONE ?)::date AS day, r.criterion, r.identity,
                   count(*) FILTER (WHERE r.value = 1) AS n1, count(*) FILTER (WHERE r.value = 2) AS n2,
                   count(*) FILTER (WHERE r.value = 3) AS n3, count(*) FILTER (WHERE r.value = 4) AS n4,
                   count(*) FILTER (WHERE r.value = 5) AS n5
            FROM (SELECT DISTINCT 'OFFICER' AS subject_type, t.officer_id AS subject_id, t.rating_id
                  FROM rating_target t WHERE t.officer_id IS NOT NULL
                  UNION ALL
                  SELECT DISTINCT 'OFFICE', t.office_id, t.rating_id FROM rating_target t
                  UNION ALL
                  SELECT DISTINCT 'UNIT', ou.unit_id, t.rating_id
                  FROM rating_target t JOIN (SELECT office_id, unit_id FROM office_unit OFFSET 0) ou
                    ON ou.office_id = t.office_id
                  UNION ALL
                  SELECT 'FIELD', p.field_id, r0.id
                  FROM rating r0 JOIN dossier d ON d.id = r0.dossier_id JOIN procedure p ON p.id = d.procedure_id
                  WHERE r0.status = 'COUNTED') s
            JOIN rating r ON r.id = s.rating_id
            WHERE r.status = 'COUNTED'
            GROUP BY 1, 2, 3, 4, 5
            """;

    /**
     * Every dossier stage ({@code st}) once per subject it counts for: the officer, the office, its units, the
     * dossier's field ({@code s.subject_type}, {@code s.subject_id}). One definition for finished and overdue stages.
     */
    static final String STAGE_SUBJECTS = """
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
            """;

    /**
     * Finished stages, once per subject: the officer, the office, its units, the dossier's field. A stage is late
     * when it finished more than the grace period ({@code GRACE}, seconds) after its due time; its late seconds
     * are still counted from the due time.
     */
    private static final String STAGE_CONTRIBUTIONS_TEMPLATE = """
            SELECT s.subject_type, s.subject_id, (st.finished_at AT TIME ZONE ?)::date AS day,
                   count(*) * ? AS finished,
                   sum(CASE WHEN st.finished_at > st.due_at + interval 'GRACE seconds' THEN 1 ELSE 0 END) * ? AS late,
                   sum(floor(extract(epoch FROM st.finished_at - st.started_at))::bigint) * ? AS held_seconds,
                   sum(CASE WHEN st.finished_at > st.due_at + interval 'GRACE seconds'
                            THEN floor(extract(epoch FROM st.finished_at - st.due_at))::bigint ELSE 0 END) * ?
                       AS late_seconds
            """ + STAGE_SUBJECTS + """
            WHERE st.finished_at IS NOT NULL AND %s
            GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3
            """;

    private final DSLContext dsl;
    private final String zone;
    private final String stageContributions;
    private final StaleSnapshots stale;
    private final LeagueMarks leagues;

    public Aggregates(DSLContext dsl, ScoringProperties properties) {
        this.dsl = dsl;
        this.zone = properties.zone().getId();
        this.stale = new StaleSnapshots(dsl, properties.zone());
        this.leagues = new LeagueMarks(dsl);
        // A whole number of seconds, never user text: safe to write into the statement.
        this.stageContributions = STAGE_CONTRIBUTIONS_TEMPLATE.replace("GRACE",
                Long.toString(properties.fairness().lateGrace().toSeconds()));
    }

    /**
     * Adds ({@code sign} 1) or subtracts (-1) the contributions of these ratings, whatever their status: one
     * statement updates the daily and the monthly rows.
     */
    public void applyRatings(Collection<Long> ratingIds, int sign) {
        if (ratingIds.isEmpty()) {
            return;
        }
        // Every change of what a rating contributes passes here: the trend points of past periods it was in are
        // marked stale, for its subjects, by the same statement (docs/scoring.md § 8a).
        apply(RATING_CONTRIBUTIONS.formatted("r.id = ANY(?::bigint[])"), "rating", RATING_KEYS, RATING_SUMS, sign,
                stale.markSubjectsOfContributions(), new Object[]{zone, 1, 1, 1, 1, 1, ratingIds.toArray(Long[]::new),
                        stale.zone()});
        // And the league tables kept ready that these ratings' offices are in (docs/scoring.md "Pages from one
        // read"): the rating writer applies a batch here, so its batch marks them in its own transaction.
        leagues.markRatings(ratingIds);
    }

    /** Adds or subtracts the contributions of these stages (unfinished ones contribute nothing). */
    public void applyStages(Collection<Long> stageIds, int sign) {
        if (stageIds.isEmpty()) {
            return;
        }
        apply(stageContributions.formatted("st.id = ANY(?::bigint[])"), "stage", STAGE_KEYS, STAGE_SUMS, sign, null,
                new Object[]{zone, 1, 1, 1, 1, stageIds.toArray(Long[]::new)});
        // Open stages too: an overdue one counts in past periods without being in the aggregates.
        stale.stages(stageIds);
        leagues.markStages(stageIds);
    }

    /**
     * Statuses whose dossiers' stages never count as overdue and open (withdrawn; waiting for the citizen's
     * supplement: the legal clock is stopped), as {@link ScoreReader} reads them.
     */
    private static final java.util.Set<String> CLOCK_STOPPED = java.util.Set.of("WITHDRAWN", "SUPPLEMENT_REQUESTED");

    /**
     * A dossier's status changed (in the caller's transaction): when it stops or restarts the legal clock, its
     * stages that can be overdue count as late or no longer do, in every period whose end finds them open (the
     * status read is today's, docs/scoring.md § 5b), so their league tables are marked. Nothing stored sums them.
     */
    public void dossierStatusChanged(long dossierId, String before, String after) {
        if (CLOCK_STOPPED.contains(before) != CLOCK_STOPPED.contains(after)) {
            leagues.markStages(dsl.fetch("SELECT id FROM dossier_stage WHERE dossier_id = ? "
                    + "AND (finished_at IS NULL OR finished_at > due_at)", dossierId).getValues(0, Long.class));
        }
    }

    private static final String RATING_KEYS = "subject_type, subject_id, %s, criterion, identity";
    private static final String RATING_SUMS = "n1, n2, n3, n4, n5";
    private static final String STAGE_KEYS = "subject_type, subject_id, %s";
    private static final String STAGE_SUMS = "finished, late, held_seconds, late_seconds";

    /** The same contributions summed per month (keyed by the month's first day). */
    private static String monthly(String dailySelect, String keys, String sums) {
        StringBuilder summed = new StringBuilder();
        for (String column : sums.split(", ")) {
            summed.append(", sum(").append(column).append(") AS ").append(column);
        }
        String groupKeys = keys.formatted("date_trunc('month', day)::date");
        return "SELECT " + keys.formatted("date_trunc('month', day)::date AS month") + summed
                + " FROM (" + dailySelect + ") c GROUP BY " + groupKeys + " ORDER BY " + groupKeys;
    }

    /**
     * One statement: the contributions ({@code c}), the daily rows, then the monthly rows; {@code marks}, when not
     * null, a statement over {@code c} run as one more CTE between them (its binds after the contributions').
     */
    private void apply(String contributions, String prefix, String keyPattern, String sums, int sign, String marks,
                       Object[] bindings) {
        String daily = prefix + "_daily";
        String monthly = prefix + "_monthly";
        String[] columns = sums.split(", ");
        String dayKeys = keyPattern.formatted("day");
        String monthKeys = keyPattern.formatted("month");
        String m = marks == null ? "" : ", m AS (" + marks + ")";
        String sql;
        if (sign > 0) {
            sql = "WITH c AS (" + contributions + "), d AS (INSERT INTO " + daily + " (" + dayKeys + ", " + sums
                    + ") SELECT * FROM c ON CONFLICT (" + dayKeys + ") DO UPDATE SET " + adding(daily, columns)
                    + ")" + m + " INSERT INTO " + monthly + " (" + monthKeys + ", " + sums + ") "
                    + monthly("SELECT * FROM c", keyPattern, sums)
                    + " ON CONFLICT (" + monthKeys + ") DO UPDATE SET " + adding(monthly, columns);
        } else {
            // CHECK constraints apply to the row an INSERT proposes, so a subtraction is an UPDATE of rows that
            // must exist (they were added when the row was counted).
            sql = "WITH c AS (" + contributions + "), d AS (UPDATE " + daily + " t SET " + subtracting(columns)
                    + " FROM c WHERE " + matching(dayKeys) + ")" + m + " UPDATE " + monthly + " t SET "
                    + subtracting(columns) + " FROM (" + monthly("SELECT * FROM c", keyPattern, sums) + ") c WHERE "
                    + matching(monthKeys);
        }
        dsl.execute(sql, bindings);
    }

    private static String adding(String table, String[] columns) {
        StringBuilder set = new StringBuilder();
        for (String column : columns) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = ").append(table).append('.').append(column)
                    .append(" + excluded.").append(column);
        }
        return set.toString();
    }

    private static String subtracting(String[] columns) {
        StringBuilder set = new StringBuilder();
        for (String column : columns) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = t.").append(column).append(" - c.")
                    .append(column);
        }
        return set.toString();
    }

    private static String matching(String keys) {
        StringBuilder where = new StringBuilder();
        for (String key : keys.split(", ")) {
            where.append(where.isEmpty() ? "" : " AND ").append("t.").append(key).append(" = c.").append(key);
        }
        return where.toString();
    }

    /** Rebuilds the aggregate tables from the raw rows. Run inside one transaction. */
    public void recomputeAll() {
        dsl.execute("LOCK TABLE rating_daily, stage_daily, rating_monthly, stage_monthly IN EXCLUSIVE MODE");
        // One statement aggregates every rating once per subject (about five rows per rating, millions of groups):
        // more memory for this transaction's sorts and hashes than a page's query needs (docs/scoring.md § 9).
        dsl.execute("SET LOCAL work_mem = '256MB'");
        leagues.markAll();
        dsl.execute("DELETE FROM rating_daily");
        dsl.execute("INSERT INTO rating_daily (" + RATING_KEYS.formatted("day") + ", " + RATING_SUMS + ") "
                + ALL_RATING_CONTRIBUTIONS, zone);
        dsl.execute("DELETE FROM stage_daily");
        dsl.execute("INSERT INTO stage_daily (" + STAGE_KEYS.formatted("day") + ", " + STAGE_SUMS + ") "
                + stageContributions.formatted("true"), zone, 1, 1, 1, 1);
        dsl.execute("DELETE FROM rating_monthly");
        dsl.execute("INSERT INTO rating_monthly (" + RATING_KEYS.formatted("month") + ", " + RATING_SUMS + ") "
                + monthly("SELECT * FROM rating_daily", RATING_KEYS, RATING_SUMS));
        dsl.execute("DELETE FROM stage_monthly");
        dsl.execute("INSERT INTO stage_monthly (" + STAGE_KEYS.formatted("month") + ", " + STAGE_SUMS + ") "
                + monthly("SELECT * FROM stage_daily", STAGE_KEYS, STAGE_SUMS));
        // Every row replaced: the planner's statistics of the old rows would mislead the next reads (autovacuum
        // comes later, if at all before the nightly job).
        dsl.execute("ANALYZE rating_daily, stage_daily, rating_monthly, stage_monthly");
    }
}
