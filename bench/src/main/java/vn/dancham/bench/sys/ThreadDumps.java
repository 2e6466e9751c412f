package vn.dancham.bench.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Thread dumps of a server at the moment a call stalls, saved next to the report: {@code jcmd <pid> Thread.print -l}
 * (platform threads and carriers, with locks) and {@code Thread.dump_to_file -format=json} (every virtual thread too:
 * the hotline serves each call on one). Once per server process, so a storm of stalls costs one dump.
 */
public final class ThreadDumps {

    private final Path directory;
    private final String prefix;
    private final Set<Long> dumped = ConcurrentHashMap.newKeySet();
    private final List<Path> files = new ArrayList<>();

    /**
     * @param directory where the report is written
     * @param prefix    the report's file name without ".md", so the dumps sort next to it
     */
    public ThreadDumps(Path directory, String prefix) {
        this.directory = directory;
        this.prefix = prefix;
    }

    /**
     * Dumps the threads of {@code pid} unless this process was dumped already; returns at once (jcmd runs on its own
     * thread, bounded to 60 s).
     *
     * @param label a file-name part naming the server and the moment, e.g. "app-2000"
     * @param why   the first line of the dump file: what stalled
     */
    public void once(long pid, String label, String why) {
        if (!dumped.add(pid)) {
            return;
        }
        pending.incrementAndGet();
        Thread.ofVirtual().name("thread-dump-" + pid).start(() -> dump(pid, label, why));
    }

    /** The files written so far. */
    public synchronized List<Path> files() {
        return List.copyOf(files);
    }

    /** Waits (bounded) for dumps under way, so the report can name them. */
    public void awaitPending(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline && pending() > 0) {
            Thread.sleep(100);
        }
    }

    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    private int pending() {
        return pending.get();
    }

    private void dump(long pid, String label, String why) {
        try {
            Files.createDirectories(directory);
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Path text = directory.resolve(prefix + "-threads-" + label + ".txt").toAbsolutePath();
            String header = "# " + why + "\n# pid " + pid + ", " + Instant.now() + ", jcmd " + pid
                    + " Thread.print -l\n\n";
            String out = run(List.of(jcmd, Long.toString(pid), "Thread.print", "-l"));
            Files.writeString(text, header + out, StandardCharsets.UTF_8);
            add(text);
            // The target JVM writes this one itself (it must not exist yet).
            Path json = directory.resolve(prefix + "-threads-" + label + "-virtual.json").toAbsolutePath();
            Files.deleteIfExists(json);
            run(List.of(jcmd, Long.toString(pid), "Thread.dump_to_file", "-format=json", json.toString()));
            if (Files.exists(json)) {
                add(json);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("thread dump of " + pid + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pending.decrementAndGet();
        }
    }

    private synchronized void add(Path file) {
        files.add(file);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
