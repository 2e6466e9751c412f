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
