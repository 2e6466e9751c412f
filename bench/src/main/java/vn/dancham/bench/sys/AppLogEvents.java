package vn.dancham.bench.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the application's own log says happened to its database path during a run: the hotline took its database
 * for down (and served callers without it), its journal was being replayed into the database, or its maintenance
 * refreshed trend snapshots or league tables on the same core (a 2.3 s burst in a hold at 2,000 lines in
 * bench/results/2026-12-05-hold-tail-background-bursts.md).
 *
 * <p>Why: twice a full run's 8-line warm-up began with the hotline's call-log writer cancelled by its statement
 * timeout (2 s); the hotline then served callers without its database for 2 s and replayed ~1,500 journalled answers
 * over the next 2 minutes (bench/results/2026-12-04-2153-fastagi-small.md). A run that overlaps either measures
 * something other than the hotline's steady state: fewer database writes while it is down, the replay's writes on
 * top of the calls' while it catches up. The report said so only in its list of warnings; each run now names it.
 */
public final class AppLogEvents {

    /** Spring Boot's default console line: {@code 2026-12-04T21:58:35.387Z ERROR 25884 --- [dancham] [thread] …}. */
    private static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z) ");
    private static final String DOWN = "Database unavailable; the hotline serves callers without it";
    private static final String UP = "Database reachable again";
    private static final Pattern REPLAY = Pattern.compile(
            "Journal replay wrote (\\d+) answer\\(s\\), set aside (\\d+); (\\d+) still pending");
    /**
     * The application's maintenance that repeats every few minutes and can take seconds on the node's core: the
     * trend snapshots of past periods marked stale, the league tables kept ready. Its log line comes at its end, with
     * its time since {@code StaleTrendsJob} logs it ("…, in 2290 ms"); an older jar's line has no time.
     */
    private static final Pattern REFRESH = Pattern.compile(
            "(Trend snapshots of (\\d+) past periods taken again after late changes"
                    + "|League tables kept ready computed again after changes: (\\d+))(?:, in (\\d+) ms)?");
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AppLogEvents() {
    }

    /**
     * The events of [{@code from}, {@code to}], in words for a run's "limit" column, oldest first; empty when the
     * log says nothing about the window (or cannot be read).
     */
    public static List<String> between(Path appLog, Instant from, Instant to) {
        List<String> lines;
        try {
            lines = appLog == null || !Files.isReadable(appLog) ? List.of()
                    : Files.readAllLines(appLog, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
        List<String> events = new ArrayList<>();
        boolean downBefore = false;
        long pendingBefore = 0;
        int written = 0;
        for (String line : lines) {
            Matcher stamp = STAMP.matcher(line);
            if (!stamp.find()) {
                continue;
            }
            Instant at;
            try {
                at = Instant.parse(stamp.group(1));
            } catch (DateTimeParseException e) {
                continue;
            }
            Matcher refresh = REFRESH.matcher(line);
            if (refresh.find()) {
                // Named when the refresh overlapped the window: it may end after it.
                long ms = refresh.group(4) == null ? 0 : Long.parseLong(refresh.group(4));
                Instant began = at.minusMillis(ms);
                if (!at.isBefore(from) && !began.isAfter(to)) {
                    events.add((refresh.group(2) != null
                            ? "the trend snapshots of " + refresh.group(2) + " past periods taken again"
                            : refresh.group(3) + " league tables kept ready computed again")
                            + (refresh.group(4) == null ? ", ended " + HMS.format(at)
                            : " from " + HMS.format(began) + " to " + HMS.format(at) + " (" + ms + " ms)"));
                }
            }
            if (at.isAfter(to.plus(java.time.Duration.ofMinutes(10)))) {
                break;
            }
            if (at.isAfter(to)) {
                continue;
            }
            Matcher replay = REPLAY.matcher(line);
            boolean down = line.contains(DOWN);
            boolean up = line.contains(UP);
            if (at.isBefore(from)) {
                if (down) {
                    downBefore = true;
                } else if (up) {
                    downBefore = false;
                }
                if (replay.find()) {
                    pendingBefore = Long.parseLong(replay.group(3));
                }
                continue;
            }
            if (down) {
                events.add("the hotline took its database for down at " + HMS.format(at)
                        + " and served callers without it");
            } else if (up) {
                events.add("its database reachable again at " + HMS.format(at));
            } else if (replay.find()) {
                written += Integer.parseInt(replay.group(1));
            }
        }
        if (downBefore) {
            events.addFirst("the hotline took its database for down before the run");
        }
        if (pendingBefore > 0 || written > 0) {
            events.add("the journal was being replayed into the database (" + pendingBefore
                    + " answers pending at the start, " + written + " written in the run)");
        }
        return events;
    }

    /** For the self-test: a log line as the application writes it, at {@code at}. */
    public static String line(Instant at, String level, String thread, String message) {
        return LOG_TIME.format(at) + " " + level + " 1 --- [dancham] [" + thread + "] vn.dancham.Example : " + message;
    }
}
