package vn.dancham.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL started while the context is built, and handed to the bean that asks for it. */
class EarlyEmbeddedPostgresIT {

    private final Path directory = Path.of("target", "pg-early-" + UUID.randomUUID());

    @AfterEach
    void nothingLeftRunning() {
        EarlyEmbeddedPostgres.abandon();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private DatabaseProperties settings(String database) {
        return new DatabaseProperties(directory, 0, database, false, Map.of());
    }

    @Test
    void theServerStartedFromTheSettingsIsTheOneTheBeanTakes() throws Exception {
        EarlyEmbeddedPostgres.begin(environment(Map.of("dancham.db.data-directory", directory.toString(),
                "dancham.db.database-name", "early", "dancham.db.durable", "false")));
        try (EmbeddedPostgresServer server = EarlyEmbeddedPostgres.take(settings("early")).orElseThrow();
             var c = DriverManager.getConnection(server.jdbcUrl("early"), server.user(), "")) {
            assertThat(server.dataDirectory()).isEqualTo(directory.toAbsolutePath().normalize());
            var rs = c.createStatement().executeQuery("SELECT current_database()");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("early");
            // Taken once: a second bean (another context) starts its own.
            assertThat(EarlyEmbeddedPostgres.take(settings("early"))).isEmpty();
        }
    }

    @Test
    void aServerStartedForOtherSettingsIsStoppedAndNotHandedOut() throws Exception {
        EarlyEmbeddedPostgres.begin(environment(Map.of("dancham.db.data-directory", directory.toString(),
                "dancham.db.database-name", "early", "dancham.db.durable", "false")));
        assertThat(EarlyEmbeddedPostgres.take(settings("other"))).isEmpty();
        // Stopped: the data directory is free for the server the bean starts itself.
        awaitStopped();
        try (EmbeddedPostgresServer own = EmbeddedPostgresServer.start(directory, 0, "other", false)) {
            assertThat(own.port()).isPositive();
        }
    }

    @Test
    void nothingStartsWhenADatasourceUrlIsSet() {
        EarlyEmbeddedPostgres.begin(environment(Map.of("spring.datasource.url", "jdbc:postgresql://db/dancham",
                "dancham.db.data-directory", directory.toString())));
        assertThat(EarlyEmbeddedPostgres.take(settings("dancham"))).isEmpty();
        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void nothingStartsWhileSpringWorksOutTheBeansAtBuildTime() {
        // Spring's AOT processor runs the application's main in the build; no context is ever started there.
        System.setProperty("spring.aot.processing", "true");
        try {
            EarlyEmbeddedPostgres.begin(environment(Map.of("dancham.db.data-directory", directory.toString())));
        } finally {
            System.clearProperty("spring.aot.processing");
        }
        assertThat(EarlyEmbeddedPostgres.take(settings("dancham"))).isEmpty();
        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void aStartThatFailedFailsTheBeanThatTakesIt() throws Exception {
        Files.createDirectories(directory.getParent());
        Files.writeString(directory, "a file where the data directory should be");
        EarlyEmbeddedPostgres.begin(environment(Map.of("dancham.db.data-directory", directory.toString(),
                "dancham.db.durable", "false")));
        assertThatThrownBy(() -> EarlyEmbeddedPostgres.take(new DatabaseProperties(directory, 0, "dancham", false, Map.of())))
                .hasMessageContaining("Cannot start embedded PostgreSQL");
    }

    @Test
    void anApplicationThatRegistersItGetsTheEarlyServerAndStopsItWhenClosed() throws Exception {
        // Through Spring Boot itself: the listener sees the prepared environment, the auto-configuration's bean
        // takes the server, and closing the context stops it.
        long begun = EarlyEmbeddedPostgres.begun();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EmptyApplication.class)
                .web(WebApplicationType.NONE)
                .listeners(new EarlyEmbeddedPostgres())
                .properties("dancham.db.data-directory=" + directory, "dancham.db.durable=false")
                .run()) {
            EmbeddedPostgresServer server = context.getBean(EmbeddedPostgresServer.class);
            assertThat(server.dataDirectory()).isEqualTo(directory.toAbsolutePath().normalize());
            assertThat(EarlyEmbeddedPostgres.begun()).as("started early, once").isEqualTo(begun + 1);
            assertThat(EarlyEmbeddedPostgres.take(settings("dancham"))).as("taken by the bean").isEmpty();
        }
        awaitStopped();
    }

    /** pg_ctl stop returns once the shutdown is under way; the server removes its pid file when it is down. */
    private void awaitStopped() throws InterruptedException {
        for (int i = 0; i < 200 && Files.exists(directory.resolve("postmaster.pid")); i++) {
            Thread.sleep(100);
        }
        assertThat(Files.exists(directory.resolve("postmaster.pid"))).as("server stopped").isFalse();
    }

    @org.springframework.boot.SpringBootConfiguration
    @org.springframework.boot.autoconfigure.ImportAutoConfiguration(EmbeddedDatabaseAutoConfiguration.class)
    static class EmptyApplication {
    }
}
