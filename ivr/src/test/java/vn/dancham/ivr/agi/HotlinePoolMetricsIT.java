package vn.dancham.ivr.agi;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import vn.dancham.db.test.TestDatabase;
import vn.dancham.ivr.hotline.HotlineDatabaseScope;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hotline's own pool is measured like the application's: HikariCP's gauges and timers tagged with its name, and
 * a caller's database work shows on the hotline's pool, not on the application's.
 */
class HotlinePoolMetricsIT {

    @Test
    void theHotlinesPoolIsMeasuredUnderItsOwnName() {
        try (TestDatabase db = TestDatabase.fresh();
             HikariDataSource hotline = new HikariDataSource(HotlineDataSource.hotlineConfig(db.dataSource(),
                     HotlineDataSourceTest.properties(Map.of())))) {
            HotlineDataSource routing = new HotlineDataSource(db.dataSource(), hotline);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            HotlineDataSource.bindPoolMetrics(routing, registry);
            HotlineDataSource.bindPoolMetrics(routing, registry); // bound again (a second registry): no error
            String name = db.dataSource().getPoolName() + "-hotline";

            HotlineDatabaseScope.call(() -> {
                try (Connection c = routing.getConnection(); ResultSet r = c.createStatement().executeQuery("SELECT 1")) {
                    return r.next();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            Gauge active = registry.find("hikaricp.connections.active").tag("pool", name).gauge();
            assertThat(active).as("the hotline pool's active connections").isNotNull();
            assertThat(registry.find("hikaricp.connections.pending").tag("pool", name).gauge()).isNotNull();
            Timer usage = registry.find("hikaricp.connections.usage").tag("pool", name).timer();
            assertThat(usage).isNotNull();
            assertThat(usage.count()).as("the caller's connection, used and given back").isEqualTo(1);
            assertThat(registry.find("hikaricp.connections.active").tag("pool", db.dataSource().getPoolName())
                    .gauge()).as("the application's pool is Spring Boot's to register").isNull();
        }
    }
}
