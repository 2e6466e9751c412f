package vn.dancham.db;

import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dancham.db.jooq.DefaultSchema;
import vn.dancham.db.test.TestDatabase;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrations apply on an empty PostgreSQL, and the generated jOOQ classes describe exactly that schema. */
class MigrationsIT {

    static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void generatedClassesMatchTheMigratedSchemaColumnForColumn() {
        Map<String, Set<String>> actual = new TreeMap<>();
        db.dsl().resultQuery("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name NOT LIKE 'qrtz%' AND table_name <> 'flyway_schema_history'
                """).fetch().forEach(r -> actual
                .computeIfAbsent(r.get(0, String.class), k -> new TreeSet<>())
                .add(r.get(1, String.class) + ":" + normalise(r.get(2, String.class))));

        Map<String, Set<String>> generated = new TreeMap<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            generated.put(table.getName(), java.util.Arrays.stream(table.fields())
                    .map(f -> f.getName() + ":" + normalise(typeName(f)))
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        assertThat(generated).isEqualTo(actual);
    }

    /**
     * Every index is paid for on every insert, and on every update that is not heap-only. One whose columns lead
     * another index of the same table, with the same predicate, answers nothing the longer one cannot, and only costs
     * writes: rating_target kept one such index (V20's officer index beside V60's officer-and-rating one) and wrote
     * about 1.75 entries into it per hotline call (issue 16). Quartz's own tables keep Quartz's schema as shipped.
     */
    @Test
    void noIndexOfOursIsALeadingPartOfAnotherWithTheSamePredicate() {
        var redundant = db.dsl().resultQuery("""
                SELECT a.indexrelid::regclass::text || ' (covered by ' || b.indexrelid::regclass::text || ')'
                FROM pg_index a
                JOIN pg_index b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid
                JOIN pg_class ai ON ai.oid = a.indexrelid
                JOIN pg_class bi ON bi.oid = b.indexrelid
                JOIN pg_class t ON t.oid = a.indrelid
                WHERE t.relnamespace = 'public'::regnamespace AND t.relname NOT LIKE 'qrtz%'
                  AND NOT a.indisunique AND ai.relam = bi.relam
                  AND a.indexprs IS NULL AND b.indexprs IS NULL
                  AND a.indnatts <= b.indnatts
                  AND (a.indkey::int2[])[0:a.indnatts - 1] = (b.indkey::int2[])[0:a.indnatts - 1]
                  AND (a.indclass::oid[])[0:a.indnatts - 1] = (b.indclass::oid[])[0:a.indnatts - 1]
                  AND coalesce(pg_get_expr(a.indpred, a.indrelid), '') = coalesce(pg_get_expr(b.indpred, b.indrelid), '')
                ORDER BY 1
                """).fetch().getValues(0, String.class);
        assertThat(redundant).isEmpty();
    }

    @Test
    void quartzTablesExistForTheClusteredJobStore() {
        assertThat(db.dsl().fetchValue(
                "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz_%'", Long.class))
                .isEqualTo(11L);
    }

    @Test
    void checkConstraintsRefuseImpossibleRows() {
        assertThatThrownBy(() -> db.dsl().execute(
                "INSERT INTO admin_unit (level, code, name) VALUES ('DISTRICT', 'X', 'no parent')"))
                .hasMessageContaining("check");
        assertThatThrownBy(() -> db.dsl().execute(
                "INSERT INTO rating_question (code, criterion, seq, prompt_vi, prompt_en) VALUES ('Q', 'LOOKS', 1, 'a', 'b')"))
                .hasMessageContaining("check");
    }

    /**
     * V264: ANALYZE skips the event arrays, which no query filters on (per-element statistics of text arrays were most
     * of autovacuum's work on the table), and keeps the statistics of the column the table is read by.
     */
    @Test
    void analyzeLeavesTheCallEventArraysAloneAndKeepsTheCallIdsStatistics() {
        long call = db.dsl().fetchSingle("INSERT INTO hotline_call (asterisk_unique_id, started_at) "
                + "VALUES ('stats', now()) RETURNING id").get(0, Long.class);
        db.dsl().execute("""
                INSERT INTO call_event_batch (call_id, at, step, kind, detail)
                SELECT ?, ARRAY[now(), now()], ARRAY['MAIN_MENU', 'STATUS'], ARRAY['STEP', 'KEY'], ARRAY[NULL, '1']
                FROM generate_series(1, 200)""", call);
        db.dsl().execute("ANALYZE call_event_batch");
        assertThat(db.dsl().fetch("SELECT attname FROM pg_stats WHERE tablename = 'call_event_batch'")
                .getValues(0, String.class)).contains("call_id").doesNotContain("at", "step", "kind", "detail");
    }

    /**
     * V251 moves a call's events into one row per write: the events logged before it are kept, in their order, one
     * row per call, and read through the view as they were read from the table.
     */
    @Test
    void theCallEventsLoggedBeforeV251AreKeptInTheirOrder() {
        var pg = TestDatabase.server();
        String name = "migrate_" + ProcessHandle.current().pid();
        pg.executeOnMaintenanceDatabase("CREATE DATABASE " + name);
        try (var dataSource = new com.zaxxer.hikari.HikariDataSource()) {
            dataSource.setJdbcUrl(pg.jdbcUrl(name));
            dataSource.setUsername(pg.user());
            org.flywaydb.core.Flyway.configure().dataSource(dataSource).target("250").load().migrate();
            var dsl = org.jooq.impl.DSL.using(dataSource, org.jooq.SQLDialect.POSTGRES);
            long a = dsl.fetchSingle("INSERT INTO hotline_call (asterisk_unique_id, started_at) VALUES ('a', now()) "
                    + "RETURNING id").get(0, Long.class);
            long b = dsl.fetchSingle("INSERT INTO hotline_call (asterisk_unique_id, started_at) VALUES ('b', now()) "
                    + "RETURNING id").get(0, Long.class);
            dsl.execute("""
                    INSERT INTO call_event (call_id, at, step, kind, detail) VALUES
                        (?, '2026-12-01T01:00:00Z', 'MAIN_MENU', 'STEP', NULL),
                        (?, '2026-12-01T01:00:01Z', 'STATUS', 'STEP', NULL),
                        (?, '2026-12-01T01:00:02Z', 'MAIN_MENU', 'KEY', '1'),
                        (?, '2026-12-01T01:00:01Z', 'STATUS', 'HANGUP', 'gone')""", a, b, a, a);

            org.flywaydb.core.Flyway.configure().dataSource(dataSource).load().migrate();
            assertThat(dsl.fetch("SELECT call_id, kind, step, detail FROM call_event ORDER BY batch_id, seq")
                    .map(r -> r.get(0, Long.class) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3)))
                    .containsExactly(a + " STEP MAIN_MENU null", a + " KEY MAIN_MENU 1", a + " HANGUP STATUS gone",
                            b + " STEP STATUS null");
            assertThat(dsl.fetchCount(org.jooq.impl.DSL.table("call_event_batch"))).isEqualTo(2);
            // Arrays that do not line up, or an unknown kind, are refused as the table refused such rows.
            assertThatThrownBy(() -> dsl.execute("INSERT INTO call_event_batch (call_id, at, step, kind, detail) "
                    + "VALUES (?, ARRAY[now()], ARRAY['A', 'B'], ARRAY['STEP'], ARRAY[NULL]::text[])", a))
                    .hasMessageContaining("call_event_batch_events");
            assertThatThrownBy(() -> dsl.execute("INSERT INTO call_event_batch (call_id, at, step, kind, detail) "
                    + "VALUES (?, ARRAY[now()], ARRAY['A'], ARRAY['LOOKS'], ARRAY[NULL]::text[])", a))
                    .hasMessageContaining("call_event_batch_kind");
        } finally {
            pg.executeOnMaintenanceDatabase("DROP DATABASE " + name);
        }
    }

    private static String typeName(Field<?> field) {
        // information_schema says ARRAY for every array column (the element type is in udt_name).
        return field.getDataType().isArray() ? "array" : field.getDataType().getTypeName();
    }

    /** information_schema and jOOQ spell the same PostgreSQL types differently. */
    private static String normalise(String type) {
        return switch (type.toLowerCase()) {
            case "int8", "bigint" -> "bigint";
            case "int4", "integer" -> "integer";
            case "int2", "smallint" -> "smallint";
            case "bool", "boolean" -> "boolean";
            case "varchar", "character varying", "text", "clob" -> "text";
            case "timestamptz", "timestamp with time zone" -> "timestamptz";
            case "timestamp", "timestamp without time zone" -> "timestamp";
            case "numeric", "decimal" -> "numeric";
            case "bytea", "blob" -> "bytea";
            case "date" -> "date";
            case "jsonb" -> "jsonb";
            default -> type.toLowerCase();
        };
    }
}
