package vn.dancham.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The application's own HikariCP pools (the embedded database's and the hotline's) open only
 * {@value #STARTING_IDLE} connections while the application starts and are set to keep their full size as soon as it
 * is ready; HikariCP's housekeeper (every 30 s) opens the rest in the background. Until then a pool still opens a
 * connection whenever a borrower would otherwise wait, so nothing waits for the fill.
 * <p>
 * Why (issue 16): filled at once, the two pools of 20 opened 40 PostgreSQL backends during start-up, each a fork
 * with its own catalogue loading in PostgreSQL and a cold connect in the JVM, all on the CPU the start-up itself
 * needs. None of them is needed for health UP (one connection answers the health check, Flyway and the start-up
 * reads use one at a time); they are needed for load, which comes after. Pools configured by an operator
 * ({@code spring.datasource.hikari.*} with an external database) are never touched.
 */
public final class PoolsFillWhenReady {

    /** Connections a pool keeps open while the application starts. */
    public static final int STARTING_IDLE = 2;

    private PoolsFillWhenReady() {
    }

    /** Makes {@code pool} (configured with its full size) keep only {@value #STARTING_IDLE} idle at start. */
    public static void startSmall(HikariConfig pool) {
        pool.setMinimumIdle(Math.min(STARTING_IDLE, pool.getMaximumPoolSize()));
    }

    /** Makes {@code pool} keep its full size from now on (HikariCP's default for a pool: minimum idle = size). */
    public static void fill(HikariDataSource pool) {
        pool.getHikariConfigMXBean().setMinimumIdle(pool.getMaximumPoolSize());
    }
}
