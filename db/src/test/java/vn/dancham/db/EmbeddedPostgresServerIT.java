package vn.dancham.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresServerIT {

    private final Path directory = Path.of("target", "pg-restart-" + UUID.randomUUID());

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(directory, 0, "keep", true)) {
            try (var c = DriverManager.getConnection(first.jdbcUrl("keep"), first.user(), "")) {
                c.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
            }
        }
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(directory, 0, "keep", true)) {
            try (var c = DriverManager.getConnection(second.jdbcUrl("keep"), second.user(), "")) {
                var rs = c.createStatement().executeQuery("SELECT v FROM kept");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void aDurableServerSyncsItsWrites() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, "durable", true);
             var c = DriverManager.getConnection(server.jdbcUrl("durable"), server.user(), "")) {
            var rs = c.createStatement().executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("on");
            assertThat(rs.getString(2)).isEqualTo("on");
        }
    }

    /**
     * An operator's (or the bench's) settings are applied after the server's own and win over them; a library to
     * preload is loaded (the bench reads pg_stat_statements through this, issue 16).
     */
    @Test
    void furtherServerSettingsWinOverTheServersOwnAndPreloadALibrary() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, "settings", false,
                java.util.Map.of("work_mem", "48MB", "shared_preload_libraries", "pg_stat_statements",
                        "pg_stat_statements.track", "all"));
             var c = DriverManager.getConnection(server.jdbcUrl("settings"), server.user(), "")) {
            var rs = c.createStatement().executeQuery(
                    "SELECT current_setting('work_mem'), current_setting('pg_stat_statements.track')");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("48MB");
            assertThat(rs.getString(2)).isEqualTo("all");
            c.createStatement().execute("CREATE EXTENSION pg_stat_statements");
            c.createStatement().execute("SELECT 41 + 1");
            var counted = c.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_stat_statements WHERE query LIKE 'SELECT $1 + $2%'");
            counted.next();
            assertThat(counted.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void closingStopsThePostgresProcess() throws Exception {
        long pid;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, "stop", false)) {
            pid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).getFirst().trim());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        }
        // pg_ctl stop returns once shutdown is under way; the process itself exits a moment later.
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aServerStoppedForADrillRefusesConnectionsAndComesBackOnTheSamePortWithItsData() throws Exception {
        long pid;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, 0, "drill", false)) {
            try (var c = DriverManager.getConnection(server.jdbcUrl("drill"), server.user(), "")) {
                c.createStatement().execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before')");
            }
            server.stopForDrill();
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("drill"), server.user(), ""))
                    .isInstanceOf(java.sql.SQLException.class)
                    .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).startsWith("08"));
            server.startAgain();
            try (var c = DriverManager.getConnection(server.jdbcUrl("drill"), server.user(), "")) {
                var rs = c.createStatement().executeQuery("SELECT v, current_setting('fsync') FROM kept");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("before");
                assertThat(rs.getString(2)).as("started with its original options").isEqualTo("off");
            }
            pid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).getFirst().trim());
        }
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("close() stops the restarted server too").isFalse();
    }
}
