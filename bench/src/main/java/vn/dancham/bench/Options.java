package vn.dancham.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of the suite: {@code <benchmark> [--size small|full] [--jar path] [--results dir] [--work dir]}.
 * Paths are relative to the repository root (bench/run.sh runs from there).
 */
public record Options(String benchmark, boolean full, Path jar, Path results, Path work, String commandLine) {

    public static Options parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: <fastagi|scores|ingest|leader|startup|all> [--size small|full]");
        }
        String benchmark = args[0];
        boolean full = false;
        Path jar = Path.of("admin-web/target/dancham.jar");
        Path results = Path.of("bench/results");
        Path work = Path.of("bench/target/run");
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            String value = i + 1 < rest.size() ? rest.get(i + 1) : null;
            switch (a) {
                case "--size" -> {
                    if (!"small".equals(value) && !"full".equals(value)) {
                        throw new IllegalArgumentException("--size small|full");
                    }
                    full = value.equals("full");
                    i++;
                }
                case "--jar" -> { jar = Path.of(value); i++; }
                case "--results" -> { results = Path.of(value); i++; }
                case "--work" -> { work = Path.of(value); i++; }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        // The settings from the environment are part of the command: a report must say how it was run.
        String settings = System.getenv().entrySet().stream()
                .filter(e -> e.getKey().startsWith("BENCH_") && !e.getKey().equals("BENCH_SKIP_BUILD"))
                .map(e -> e.getKey() + "=" + (e.getValue().contains(" ") ? "'" + e.getValue() + "'" : e.getValue()))
                .sorted()
                .collect(java.util.stream.Collectors.joining(" "));
        String command = (settings.isEmpty() ? "" : settings + " ") + "bench/run.sh " + String.join(" ", args);
        return new Options(benchmark, full, jar, results, work, command);
    }

    public String size() {
        return full ? "full" : "small";
    }

    /** A small or a full figure, whichever this run asked for. */
    public <T> T pick(T small, T fullSize) {
        return full ? fullSize : small;
    }
}
