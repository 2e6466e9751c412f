package vn.dancham.bench.sys;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the application's rare scheduled jobs (the nightly scoring, the daily digest, the weekly check…) fired
 * during a measured run, read from Quartz's own tables in the application's database.
 *
 * <p>Why: the application runs its jobs on the clock of the place it serves (01:30 Asia/Ho_Chi_Minh is 18:30 UTC), so a
 * benchmark started at the wrong minute measures the nightly job as well as the calls. A run that contains one is
 * not the calls' steady state and its report must say so. The jobs that repeat every few minutes (the escalation
 * tick, the SMS dispatch, the league refresh) are part of the steady load and are not named.
 *
 * <p>A trigger remembers only its last firing ({@code prev_fire_time}, the time it was due), so a job is seen when
 * its last firing fell between {@code since} and the end of the window. The window should start a little before the
 * run ({@link #LEAD}): a job that started just before the run may still be working in it.
 */
public final class RareJobs {

    /** A job repeating less often than this is rare: it is not part of the steady load. */
    public static final Duration RARE = Duration.ofHours(1);

    /** How long before a run a rare job's firing still counts as being in it: the nightly job takes seconds to minutes. */
    public static final Duration LEAD = Duration.ofMinutes(5);

    private RareJobs() {
    }

    /**
     * Whether a trigger repeats less often than {@link #RARE}.
     *
     * @param type           Quartz's trigger type ({@code CRON}, {@code SIMPLE}, …)
     * @param prevFire       its last firing, ms since the epoch, or null
     * @param nextFire       its next firing, ms since the epoch, or null (a trigger that will not fire again)
     * @param repeatInterval a simple trigger's interval in ms, or null
     */
    public static boolean rare(String type, Long prevFire, Long nextFire, Long repeatInterval) {
        if ("SIMPLE".equals(type) && repeatInterval != null && repeatInterval > 0) {
            return repeatInterval >= RARE.toMillis();
        }
        // A cron trigger's period is the gap between its last firing and its next one (a daily job: a day).
        if (prevFire == null || prevFire <= 0 || nextFire == null || nextFire <= 0) {
            return true;
        }
        return nextFire - prevFire >= RARE.toMillis();
    }

    /** The rare jobs whose last firing was in [{@code from}, {@code to}], as "job (due at HH:mm:ss UTC)". */
    public static List<String> firedBetween(String jdbcUrl, Instant from, Instant to) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement ps = c.prepareStatement("""
                     SELECT t.job_group, t.job_name, t.trigger_type, t.prev_fire_time, t.next_fire_time,
                            s.repeat_interval
                       FROM qrtz_triggers t
                       LEFT JOIN qrtz_simple_triggers s USING (sched_name, trigger_name, trigger_group)
                      WHERE t.prev_fire_time BETWEEN ? AND ?
                      ORDER BY t.prev_fire_time""")) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long prev = rs.getLong("prev_fire_time");
                    Long next = rs.getObject("next_fire_time") == null ? null : rs.getLong("next_fire_time");
                    Long interval = rs.getObject("repeat_interval") == null ? null : rs.getLong("repeat_interval");
                    if (rare(rs.getString("trigger_type"), prev, next, interval)) {
                        out.add(rs.getString("job_group") + "." + rs.getString("job_name") + " (due at "
                                + Instant.ofEpochMilli(prev).toString().substring(11, 19) + " UTC)");
                    }
                }
            }
        } catch (SQLException e) {
            // A harness that cannot tell must say so rather than report a clean run.
            out.add("unknown (Quartz's tables could not be read: " + e.getMessage() + ")");
        }
        return out;
    }
}
