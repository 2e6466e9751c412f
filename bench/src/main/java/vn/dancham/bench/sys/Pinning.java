package vn.dancham.bench.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the load generator off the measured server's core with {@code taskset}: the generator (this JVM, all its
 * threads) on the first core we may use, the server under test (its JVM and its PostgreSQL's processes) on the last.
 * Threads and processes started later inherit the mask of their parent (new PostgreSQL backends fork from the
 * postmaster). Other users' processes are not ours to pin: they may run on either core, and the report says how much
 * they took.
 *
 * <p>Off when {@code BENCH_PIN=0}, when fewer than two cores are allowed, or when {@code taskset} is missing.
 */
public final class Pinning {

    private final boolean on;
    private final List<Integer> allowed;
    private final String why;

    private Pinning(boolean on, List<Integer> allowed, String why) {
        this.on = on;
        this.allowed = allowed;
        this.why = why;
    }

    public static Pinning decide() {
        List<Integer> allowed = allowedCores(Cpu.self());
        if ("0".equals(System.getenv("BENCH_PIN"))) {
            return new Pinning(false, allowed, "turned off (BENCH_PIN=0)");
        }
        if (allowed.size() < 2) {
            return new Pinning(false, allowed, "only " + allowed.size() + " core allowed");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/taskset")) && !Files.isExecutable(Path.of("/bin/taskset"))) {
            return new Pinning(false, allowed, "no taskset on this machine");
        }
        return new Pinning(true, allowed, "");
    }

    public boolean on() {
        return on;
    }

    /** The generator's core, or -1 when not pinned. */
    public int generatorCore() {
        return on ? allowed.getFirst() : -1;
    }

    /** The server's core, or -1 when not pinned. */
    public int serverCore() {
        return on ? allowed.getLast() : -1;
    }

    /** A plain sentence for the report: what the pinning means on this machine. */
    public String describe() {
        if (!on) {
            return "Not pinned (" + why + "): the generator, the server and its PostgreSQL share the machine's "
                    + allowed.size() + " cores, so the generator's CPU is taken from the server's.";
        }
        String s = "Pinned with `taskset`: the load generator (this JVM) on CPU " + generatorCore()
                + "; the server under test — the application's JVM and its PostgreSQL's processes, or the bare "
                + "server's JVM — on CPU " + serverCore() + ".";
        if (allowed.size() == 2) {
            s += " On this 2-core machine that means each side has exactly one core: the figures are those of a "
                    + "server with one core (the application and its database share it; the bare server has no "
                    + "database), and the generator never takes the server's core. Both JVMs were started before "
                    + "pinning, so their sizing (GC threads, virtual-thread carriers) is that of a 2-core machine.";
        }
        return s + " Other users' processes are not pinned and may run on either core: their share is reported "
                + "per run.";
    }

    /** Pins this JVM (every thread) on the generator's core. */
    public void pinGenerator() {
        if (on) {
            taskset(Cpu.self(), Integer.toString(generatorCore()));
        }
    }

    /** Gives this JVM every allowed core again. */
    public void releaseGenerator() {
        if (on) {
            taskset(Cpu.self(), String.join(",", allowed.stream().map(String::valueOf).toList()));
        }
    }

    /** Pins a server process (all threads) and the given PostgreSQL processes on the server's core. */
    public void pinServer(long pid, List<Long> postgres) {
        if (!on) {
            return;
        }
        taskset(pid, Integer.toString(serverCore()));
        for (long p : postgres) {
            try {
                taskset(p, Integer.toString(serverCore()));
            } catch (IllegalStateException e) {
                // a backend that ended meanwhile; those forked later inherit the postmaster's core
            }
        }
    }

    /** The cores a process may run on, from Cpus_allowed_list in /proc/&lt;pid&gt;/status, e.g. "0-1" → [0, 1]. */
    public static List<Integer> allowedCores(long pid) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
                    StandardCharsets.UTF_8)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    for (String part : line.substring(18).trim().split(",")) {
                        String[] range = part.split("-");
                        int from = Integer.parseInt(range[0].trim());
                        int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                        for (int c = from; c <= to; c++) {
                            out.add(c);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown: treated as one core, so nothing is pinned
        }
        return out.isEmpty() ? List.of(0) : List.copyOf(out);
    }

    private static void taskset(long pid, String cores) {
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cores, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("taskset -a -p -c " + cores + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("taskset -a -p -c " + cores + " " + pid + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning " + pid, e);
        }
    }
}
