package vn.dancham.bench.sys;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * PostgreSQL's CPU by whose work it was, from /proc per process and {@code pg_stat_activity} for what each backend
 * is: the hotline's own pool (its backends' application name, {@code dancham-hotline}: the calls' statements), the
 * application's pool (every other client backend: the rating writer and the league tables it refreshes, the
 * harassment incidents, the scheduler, pages), PostgreSQL's own processes (WAL writer, checkpointer, autovacuum…),
 * and backends that exited between two readings (their time is in the postmaster's children's time, unattributed).
 * The server's PostgreSQL figure per call is one number; this says which part of the application asked for it
 * (issue 16: the rating writer's share turned out to move from run to run more than the calls' own).
 */
public final class PostgresRoles implements AutoCloseable {

    public static final String HOTLINE = "hotline pool (the calls' statements)";
    public static final String APPLICATION = "application pool (rating writer and league tables, incidents, scheduler)";
    public static final String OWN = "PostgreSQL's own processes (WAL writer, checkpointer, autovacuum…)";
    public static final String EXITED = "backends that exited (unattributed)";
    public static final String HARNESS = "this harness's own queries";

    private final String jdbcUrl;
    private final Supplier<List<Long>> pids;
    /** Kept open, so that the harness's own backend is one process with its own role, not an exited one. */
    private Connection connection;

    public PostgresRoles(String jdbcUrl, Supplier<List<Long>> pids) {
        this.jdbcUrl = jdbcUrl;
        this.pids = pids;
    }

    /** Each process's ticks and role now. */
    public record Snapshot(Map<Long, long[]> ticks, Map<Long, String> roles) {

        /** CPU nanoseconds by role between {@code earlier} and this snapshot, the roles in a fixed order. */
        public Map<String, Long> since(Snapshot earlier) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (String r : List.of(HOTLINE, APPLICATION, OWN, EXITED, HARNESS)) {
                out.put(r, 0L);
            }
            long postmaster = -1;
            for (Map.Entry<Long, long[]> e : ticks.entrySet()) {
                String role = roles.getOrDefault(e.getKey(), OWN);
                long[] before = earlier.ticks.getOrDefault(e.getKey(), new long[] {0, 0});
                out.merge(role, (e.getValue()[0] - before[0]) * Cpu.TICK_NANOS, Long::sum);
                if (role.equals(POSTMASTER)) {
                    postmaster = e.getKey();
                }
            }
            if (postmaster >= 0) {
                long[] before = earlier.ticks.getOrDefault(postmaster, new long[] {0, 0});
                // The postmaster's children's time holds an exited backend's whole life; the part before the earlier
                // reading is not this interval's (it was an earlier interval's, under the backend's role, or before
                // the measurement). Without this, a backend that exited during a run charged its whole life to it.
                long counted = 0;
                for (Map.Entry<Long, long[]> e : earlier.ticks.entrySet()) {
                    if (!ticks.containsKey(e.getKey())) {
                        counted += e.getValue()[0];
                    }
                }
                out.merge(EXITED, (ticks.get(postmaster)[1] - before[1] - counted) * Cpu.TICK_NANOS, Long::sum);
                out.merge(OWN, out.remove(POSTMASTER), Long::sum);
            }
            return out;
        }
    }

    /** The role of the first pid of a reading: its children's time holds the exited backends'. */
    public static final String POSTMASTER = "postmaster";

    /** Reads the processes' times and their roles; the roles are empty (all "own") when the database cannot say. */
    public Snapshot read() {
        Map<Long, String> roles = new HashMap<>();
        try {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
            }
        } catch (SQLException e) {
            connection = null;
        }
        try (ResultSet rs = connection == null ? null : connection.createStatement().executeQuery(
                     "SELECT pid, coalesce(application_name, ''), backend_type, pid = pg_backend_pid() "
                             + "FROM pg_stat_activity")) {
            while (rs != null && rs.next()) {
                String role;
                if (rs.getBoolean(4)) {
                    role = HARNESS;
                } else if (!"client backend".equals(rs.getString(3))) {
                    role = OWN;
                } else if ("dancham-hotline".equals(rs.getString(2))) {
                    role = HOTLINE;
                } else {
                    role = APPLICATION;
                }
                roles.put(rs.getLong(1), role);
            }
        } catch (SQLException e) {
            // no roles: every backend counts as PostgreSQL's own; the split is lost, the total is not
        }
        Map<Long, long[]> ticks = new HashMap<>();
        List<Long> all = pids.get();
        for (int i = 0; i < all.size(); i++) {
            long[] t = Cpu.ticks(all.get(i));
            if (i > 0 && t[0] == 0 && t[1] == 0) {
                // gone since it was listed (or not yet on the clock): an exited backend is counted as exited
                continue;
            }
            ticks.put(all.get(i), t);
            if (i == 0) {
                roles.put(all.get(i), POSTMASTER);
            }
        }
        return new Snapshot(ticks, roles);
    }

    /**
     * The rating answers kept and not yet applied by the rating writer now (-1: unknown): at the end of a run, how
     * far behind the writer was; its catch-up after the run is in the run's CPU.
     */
    public long answersWaiting() {
        try (ResultSet rs = connection == null ? null : connection.createStatement().executeQuery(
                "SELECT count(*) FROM rating_inbox WHERE failed_at IS NULL")) {
            return rs != null && rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // closing a connection to a database that is going away
        }
    }
}
