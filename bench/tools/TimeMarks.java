import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSettings;
import vn.dancham.scoring.internal.Aggregates;
import vn.dancham.scoring.internal.BroadLeagues;
import vn.dancham.scoring.internal.Maintenance;
import vn.dancham.scoring.internal.ReadyLeagues;
import vn.dancham.scoring.internal.ScoreQueries;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What the league tables of running windows cost the five-minute job when nothing but time passes, on a maintained
 * copy of the scores benchmark's database (as {@code VerdictRefresh}, in the same directory: JDK 22 or later; the
 * classpath of a build's extracted lib/ picks the build timed):
 *
 * <pre>java -cp 'lib/*' bench/tools/TimeMarks.java jdbc:postgresql://localhost:55432/dancham postgres postgres \
 *     DATA_DIR/postmaster.pid</pre>
 *
 * T0 is ten minutes after the newest stored table's time. Every table is reset to fresh, computed at T0 with the
 * build's fingerprint; no answer, stage or verdict is added, so only time moves the figures: the open stages whose
 * due time passes (the data set's dossiers of the last 20 days are in progress, their second stage due 8 days after
 * reception).
 * <ul>
 *   <li>A build that ages tables (before V270): the five-minute job at T0 + 31 min, when every running table is
 *       past the half hour; it does so every half hour.</li>
 *   <li>A build that marks time ({@code league_clock}, V270; time marked through T0): the five-minute job at
 *       T0 + 5, 10, …, 60 min, each marking the stages whose due time passed since the run before and computing
 *       what they marked.</li>
 * </ul>
 * The tables resting on very many answers ({@code BroadLeagues}) are left out of both: in both builds the job
 * computes them twice an hour (by age before, by the marks of answers and time now), measured in
 * bench/results/2026-12-05-answer-refresh-10m.md. Here their time is kept young for the ageing build, and for the
 * marking one set ten minutes after T0 with their period at 59 minutes (the longest allowed), so neither computes
 * them.
 */
public class TimeMarks {

    public static void main(String[] args) throws Exception {
        VerdictRefresh.Copy copy = VerdictRefresh.Copy.open(args);
        Path pidFile = copy.pidFile();
        var dsl = copy.dsl();
        var transactions = copy.transactions();
        ScoringProperties properties = copy.properties();
        Instant t0 = copy.tenAfterNewest().truncatedTo(ChronoUnit.SECONDS);
        ScoringSettings settings = copy.settings();
        var fingerprint = ReadyLeagues.class.getDeclaredMethod("fingerprint", Object.class);
        fingerprint.setAccessible(true);
        String mine = (String) fingerprint.invoke(null, settings.current());
        boolean marksTime = VerdictRefresh.value(dsl, Integer.class,
                "SELECT count(*)::int FROM information_schema.tables WHERE table_name = 'league_clock'") == 1
                && hasMethod(Maintenance.class, "markTimePassed");
        long broadFrom = BroadLeagues.DEFAULT.from();
        System.out.printf("T0 %s; %d league tables, %d resting on more than %d ratings; this build %s%n", t0,
                VerdictRefresh.value(dsl, Integer.class, "SELECT count(*)::int FROM league_ready"),
                VerdictRefresh.value(dsl, Integer.class, "SELECT count(*)::int FROM league_ready WHERE ratings > "
                        + broadFrom), broadFrom, marksTime ? "marks time" : "ages tables");

        if (!marksTime) {
            Instant at = t0.plus(Duration.ofMinutes(31));
            reset(dsl, mine, t0, at.minus(Duration.ofMinutes(10)), broadFrom);
            Clock clock = Clock.fixed(at, ZoneOffset.UTC);
            ScoreQueries scores = new ScoreQueries(dsl, settings, clock, new ReadyLeagues(dsl, transactions, clock));
            Maintenance job = new Maintenance(dsl, new Aggregates(dsl, properties), transactions, settings,
                    event -> { }, clock, scores);
            System.out.printf("  stages that became overdue while open in (T0, T0 + 31 min]: %d%n",
                    passed(dsl, t0, at));
            VerdictRefresh.timed(pidFile, "five-minute job at T0 + 31 min: refreshLeagues (tables)",
                    job::refreshLeagues);
            return;
        }

        // The broad tables "computed" ten minutes after T0 and due 59 minutes after that: not within the hour.
        reset(dsl, mine, t0, t0.plus(Duration.ofMinutes(10)), broadFrom);
        dsl.execute("UPDATE league_clock SET marked_through = ?::timestamptz", t0.atOffset(ZoneOffset.UTC));
        int[] stages = new int[1];
        int[] tables = new int[1];
        // RUNS (environment, default 12: the hour) shortens an A/B of two marking builds.
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "12"));
        VerdictRefresh.timed(pidFile, runs + " runs of the five-minute job, T0 + 5 … " + 5 * runs
                + " min: tables computed", () -> {
            for (int k = 1; k <= runs; k++) {
                Instant at = t0.plus(Duration.ofMinutes(5L * k));
                Clock clock = Clock.fixed(at, ZoneOffset.UTC);
                ScoreQueries scores = new ScoreQueries(dsl, settings, clock, new ReadyLeagues(dsl, transactions,
                        clock, null, new BroadLeagues(broadFrom, Duration.ofMinutes(59))));
                Maintenance job = new Maintenance(dsl, new Aggregates(dsl, properties), transactions, settings,
                        event -> { }, clock, scores);
                long s0 = System.nanoTime();
                int n = job.refreshLeagues();
                long wall = System.nanoTime() - s0;
                int marked = passed(dsl, at.minus(Duration.ofMinutes(5)), at);
                stages[0] += marked;
                tables[0] += n;
                System.out.printf("    T0 + %d min: %d stages passed their due time, %d tables computed, %.1f s; "
                        + "pending (broad): %d%n", 5 * k, marked, n, wall / 1e9, VerdictRefresh.value(dsl,
                        Integer.class, "SELECT count(*)::int FROM league_ready WHERE stale"));
            }
            return tables[0];
        });
        System.out.printf("  in the %d runs: %d stages passed their due time, %d tables computed%n", runs, stages[0],
                tables[0]);
    }

    /** Every table fresh with this build's fingerprint, computed at {@code at}, the broad ones at {@code broadAt}. */
    static void reset(org.jooq.DSLContext dsl, String fingerprint, Instant at, Instant broadAt, long broadFrom) {
        System.out.printf("  tables reset: %d (computed at %s, the broad ones at %s)%n", dsl.execute("""
                UPDATE league_ready SET stale = false, settings = ?,
                       computed_at = CASE WHEN coalesce(ratings, 0) > ? THEN ?::timestamptz ELSE ?::timestamptz END""",
                fingerprint, broadFrom, broadAt.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC)), at, broadAt);
    }

    /** Stages of dossiers in progress whose due time passed in [from, to) while they were open (grace 0). */
    static int passed(org.jooq.DSLContext dsl, Instant from, Instant to) {
        return dsl.fetchSingle("""
                SELECT count(*)::int FROM dossier_stage st JOIN dossier d ON d.id = st.dossier_id
                WHERE d.status NOT IN ('WITHDRAWN', 'SUPPLEMENT_REQUESTED') AND st.due_at >= ?::timestamptz
                  AND st.due_at < ?::timestamptz AND (st.finished_at IS NULL OR st.finished_at > st.due_at)""",
                from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)).get(0, Integer.class);
    }

    static boolean hasMethod(Class<?> type, String name) {
        for (var m : type.getMethods()) {
            if (m.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
