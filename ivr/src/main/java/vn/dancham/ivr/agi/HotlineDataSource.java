package vn.dancham.ivr.agi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import vn.dancham.ivr.hotline.HotlineDatabaseScope;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The application's DataSource with a second pool for the hotline: database work done on a caller's time (inside
 * {@link HotlineDatabaseScope}) takes its connections from a pool whose limits are the hotline's
 * ({@code dancham.ivr.database-*}): HikariCP's wait for a connection, pgjdbc's connect, login and socket timeouts,
 * and PostgreSQL's {@code statement_timeout} and {@code lock_timeout} set for the session at connect time
 * ({@code options=-c ...}, no round trip per call). Everything else (pages, imports, the rating writer, the journal
 * replay, Flyway, Quartz) keeps the application's pool and its longer limits. One DataSource for Spring, so a
 * transaction on a caller's thread (a complaint and the incident it opens) is one connection, one transaction.
 */
final class HotlineDataSource extends AbstractRoutingDataSource implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HotlineDataSource.class);
    private static final String HOTLINE = "hotline";
    /**
     * Connections the hotline's pool keeps open while the application starts (issue 16: two pools of 20 filled at
     * once opened 40 PostgreSQL backends on the CPU the start-up needs); its full size once the application is ready.
     */
    static final int STARTING_IDLE = 2;

    private final HikariDataSource main;
    private final HikariDataSource hotline;

    HotlineDataSource(HikariDataSource main, HikariDataSource hotline) {
        this.main = main;
        this.hotline = hotline;
        setTargetDataSources(Map.of(HOTLINE, hotline));
        setDefaultTargetDataSource(main);
        afterPropertiesSet();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return HotlineDatabaseScope.active() ? HOTLINE : null;
    }

    HikariDataSource hotlinePool() {
        return hotline;
    }

    /**
     * Puts the hotline's pool in the metrics beside the application's: HikariCP's own Micrometer tracker, as Spring
     * Boot gives the application's pool (which it finds through this DataSource outside a call's scope), so both
     * are exported as {@code hikaricp_connections_*} with the pool's name as the {@code pool} tag (the hotline's
     * ends in {@code -hotline}). A DataSource that is not (or does not wrap) this one is left alone.
     */
    static void bindPoolMetrics(DataSource dataSource, MeterRegistry registry) {
        HikariDataSource pool;
        try {
            if (!dataSource.isWrapperFor(HotlineDataSource.class)) {
                return;
            }
            pool = dataSource.unwrap(HotlineDataSource.class).hotline;
        } catch (SQLException e) {
            log.warn("The hotline's pool is not in the metrics: {}", e.toString());
            return;
        }
        // A tracker is set once per pool (HikariCP refuses a second one).
        if (pool.getMetricsTrackerFactory() == null && pool.getMetricRegistry() == null) {
            pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    /**
     * Sets the hotline's pool of {@code dataSource} (when it is, or wraps, this one) to keep its full size from now
     * on: called once the application is ready (the database module's PoolsFillWhenReady does the same for the
     * application's pool; the hotline keeps its own two lines, as it never reaches into that module).
     */
    static void fillWhenReady(DataSource dataSource) {
        try {
            if (dataSource.isWrapperFor(HotlineDataSource.class)) {
                HikariDataSource pool = dataSource.unwrap(HotlineDataSource.class).hotline;
                pool.getHikariConfigMXBean().setMinimumIdle(pool.getMaximumPoolSize());
            }
        } catch (SQLException e) {
            // only the pool's size at rest is at stake: it still grows on demand
            log.warn("The hotline's pool was not set to its full size: {}", e.toString());
        }
    }

    @Override
    public void close() {
        hotline.close();
        main.close();
    }

    /** The hotline's pool: the application pool's database and credentials, the hotline's limits. */
    static HikariConfig hotlineConfig(HikariDataSource main, IvrProperties p) {
        HikariConfig c = new HikariConfig();
        c.setPoolName((main.getPoolName() != null ? main.getPoolName() : "dancham") + "-hotline");
        c.setJdbcUrl(main.getJdbcUrl());
        c.setUsername(main.getUsername());
        c.setPassword(main.getPassword());
        if (main.getDriverClassName() != null) {
            c.setDriverClassName(main.getDriverClassName());
        }
        if (main.getSchema() != null) {
            c.setSchema(main.getSchema());
        }
        Properties driver = new Properties();
        driver.putAll(main.getDataSourceProperties());
        c.setDataSourceProperties(driver);
        c.setMaximumPoolSize(p.databasePoolSize());
        // A few connections while the application starts, the full size once it is ready (fillWhenReady).
        c.setMinimumIdle(Math.min(STARTING_IDLE, c.getMaximumPoolSize()));
        c.setConnectionTimeout(p.databaseConnectionTimeout().toMillis());
        // A pooled connection is checked (when idle a while) within the same wait.
        c.setValidationTimeout(Math.max(250, p.databaseConnectionTimeout().toMillis() / 2));
        // The database may be down when the application starts: the pool starts empty and fills when it can.
        c.setInitializationFailTimeout(-1);
        // pgjdbc's limits are whole seconds.
        c.addDataSourceProperty("connectTimeout", seconds(p.databaseConnectTimeout()));
        c.addDataSourceProperty("loginTimeout", seconds(p.databaseConnectTimeout()));
        c.addDataSourceProperty("socketTimeout", seconds(p.databaseTimeout()));
        c.addDataSourceProperty("tcpKeepAlive", "true");
        // The hotline sends the same few statements all day: each is prepared on the server at its first use on a
        // connection (pgjdbc's default waits for the fifth) and then only bound and executed.
        c.addDataSourceProperty("prepareThreshold", "1");
        c.addDataSourceProperty("ApplicationName", "dancham-hotline");
        c.addDataSourceProperty("options", "-c statement_timeout=" + p.databaseStatementTimeout().toMillis()
                + " -c lock_timeout=" + p.databaseLockTimeout().toMillis());
        return c;
    }

    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }

    /**
     * Wraps the application's HikariCP DataSource (the embedded database's or Spring Boot's); any other DataSource
     * is left as it is, and the hotline then works with the application's limits (said in the log).
     */
    static BeanPostProcessor wrapper(ObjectProvider<IvrProperties> properties) {
        return new Wrapper(properties);
    }

    private record Wrapper(ObjectProvider<IvrProperties> properties) implements BeanPostProcessor, Ordered {

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (!(bean instanceof HikariDataSource main) || main instanceof HotlinePool) {
                return bean;
            }
            if (main.getJdbcUrl() == null || !main.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                log.warn("DataSource {} is not a PostgreSQL URL: the hotline uses it with its own limits", name);
                return bean;
            }
            HikariDataSource hotline = new HotlinePool(hotlineConfig(main, properties.getObject()));
            return new HotlineDataSource(main, hotline);
        }

        /** Before wrappers that do not know HikariCP (a test's statement counter). */
        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** The hotline's own pool (never wrapped again). */
    private static final class HotlinePool extends HikariDataSource {
        HotlinePool(HikariConfig config) {
            super(config);
        }
    }
}
