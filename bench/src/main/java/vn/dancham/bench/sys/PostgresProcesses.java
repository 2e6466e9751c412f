package vn.dancham.bench.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The postmaster of a data directory (from its postmaster.pid) and its child processes (backends, workers). */
public final class PostgresProcesses implements Supplier<List<Long>> {

    private final Path dataDirectory;

    public PostgresProcesses(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    public Optional<Long> postmaster() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.getFirst().trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Long> get() {
        Optional<Long> master = postmaster();
        if (master.isEmpty()) {
            return List.of();
        }
        List<Long> pids = new ArrayList<>();
        pids.add(master.get());
        try (Stream<ProcessHandle> children = ProcessHandle.of(master.get()).stream()
                .flatMap(ProcessHandle::children)) {
            children.forEach(c -> pids.add(c.pid()));
        }
        return pids;
    }

    /** Stops a postmaster left behind on this data directory (SIGTERM = smart shutdown, then SIGKILL). */
    public void stopLeftover() {
        postmaster().flatMap(ProcessHandle::of).ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }
}
