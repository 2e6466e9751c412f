package vn.dancham.admin.system;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dancham.admin.DanChamApplication;
import vn.dancham.db.PoolsFillWhenReady;
import vn.dancham.ivr.hotline.HotlineDatabaseScope;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the application's two pools (the embedded database's and the hotline's) open only a few connections
 * while the application starts, and keep their full size once it is ready: HikariCP opens the rest in the background
 * (its housekeeper runs every 30 s), and health is UP before that.
 */
class StartupPoolsIT {

    private static final int FULL = 20;

    /** Each pool's minimum idle and open connections: [application's, hotline's]. */
    private record Pools(int mainIdle, int hotlineIdle, int mainOpen, int hotlineOpen) {
    }

    @Test
    void poolsStartSmallAndFillToTheirSizeOnceTheApplicationIsReady() throws Exception {
        AtomicReference<Pools> atStart = new AtomicReference<>();
        // After the context's refresh (web server, FastAGI, rating writer started), before the runners and ready.
        ApplicationListener<ApplicationStartedEvent> started = e -> atStart.set(pools(e.getApplicationContext()));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DanChamApplication.class)
                .profiles("test")
                .listeners(started)
                .run("--spring.quartz.properties.org.quartz.scheduler.instanceName=startup-pools",
                        "--spring.quartz.auto-startup=false")) {
            assertThat(atStart.get()).as("while starting").isNotNull();
            assertThat(atStart.get().mainIdle()).isEqualTo(PoolsFillWhenReady.STARTING_IDLE);
            assertThat(atStart.get().hotlineIdle()).as("the hotline's own STARTING_IDLE").isEqualTo(2);

            Pools ready = pools(app);
            assertThat(ready.mainIdle()).as("application's pool once ready").isEqualTo(FULL);
            assertThat(ready.hotlineIdle()).as("hotline's pool once ready").isEqualTo(FULL);

            // The fill really happens, in the background, within HikariCP's housekeeping period.
            long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
            Pools now = pools(app);
            while ((now.mainOpen() < FULL || now.hotlineOpen() < FULL) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                now = pools(app);
            }
            assertThat(now.mainOpen()).as("application's connections open after the fill").isEqualTo(FULL);
            assertThat(now.hotlineOpen()).as("hotline's connections open after the fill").isEqualTo(FULL);

            // Both still serve: the hotline's through a caller's scope.
            DataSource dataSource = app.getBean(DataSource.class);
            try (Connection c = dataSource.getConnection()) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(HotlineDatabaseScope.call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    return c.isValid(5);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            })).isTrue();
        }
    }

    private static Pools pools(ApplicationContext context) {
        DataSource dataSource = context.getBean(DataSource.class);
        HikariDataSource main = unwrap(dataSource);
        HikariDataSource hotline = HotlineDatabaseScope.call(() -> unwrap(dataSource));
        List<HikariDataSource> both = List.of(main, hotline);
        assertThat(both).doesNotHaveDuplicates();
        return new Pools(main.getMinimumIdle(), hotline.getMinimumIdle(),
                main.getHikariPoolMXBean().getTotalConnections(), hotline.getHikariPoolMXBean().getTotalConnections());
    }

    private static HikariDataSource unwrap(DataSource dataSource) {
        try {
            return dataSource.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
