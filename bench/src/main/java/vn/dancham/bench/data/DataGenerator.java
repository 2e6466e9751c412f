package vn.dancham.bench.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a province or a country inside PostgreSQL with {@code generate_series} (no row leaves the server):
 * administrative units, offices, officers, procedures, a year of dossiers with two stages each (about 15% of
 * second stages late), complaints about one dossier in a hundred (half confirmed), and hotline ratings with
 * their attribution targets (attitude → receiving officer, timeliness
 * → the stage that overran or else the handling stage, overall → the office), as the scoring core would have
 * recorded them. Values lean to 4–5 with a minority of poorly rated officers, so league tables have a spread.
 * The aggregates are not written here: {@code ScoringMaintenance.recomputeAll()} builds them (and is timed).
 */
public final class DataGenerator {

    private static final Logger log = LoggerFactory.getLogger(DataGenerator.class);

    /** How much to generate. */
    public record Size(String name, int districts, int communesPerDistrict, int offices, int officers, int dossiers,
                       int ratings) {
        public static final Size PROVINCE = new Size("province", 10, 10, 100, 2_000, 100_000, 500_000);
        public static final Size COUNTRY = new Size("country", 700, 15, 1_000, 20_000, 1_000_000, 10_000_000);

        /**
         * The same shape at 1/{@code divisor} of the size (at least one of everything), to try a size's code path
         * on a few minutes of data before the long run.
         */
        public Size scaled(int divisor) {
            if (divisor <= 1) {
                return this;
            }
            return new Size(name + "/" + divisor, Math.max(1, districts / divisor), communesPerDistrict,
                    Math.max(1, offices / divisor), Math.max(1, officers / divisor), Math.max(1, dossiers / divisor),
                    Math.max(1, ratings / divisor));
        }
    }

    private final DataSource dataSource;

    public DataGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void generate(Size s) throws SQLException {
        List<String> steps = List.of(
                "INSERT INTO admin_unit (level, code, name) VALUES ('PROVINCE', 'BX', 'Tỉnh thử tải')",
                """
                INSERT INTO admin_unit (parent_id, level, code, name)
                SELECT (SELECT id FROM admin_unit WHERE code = 'BX'), 'DISTRICT', 'BXD' || g, 'Huyện ' || g
                FROM generate_series(1, %d) g""".formatted(s.districts()),
                """
                INSERT INTO admin_unit (parent_id, level, code, name)
                SELECT d.id, 'COMMUNE', d.code || 'C' || g, 'Xã ' || g
                FROM admin_unit d CROSS JOIN generate_series(1, %d) g WHERE d.code LIKE 'BXD%%'"""
                        .formatted(s.communesPerDistrict()),
                // A third of the offices are a district's one-stop office or department, the rest commune offices.
                """
                INSERT INTO office (unit_id, code, dial_code, name, kind)
                SELECT CASE WHEN g %% 3 = 0 THEN d.ids[1 + g %% array_length(d.ids, 1)]
                            ELSE c.ids[1 + g %% array_length(c.ids, 1)] END,
                       'BXO' || g, (100000 + g)::text, 'Cơ quan ' || g,
                       CASE WHEN g %% 3 = 0 THEN 'ONE_STOP' WHEN g %% 3 = 1 THEN 'COMMUNE' ELSE 'DEPARTMENT' END
                FROM generate_series(1, %d) g,
                     (SELECT array_agg(id ORDER BY id) ids FROM admin_unit WHERE level = 'DISTRICT' AND code LIKE 'BXD%%') d,
                     (SELECT array_agg(id ORDER BY id) ids FROM admin_unit WHERE level = 'COMMUNE' AND code LIKE 'BXD%%') c"""
                        .formatted(s.offices()),
                // Officer g works in office number 1 + (g - 1) % offices.
                """
                INSERT INTO officer (office_id, code, full_name, position)
                SELECT o.ids[1 + (g - 1) %% array_length(o.ids, 1)], 'BXF' || g, 'Cán bộ ' || g,
                       CASE WHEN g <= array_length(o.ids, 1) THEN 'Cán bộ một cửa' ELSE 'Chuyên viên' END
                FROM generate_series(1, %d) g,
                     (SELECT array_agg(id ORDER BY (substr(code, 4))::int) ids FROM office WHERE code LIKE 'BXO%%') o"""
                        .formatted(s.officers()),
                "INSERT INTO procedure_field (code, name) SELECT 'BXL' || g, 'Lĩnh vực ' || g FROM generate_series(1, 10) g",
                """
                INSERT INTO procedure (field_id, code, name, legal_days)
                SELECT f.ids[1 + g %% 10], 'BXP' || g, 'Thủ tục ' || g, 3 + g %% 20
                FROM generate_series(1, 60) g,
                     (SELECT array_agg(id ORDER BY id) ids FROM procedure_field WHERE code LIKE 'BXL%%') f""".formatted(),
                "CREATE TEMP TABLE bx_officer AS SELECT id, (substr(code, 4))::int AS n FROM officer WHERE code LIKE 'BXF%'",
                "CREATE TEMP TABLE bx_office AS SELECT id, (substr(code, 4))::int AS n FROM office WHERE code LIKE 'BXO%'",
                "CREATE INDEX ON bx_officer (n)",
                "CREATE INDEX ON bx_office (n)",
                // Dossier g: office k = 1 + g % offices, received by that office's g-th-ish officer; a year back.
                """
                INSERT INTO dossier (receipt_no, procedure_id, receiving_office_id, receiving_officer_id, applicant_name,
                                     applicant_phone, received_at, due_at, returned_at, status)
                SELECT lpad(g::text, 12, '0'), p.ids[1 + g %% 60], o.id, f.id, 'Người dân ' || g,
                       '09' || lpad(((g::bigint * 7919) %% 100000000)::text, 8, '0'),
                       r.at, r.at + interval '10 days',
                       CASE WHEN r.at < now() - interval '20 days' THEN r.at + interval '9 days' END,
                       CASE WHEN r.at < now() - interval '20 days' THEN 'RETURNED' ELSE 'IN_PROGRESS' END
                FROM generate_series(1, %d) g
                     CROSS JOIN LATERAL (SELECT now() - ((g::bigint * 104729) %% (365 * 24 * 3600)) * interval '1 second'
                                         AS at) r
                     JOIN bx_office o ON o.n = 1 + g %% %d
                     JOIN bx_officer f ON f.n = o.n + %d * ((g / %d) %% %d)
                     CROSS JOIN (SELECT array_agg(id ORDER BY id) ids FROM procedure WHERE code LIKE 'BXP%%') p"""
                        .formatted(s.dossiers(), s.offices(), s.offices(), s.offices(),
                                Math.max(1, s.officers() / s.offices())),
                // Two stages: reception (1 day) by the receiving officer, processing by a colleague; 15% late.
                """
                INSERT INTO dossier_stage (dossier_id, seq, office_id, officer_id, name, started_at, due_at, finished_at)
                SELECT d.id, 1, d.receiving_office_id, d.receiving_officer_id, 'Tiếp nhận',
                       d.received_at, d.received_at + interval '1 day', d.received_at + interval '4 hours'
                FROM dossier d WHERE d.receipt_no ~ '^0'""",
                """
                INSERT INTO dossier_stage (dossier_id, seq, office_id, officer_id, name, started_at, due_at, finished_at)
                SELECT d.id, 2, d.receiving_office_id, coalesce(f2.id, d.receiving_officer_id), 'Thẩm định',
                       d.received_at + interval '4 hours', d.received_at + interval '8 days',
                       CASE WHEN d.returned_at IS NULL THEN NULL
                            WHEN d.id %% 7 = 0 THEN d.received_at + interval '8 days 20 hours'
                            ELSE d.received_at + interval '6 days' END
                FROM dossier d
                     JOIN officer f1 ON f1.id = d.receiving_officer_id
                     LEFT JOIN bx_officer b1 ON b1.id = f1.id
                     LEFT JOIN bx_officer f2 ON f2.n = b1.n + %d
                WHERE d.receipt_no ~ '^0'""".formatted(s.offices()),
                "ANALYZE dossier",
                "ANALYZE dossier_stage",
                // Ratings: three answers per call, calls spread over the dossiers; values lean to 4-5, and one
                // officer in ten is rated poorly.
                """
                CREATE TEMP TABLE bx_rating AS
                SELECT g, d.id AS dossier_id, d.receiving_office_id AS office_id, d.receiving_officer_id,
                       d.applicant_phone, least(now() - interval '1 minute',
                                                d.received_at + ((g %% 20) + 1) * interval '1 day') AS given_at,
                       1 + g %% 3 AS q, (g::bigint * 2654435761) %% 100 AS h, (g::bigint * 40503) %% 10 AS who
                FROM generate_series(1, %d) g
                     JOIN dossier d ON d.receipt_no = lpad((1 + (g / 3) %% %d)::text, 12, '0')"""
                        .formatted(s.ratings(), s.dossiers()),
                """
                INSERT INTO rating (dossier_id, office_id, officer_id, question_id, criterion, value, caller_number,
                                    identity, channel, given_at, status)
                SELECT r.dossier_id, r.office_id,
                       CASE q.criterion WHEN 'ATTITUDE' THEN r.receiving_officer_id
                                        WHEN 'TIMELINESS' THEN s2.officer_id END,
                       q.id, q.criterion,
                       CASE WHEN (r.receiving_officer_id %% 10 = 0 AND r.h < 60) OR r.h < 5 THEN 1 + r.h %% 3
                            WHEN r.h < 25 THEN 3 WHEN r.h < 60 THEN 4 ELSE 5 END,
                       CASE WHEN r.who < 4 THEN r.applicant_phone WHEN r.who < 9
                            THEN '09' || lpad(((r.g::bigint * 15485863) %% 100000000)::text, 8, '0') END,
                       CASE WHEN r.who < 4 THEN 'VERIFIED' WHEN r.who < 9 THEN 'UNVERIFIED' ELSE 'WITHHELD' END,
                       'PHONE', r.given_at, 'COUNTED'
                FROM bx_rating r
                     JOIN rating_question q ON q.seq = r.q
                     LEFT JOIN dossier_stage s2 ON s2.dossier_id = r.dossier_id AND s2.seq = 2
                ORDER BY r.g""".formatted(),
                """
                INSERT INTO rating_target (rating_id, seq, office_id, officer_id, stage_id, reason, given_at)
                SELECT r.id, 1, r.office_id, r.officer_id,
                       CASE WHEN r.criterion = 'TIMELINESS' THEN s2.id END,
                       CASE r.criterion WHEN 'ATTITUDE' THEN 'RECEIVING_OFFICER'
                            WHEN 'TIMELINESS' THEN CASE WHEN s2.finished_at > s2.due_at THEN 'LATE_STAGE'
                                                        ELSE 'HANDLING_STAGE' END
                            ELSE 'OFFICE' END,
                       r.given_at
                FROM rating r LEFT JOIN dossier_stage s2 ON s2.dossier_id = r.dossier_id AND s2.seq = 2
                WHERE r.office_id IN (SELECT id FROM bx_office)""",
                // What migration V261's (and V265's) triggers keep as ratings and targets are written, filled as its backfill does
                // (this session's triggers are off, below).
                """
                INSERT INTO rating_officer_evidence (officer_id, weight, given_at, rating_id)
                SELECT DISTINCT t.officer_id, rating_officer_evidence_weight(r.identity, r.value), r.given_at, r.id
                FROM rating r JOIN rating_target t ON t.rating_id = r.id
                WHERE t.officer_id IS NOT NULL AND rating_is_officer_evidence(r.status, r.identity)
                  AND r.office_id IN (SELECT id FROM bx_office)
                ON CONFLICT DO NOTHING""",
                "DROP TABLE bx_rating",
                // Complaints: one dossier in a hundred, a fifth of them harassment reports; half confirmed (the
                // receiving officer named), a fifth unfounded, the rest pending, as the scores count them.
                """
                INSERT INTO complaint (dossier_id, office_id, kind, caller_number, status, deadline_at, created_at,
                                       resolved_at, verdict, verdict_note, verdict_at)
                SELECT d.id, d.receiving_office_id, CASE WHEN d.id % 5 = 0 THEN 'HARASSMENT' ELSE 'COMPLAINT' END,
                       d.applicant_phone, CASE WHEN v.verdict = 'PENDING' THEN 'NEW' ELSE 'RESOLVED' END,
                       c.at + interval '10 days', c.at, CASE WHEN v.verdict <> 'PENDING' THEN c.at + interval '3 days' END,
                       v.verdict, CASE WHEN v.verdict <> 'PENDING' THEN 'Đã xác minh' END,
                       CASE WHEN v.verdict <> 'PENDING' THEN c.at + interval '3 days' END
                FROM dossier d
                     CROSS JOIN LATERAL (SELECT least(now() - interval '1 hour', d.received_at + interval '5 days') AS at) c
                     CROSS JOIN LATERAL (SELECT CASE WHEN d.id % 10 < 5 THEN 'CONFIRMED' WHEN d.id % 10 < 7
                                                     THEN 'UNFOUNDED' ELSE 'PENDING' END AS verdict) v
                WHERE d.receipt_no ~ '^0' AND (d.id::bigint * 7919) % 100 = 0""",
                """
                INSERT INTO complaint_officer (complaint_id, officer_id)
                SELECT c.id, d.receiving_officer_id FROM complaint c JOIN dossier d ON d.id = c.dossier_id
                WHERE c.verdict = 'CONFIRMED' AND d.receipt_no ~ '^0'""",
                "ANALYZE");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // A bulk load: triggers off for this session (foreign keys: the rows are consistent by construction;
            // rating_officer_evidence: filled in one statement above) and the secondary indexes of the big tables
            // rebuilt once at the end instead of row by row.
            st.execute("SET session_replication_role = replica");
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
                    + " AND tablename IN ('dossier', 'dossier_stage', 'rating', 'rating_target', 'complaint')"
                    + " AND indexdef NOT LIKE 'CREATE UNIQUE%'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            for (String definition : indexes) {
                st.execute("DROP INDEX " + definition.replaceFirst("^CREATE INDEX (\\S+) ON .*$", "$1"));
            }
            for (String sql : steps) {
                long t0 = System.nanoTime();
                st.execute(sql);
                log.info("{} ms: {}", (System.nanoTime() - t0) / 1_000_000,
                        sql.strip().lines().findFirst().orElse(""));
            }
            long t0 = System.nanoTime();
            for (String definition : indexes) {
                st.execute(definition);
            }
            st.execute("SET session_replication_role = DEFAULT");
            st.execute("ANALYZE");
            log.info("{} ms: {} secondary indexes rebuilt", (System.nanoTime() - t0) / 1_000_000, indexes.size());
        }
    }
}
