package vn.dancham.db;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Quartz migration is the script shipped in the Quartz jar, so an upgrade of Quartz cannot drift silently. */
class QuartzSchemaTest {

    @Test
    void quartzMigrationIsTheJarsPostgresScript() throws IOException {
        String fromJar;
        try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream(
                "/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
            fromJar = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String migration = Files.readString(Path.of("src/main/resources/db/migration/V9__quartz.sql"));
        assertThat(statements(migration)).isEqualTo(statements(fromJar).stream()
                .filter(s -> !s.startsWith("DROP TABLE") && !s.equals("COMMIT"))
                .toList());
    }

    private static List<String> statements(String sql) {
        String withoutComments = sql.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
        return java.util.Arrays.stream(withoutComments.split(";"))
                .map(s -> s.replaceAll("\\s+", " ").trim())
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
