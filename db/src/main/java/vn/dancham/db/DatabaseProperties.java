package vn.dancham.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code dancham.db.*}: the embedded PostgreSQL used when {@code spring.datasource.url} is not set.
 *
 * @param dataDirectory where the embedded server keeps its data; kept across restarts
 * @param port          loopback port of the embedded server, 0 for any free port
 * @param databaseName  the database the application uses inside the embedded server
 * @param durable       fsync and synchronous commit on (the default); tests turn it off for speed
 * @param serverSettings further PostgreSQL settings for the embedded server, applied after the application's own
 *                      (so they win): e.g. {@code shared_preload_libraries=pg_stat_statements}, or
 *                      {@code dancham.db.server-settings[pg_stat_statements.track]=all} for a name with a dot
 */
@ConfigurationProperties("dancham.db")
public record DatabaseProperties(
        @DefaultValue("data/postgres") Path dataDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("dancham") String databaseName,
        @DefaultValue("true") boolean durable,
        Map<String, String> serverSettings) {

    public DatabaseProperties {
        serverSettings = serverSettings == null ? Map.of() : Map.copyOf(serverSettings);
    }
}
