package vn.dancham.bench.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * CPU time from /proc, per process and per core, so that a report can say who used the cores during a run: the
 * load generator, the server under test, its PostgreSQL, and everyone else on the (shared) machine.
 *
 * <p>A process's time is {@code utime + stime} of /proc/&lt;pid&gt;/stat (all its threads). PostgreSQL's is the sum over
 * the postmaster and its live children plus the postmaster's {@code cutime + cstime}: a backend that exits is reaped
 * by the postmaster, whose "children" time then holds it, so no backend's work is lost between two readings.
 */
public final class Cpu {

    /** Linux reports process and core times in USER_HZ ticks, 100 per second on every architecture we run on. */
    static final long TICK_NANOS = 10_000_000L;

    private Cpu() {
    }

    /** One reading of the clocks that matter for a run. */
    public record Reading(long wallNanos, long generatorTicks, long serverTicks, long postgresTicks, long[] coreBusy,
                          long[] coreTotal) {

        /** What happened between {@code earlier} and this reading. */
        public Usage since(Reading earlier) {
            long[] busy = new long[coreBusy.length];
            long[] total = new long[coreBusy.length];
            for (int i = 0; i < busy.length && i < earlier.coreBusy.length; i++) {
                busy[i] = coreBusy[i] - earlier.coreBusy[i];
                total[i] = coreTotal[i] - earlier.coreTotal[i];
            }
            return new Usage(wallNanos - earlier.wallNanos, (generatorTicks - earlier.generatorTicks) * TICK_NANOS,
                    (serverTicks - earlier.serverTicks) * TICK_NANOS,
                    (postgresTicks - earlier.postgresTicks) * TICK_NANOS, busy, total);
        }
    }

    /**
     * CPU used over an interval, in nanoseconds of CPU time.
     *
     * @param coreBusy  per core, ticks spent not idle (everyone's work: ours and other users')
     * @param coreTotal per core, all ticks of the interval
     */
    public record Usage(long wallNanos, long generatorNanos, long serverNanos, long postgresNanos, long[] coreBusy,
                        long[] coreTotal) {

        /** The server under test with its database (0 for the bare server, which has none). */
        public long serverSideNanos() {
            return serverNanos + postgresNanos;
        }

        /** A process's CPU as a percentage of one core over the interval. */
        public double percentOfCore(long cpuNanos) {
            return wallNanos <= 0 ? Double.NaN : 100.0 * cpuNanos / wallNanos;
        }

        /** How busy a core was over the interval (everyone's work), in percent; NaN if unknown. */
        public double coreBusyPercent(int core) {
            return core < 0 || core >= coreTotal.length || coreTotal[core] == 0 ? Double.NaN
                    : 100.0 * coreBusy[core] / coreTotal[core];
        }

        /**
         * CPU used by every other process on the machine (other users' builds, tests…), as a percentage of one
         * core: all cores' busy time minus the generator, the server and its PostgreSQL.
         */
        public double othersPercentOfCore() {
            long busy = 0;
            for (long b : coreBusy) {
                busy += b;
            }
            long others = busy * TICK_NANOS - generatorNanos - serverNanos - postgresNanos;
            return percentOfCore(Math.max(0, others));
        }
    }

    /**
     * Reads the clocks now.
     *
     * @param generator the load generator's pid (this JVM, usually)
     * @param server    the server under test's pid, or -1
     * @param postgres  its PostgreSQL's processes (postmaster first), or null
     */
    public static Reading read(long generator, long server, Supplier<List<Long>> postgres) {
        long wall = System.nanoTime();
        long pg = 0;
        if (postgres != null) {
            List<Long> pids = postgres.get();
            for (int i = 0; i < pids.size(); i++) {
                long[] t = ticks(pids.get(i));
                pg += t[0] + (i == 0 ? t[1] : 0);
            }
        }
        long[][] cores = cores();
        return new Reading(wall, ticks(generator)[0], server < 0 ? 0 : ticks(server)[0], pg, cores[0], cores[1]);
    }

    /** {@code [utime + stime, cutime + cstime]} of a process in ticks; zeros when it is gone. */
    static long[] ticks(long pid) {
        try {
            return ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** {@code [utime + stime, cutime + cstime]} in ticks from the text of a /proc stat file (a process's or a task's). */
    static long[] ticksOf(String stat) {
        // The command name may hold blanks and parentheses: the fields start after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
        return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[13]) + Long.parseLong(f[14])};
    }

    /** Per core (cpu0, cpu1…): {@code [busy ticks[], total ticks[]]} from /proc/stat. */
    static long[][] cores() {
        List<long[]> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.UTF_8)) {
                if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                    String[] f = line.trim().split("\\s+");
                    int core = Integer.parseInt(f[0].substring(3));
                    // user nice system idle iowait irq softirq steal (guest time is already in user)
                    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                    long busy = 0;
                    for (int i = 1; i <= 8 && i < f.length; i++) {
                        busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
                    }
                    while (rows.size() <= core) {
                        rows.add(new long[] {0, 0});
                    }
                    rows.set(core, new long[] {busy, busy + idle});
                }
            }
        } catch (IOException | RuntimeException e) {
            // no per-core figures: the report shows "–"
        }
        long[] busy = new long[rows.size()];
        long[] total = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            busy[i] = rows.get(i)[0];
            total[i] = rows.get(i)[1];
        }
        return new long[][] {busy, total};
    }

    /** This JVM's pid. */
    public static long self() {
        return ProcessHandle.current().pid();
    }
}
