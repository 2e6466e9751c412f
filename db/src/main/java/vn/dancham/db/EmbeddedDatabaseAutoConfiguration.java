package vn.dancham.db;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The application's DataSource: an embedded PostgreSQL started here when no {@code spring.datasource.url} is
 * configured, else a HikariCP pool on that database, made as Spring Boot's own DataSource configuration makes it
 * ({@code spring.datasource.*}, {@code spring.datasource.hikari.*}).
 * <p>
 * Decided when the application starts, not by a condition: the deployable runs on the beans Spring AOT worked out
 * in the build (admin-web's {@code AheadOfTimeBeans}), where conditions are settled for good; as a condition, an
 * external database URL — the usual production setting — would have sent every production start back to working
 * the beans out. With a URL the embedded server's bean is null (absent for {@code ObjectProvider}s) and nothing
 * starts.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties({DatabaseProperties.class, DataSourceProperties.class})
public class EmbeddedDatabaseAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseAutoConfiguration.class);

    /** The embedded server, or a null bean when {@code spring.datasource.url} names a database. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties, Environment environment) {
        if (externalDatabase(environment)) {
            return null;
        }
        // Started already while the context was being built, when the application asked for it (its main).
        return EarlyEmbeddedPostgres.take(properties).orElseGet(() -> EmbeddedPostgresServer.start(
                properties.dataDirectory(), properties.port(), properties.databaseName(), properties.durable(),
                properties.serverSettings()));
    }

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(ObjectProvider<EmbeddedPostgresServer> embedded, DatabaseProperties properties,
                                DataSourceProperties external) {
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        if (server == null) {
            // As Spring Boot's DataSourceAutoConfiguration makes its HikariCP pool (which this bean replaces).
            HikariDataSource dataSource = external.initializeDataSourceBuilder().type(HikariDataSource.class).build();
            if (StringUtils.hasText(external.getName())) {
                dataSource.setPoolName(external.getName());
            }
            return dataSource;
        }
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("embedded-postgres");
        dataSource.setJdbcUrl(server.jdbcUrl(properties.databaseName()));
        dataSource.setUsername(server.user());
        dataSource.setMaximumPoolSize(20);
        PoolsFillWhenReady.startSmall(dataSource);
        return dataSource;
    }

    /**
     * Fills the embedded database's pool to its size once the application is ready ({@link PoolsFillWhenReady}).
     * The bean may have been wrapped since (the hotline's routing DataSource): its pool is found by unwrapping. A
     * pool on an external database is left as configured.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> embeddedPoolFill(ObjectProvider<EmbeddedPostgresServer> embedded,
                                                                ObjectProvider<DataSource> dataSource) {
        return event -> {
            if (embedded.getIfAvailable() == null) {
                return;
            }
            dataSource.orderedStream().forEach(d -> {
                try {
                    if (d.isWrapperFor(HikariDataSource.class)) {
                        PoolsFillWhenReady.fill(d.unwrap(HikariDataSource.class));
                    }
                } catch (SQLException e) {
                    // only the pool's size at rest is at stake: it still grows on demand
                    log.warn("The embedded database's pool was not set to its full size: {}", e.toString());
                }
            });
        };
    }

    /** Whether {@code spring.datasource.url} names a database of the operator's. */
    static boolean externalDatabase(Environment environment) {
        return StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }
}
