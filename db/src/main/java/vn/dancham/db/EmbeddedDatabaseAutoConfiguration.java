package vn.dancham.db;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Starts an embedded PostgreSQL and points the application's DataSource at it — only when no
 * {@code spring.datasource.url} is configured. With an external URL this class does nothing and Spring Boot's
 * own DataSource configuration applies.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@Conditional(EmbeddedDatabaseAutoConfiguration.NoDataSourceUrl.class)
@EnableConfigurationProperties(DatabaseProperties.class)
public class EmbeddedDatabaseAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(DatabaseProperties properties) {
        // Started already while the context was being built, when the application asked for it (its main).
        return EarlyEmbeddedPostgres.take(properties).orElseGet(() -> EmbeddedPostgresServer.start(
                properties.dataDirectory(), properties.port(), properties.databaseName(), properties.durable()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgresServer server, DatabaseProperties properties) {
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
     * The bean may have been wrapped since (the hotline's routing DataSource): its pool is found by unwrapping.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> embeddedPoolFill(ObjectProvider<DataSource> dataSource) {
        return event -> dataSource.orderedStream().forEach(d -> {
            try {
                if (d.isWrapperFor(HikariDataSource.class)) {
                    PoolsFillWhenReady.fill(d.unwrap(HikariDataSource.class));
                }
            } catch (SQLException e) {
                // only the pool's size at rest is at stake: it still grows on demand
                log.warn("The embedded database's pool was not set to its full size: {}", e.toString());
            }
        });
    }

    static final class NoDataSourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
