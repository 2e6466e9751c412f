package vn.dancham.bench.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Samples a process's resident memory and OS thread count from /proc every few hundred milliseconds and keeps the
 * peak. Virtual threads are not OS threads: the count shows carriers and platform threads only. Optionally also
 * the PostgreSQL server behind it (sum of PSS, which does not count shared buffers once per backend, and the
 * number of its processes), less often: see {@link #POSTGRES_EVERY}.
 */
public final class ProcessSampler implements AutoCloseable {

    /** One observation. Memory in KiB. */
    public record Sample(long rssKib, int threads, long postgresPssKib, int postgresProcesses) {
        static final Sample NONE = new Sample(0, 0, 0, 0);

        Sample max(Sample other) {
            return new Sample(Math.max(rssKib, other.rssKib), Math.max(threads, other.threads),
                    Math.max(postgresPssKib, other.postgresPssKib),
                    Math.max(postgresProcesses, other.postgresProcesses));
        }

        public double rssMib() {
            return rssKib / 1024.0;
        }

        public double postgresMib() {
            return postgresPssKib / 1024.0;
        }
    }

    /**
     * The PostgreSQL side is read on every this many samples only (every 2 s at the benchmark's 250 ms). Finding
     * the postmaster's children scans all of /proc, and each process's smaps_rollup makes the kernel walk its page
     * tables: done for ~50 processes every 250 ms, this thread used 15–20 % of the load generator's core (its
     * utime + stime, 2026-12-04), a core the bare baseline's runs were already short of. A PSS peak moves with the
     * shared buffers a server touches, over seconds.
     */
    static final int POSTGRES_EVERY = 8;

    private final long pid;
    private final Supplier<List<Long>> postgresPids;
    private final ScheduledExecutorService timer;
    private volatile Sample peak = Sample.NONE;
    private volatile Sample postgres = Sample.NONE;
    private int tick;

    public ProcessSampler(long pid, Supplier<List<Long>> postgresPids, int periodMillis) {
        this.pid = pid;
        this.postgresPids = postgresPids == null ? List::of : postgresPids;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "proc-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sample, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Peak since the last reset, then starts a new window. */
    public synchronized Sample resetPeak() {
        Sample p = peak.max(now());
        peak = Sample.NONE;
        return p;
    }

    public Sample now() {
        Sample pg = postgresNow();
        postgres = pg;
        return new Sample(statusField(pid, "VmRSS:"), (int) statusField(pid, "Threads:"), pg.postgresPssKib(),
                pg.postgresProcesses());
    }

    private Sample postgresNow() {
        long pgPss = 0;
        int pgCount = 0;
        for (long p : postgresPids.get()) {
            long pss = pssKib(p);
            if (pss > 0) {
                pgPss += pss;
                pgCount++;
            }
        }
        return new Sample(0, 0, pgPss, pgCount);
    }

    private synchronized void sample() {
        try {
            Sample pg = tick++ % POSTGRES_EVERY == 0 ? (postgres = postgresNow()) : postgres;
            peak = peak.max(new Sample(statusField(pid, "VmRSS:"), (int) statusField(pid, "Threads:"),
                    pg.postgresPssKib(), pg.postgresProcesses()));
        } catch (RuntimeException e) {
            // The process may be gone between two samples; the last peak stays.
        }
    }

    public static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
                    StandardCharsets.UTF_8)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    static long pssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"),
                    StandardCharsets.UTF_8)) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
