package vn.dancham.db.test;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import vn.dancham.db.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Real PostgreSQL for tests without Spring: one embedded server per test JVM (stopped by a shutdown hook), the
 * migrations applied once to a template database, and a fresh copy of it for each caller of {@link #fresh()} —
 * so tests are isolated and start in milliseconds.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String TEMPLATE = "dancham_template";
    private static final AtomicInteger counter = new AtomicInteger();
    private static EmbeddedPostgresServer server;

    private final HikariDataSource dataSource;
    private final String name;

    private TestDatabase(HikariDataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    /** A new, migrated, empty database. */
    public static synchronized TestDatabase fresh() {
        EmbeddedPostgresServer pg = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
        pg.executeOnMaintenanceDatabase("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(pg.jdbcUrl(name));
        dataSource.setUsername(pg.user());
        dataSource.setMaximumPoolSize(8);
        dataSource.setPoolName(name);
        return new TestDatabase(dataSource, name);
    }

    /** The shared server, for tests that need to reach PostgreSQL themselves. */
    public static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            Path directory = Path.of("target", "test-postgres", Long.toString(ProcessHandle.current().pid()));
            deleteRecursively(directory);
            server = EmbeddedPostgresServer.start(directory, 0, TEMPLATE, false);
            Flyway.configure().dataSource(server.jdbcUrl(TEMPLATE), server.user(), "").load().migrate();
            EmbeddedPostgresServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                // The tests' databases are hundreds of thousands of files by the end of a module's run: deleting
                // them file by file here held the forked JVM past surefire's 30 s exit timeout (it was then killed,
                // 30 s later, every build). A detached rm does it after the JVM has gone.
                try {
                    new ProcessBuilder("rm", "-rf", directory.toAbsolutePath().toString())
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
                } catch (IOException e) {
                    deleteRecursively(directory);
                }
            }, "test-postgres-stop"));
        }
        return server;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public DSLContext dsl() {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
