package vn.dancham.bench.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server JVM's stop-the-world GC pauses inside a run, from its unified GC log ({@link #option}).
 *
 * <p>Why: a turnaround p99 of 156 ms from the bare server at 2,000 lines, where it had 3 ms at 3,000, made a ratio
 * meaningless and nobody could say whether its JVM had paused (bench/results/2026-12-04-rare-jobs-steady-state-…).
 * Each run's table now says how often and how long each side's collector stopped it.
 */
public final class GcPauses {

    /**
     * G1's (and Parallel's, Serial's) {@code [2026-12-04T20:15:56.333+0000] GC(0) Pause Young (Normal) (G1 Evacuation
     * Pause) 15M->4M(64M) 5.787ms}, on the {@code gc} tag; ZGC's {@code [2026-12-04T21:25:57.243+0000] GC(0) Y: Pause
     * Mark Start (Major) 0.026ms} (Y or O: the young or old collection), on {@code gc+phases}.
     */
    private static final Pattern PAUSE = Pattern.compile(
            "^\\[([^\\]]+)](?:\\[[^\\]]*])* GC\\(\\d+\\) (?:[YO]: )?(Pause .*?) (?:\\d+[KMG]->\\d+[KMG]\\(\\d+[KMG]\\) )?"
                    + "(\\d+(?:\\.\\d+)?)ms\\s*$");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** Pauses in a window: how many, their total and the longest, in ms. */
    public record Summary(int count, double totalMillis, double longestMillis) {

        /** "3 / 12.5 ms" (how many / the longest), or "none". */
        public String text() {
            if (count == 0) {
                return "none";
            }
            // ZGC's pauses are hundredths of a millisecond: "0.0 ms" would read as no pause at all.
            return count + " / " + String.format(java.util.Locale.ROOT, longestMillis < 1 ? "%.3f" : "%.1f",
                    longestMillis) + " ms";
        }
    }

    private GcPauses() {
    }

    /**
     * The JVM option that writes the GC log this class reads: one line per pause, stamped with UTC time. With
     * {@code gc+phases}: ZGC logs its (sub-millisecond) pauses only there, and a run tried with it (e.g.
     * {@code BENCH_APP_JVM_OPTS=-XX:+UseZGC}) must not read as "none" (bench/results/2026-12-04-gc-pauses-….md).
     * G1's phase lines there are not pauses and are not counted.
     */
    public static String option(Path file) {
        return "-Xlog:gc,gc+phases:file=" + file.toAbsolutePath() + ":utctime";
    }

    /**
     * The pauses that ended in [{@code from}, {@code to}] (a pause is logged when it ends). A log that is missing or
     * unreadable gives null: the table then says "–", not "none".
     */
    public static Summary between(Path file, Instant from, Instant to) {
        if (file == null || !Files.isReadable(file)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        int count = 0;
        double total = 0;
        double longest = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Instant at;
            try {
                at = OffsetDateTime.parse(m.group(1), UTC_TIME).toInstant();
            } catch (DateTimeParseException e) {
                continue;
            }
            if (at.isBefore(from) || at.isAfter(to)) {
                continue;
            }
            double ms = Double.parseDouble(m.group(3));
            count++;
            total += ms;
            longest = Math.max(longest, ms);
        }
        return new Summary(count, total, longest);
    }
}
