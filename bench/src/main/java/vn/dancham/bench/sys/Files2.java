package vn.dancham.bench.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers for the benchmark's own working directories (under bench/target/run only). */
public final class Files2 {

    private Files2() {
    }

    public static void deleteRecursively(Path directory) {
        Path abs = directory.toAbsolutePath().normalize();
        if (!abs.toString().contains("/bench/target/")) {
            throw new IllegalArgumentException("Refusing to delete outside bench/target: " + abs);
        }
        if (!Files.exists(abs)) {
            return;
        }
        new PostgresProcesses(abs.resolve("app/postgres")).stopLeftover();
        try (Stream<Path> paths = Files.walk(abs)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
