import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSettings;
import vn.dancham.scoring.internal.Aggregates;
import vn.dancham.scoring.internal.LeagueMarks;
import vn.dancham.scoring.internal.Maintenance;
import vn.dancham.scoring.internal.ReadyLeagues;
import vn.dancham.scoring.internal.ScoreQueries;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What one applied answer costs the league tables kept ready after it, on a maintained copy of the scores
 * benchmark's database (as {@code VerdictRefresh}, in the same directory: run with JDK 22 or later, which compiles
 * both; the classpath of a build's extracted lib/ picks the build timed):
 *
 * <pre>java -cp 'lib/*' bench/tools/AnswerRefresh.java jdbc:postgresql://localhost:55432/dancham postgres postgres \
 *     DATA_DIR/postmaster.pid</pre>
 *
 * The answer's marks are made exactly as the rating writer's batch makes them ({@code LeagueMarks.markRatings} of
 * the newest counted rating, in a transaction); no rating is added, so every run finds the same figures and only
 * the refresh policy differs between builds. Then, timed with wall time, this JVM's thread CPU and PostgreSQL's CPU:
 * <ol>
 *   <li>a view of the table of the country's offices for 30 days, the largest stored (the reader's wait);</li>
 *   <li>marked again, the rating writer's refresh after it drains the inbox (up to 50 tables: the time the next
 *       answers wait in the inbox), {@code refreshReadyExceptBroad(50)} where the build has it, else
 *       {@code refreshReady(false, 50)} as the writer of that build calls it;</li>
 *   <li>the five-minute job's league refresh ({@code refreshLeagues}); where the build has broad tables, again
 *       once they are due.</li>
 * </ol>
 * The clock is fixed ten minutes after the newest league table was computed, and every table is reset to fresh and
 * computed at that time (below), so that each run and each build starts from the same state.
 */
public class AnswerRefresh {

    public static void main(String[] args) throws Exception {
        VerdictRefresh.Copy copy = VerdictRefresh.Copy.open(args);
        Path pidFile = copy.pidFile();
        var dsl = copy.dsl();
        var transactions = copy.transactions();
        ScoringProperties properties = copy.properties();
        Instant now = copy.tenAfterNewest().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        ScoringSettings settings = copy.settings();
        ScoreQueries scores = new ScoreQueries(dsl, settings, clock, new ReadyLeagues(dsl, transactions, clock));
        Maintenance maintenance = new Maintenance(dsl, new Aggregates(dsl, properties), transactions, settings,
                event -> { }, clock, scores);

        // Every run starts from the same state, the steady one the five-minute job keeps: every table fresh and
        // computed ten minutes before the clock (so none is due for its age alone). The data set's figures do not
        // change between runs (marks add no rating), so this only resets what a run's marks and refreshes moved.
        // The tables were computed with this data set's settings (the defaults, none changed since), but the text
        // the builds fingerprint differs: until e541e4b every scoring setting, since then only those the figures
        // depend on. Each build is handed them with its own fingerprint, as if computed by it (a bench step: after
        // a real upgrade the first refresh computes them all once more).
        var fingerprint = ReadyLeagues.class.getDeclaredMethod("fingerprint", Object.class);
        fingerprint.setAccessible(true);
        String mine = (String) fingerprint.invoke(null, settings.current());
        System.out.printf("tables reset (fresh, this build's fingerprint, computed at %s): %d%n", now.minusSeconds(600),
                dsl.execute("UPDATE league_ready SET stale = false, settings = ?, computed_at = ?::timestamptz",
                        mine, now.minusSeconds(600).atOffset(ZoneOffset.UTC)));

        long rating = VerdictRefresh.value(dsl, Long.class, "SELECT max(rating_id) FROM rating_target");
        var top = dsl.fetchOne("""
                SELECT parent_id, period_to FROM league_ready
                WHERE table_kind = 'OFFICES_IN_UNIT' AND period_kind = 'ROLLING_30'
                ORDER BY (SELECT count(*) FROM league_row r WHERE r.ready_id = league_ready.id) DESC, period_to DESC
                LIMIT 1""");
        LeaderboardTable country = LeaderboardTable.officesInUnit(top.get(0, Long.class));
        Period window = Period.rolling(30, top.get(1, LocalDate.class).minusDays(1));
        System.out.printf("clock %s; marks of rating %d; viewed: %s %s; %d league tables, %d stale%n", now, rating,
                country, window.label(), VerdictRefresh.value(dsl, Integer.class, "SELECT count(*) FROM league_ready"),
                VerdictRefresh.value(dsl, Integer.class, "SELECT count(*) FROM league_ready WHERE stale"));

        mark(dsl, transactions, rating);
        Leaderboard[] seen = new Leaderboard[1];
        VerdictRefresh.timed(pidFile, "page view of the country's offices, 30 days", () -> {
            seen[0] = scores.leaderboard(country, window);
            return seen[0].entries().size();
        });
        System.out.printf("  served: computed at %s (%s)%n", seen[0].computedAt(), pending(seen[0]));

        mark(dsl, transactions, rating);
        var exceptBroad = methodOrNull(ScoreQueries.class, "refreshReadyExceptBroad", int.class);
        VerdictRefresh.timed(pidFile, exceptBroad != null ? "writer's refresh: refreshReadyExceptBroad(50)"
                : "writer's refresh: refreshReady(false, 50)", () -> {
            try {
                return exceptBroad != null ? (int) exceptBroad.invoke(scores, 50) : scores.refreshReady(false, 50);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("  left stale: %d%n",
                VerdictRefresh.value(dsl, Integer.class, "SELECT count(*) FROM league_ready WHERE stale"));
        VerdictRefresh.timed(pidFile, "five-minute job: refreshLeagues", maintenance::refreshLeagues);
        System.out.printf("  left stale: %d%n",
                VerdictRefresh.value(dsl, Integer.class, "SELECT count(*) FROM league_ready WHERE stale"));
        // Where the build has broad tables (BroadLeagues), the job once they are due: here with broad-every at five
        // minutes and the clock six minutes on, so that no table is yet due for its age alone (that comes at 30
        // minutes, for every table of a running window at once, whatever the build).
        Class<?> broad;
        try {
            broad = Class.forName("vn.dancham.scoring.internal.BroadLeagues");
        } catch (ClassNotFoundException e) {
            return;
        }
        Clock later = Clock.fixed(now.plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        Object fiveMinutes = broad.getConstructor(long.class, Duration.class).newInstance(100_000L,
                Duration.ofMinutes(5));
        ReadyLeagues laterReady = ReadyLeagues.class.getConstructor(org.jooq.DSLContext.class,
                        org.springframework.transaction.PlatformTransactionManager.class, Clock.class,
                        Class.forName("vn.dancham.scoring.internal.LeagueCache"), broad)
                .newInstance(dsl, transactions, later, null, fiveMinutes);
        ScoreQueries laterScores = new ScoreQueries(dsl, settings, later, laterReady);
        Maintenance laterMaintenance = new Maintenance(dsl, new Aggregates(dsl, properties), transactions, settings,
                event -> { }, later, laterScores);
        VerdictRefresh.timed(pidFile, "five-minute job once they are due: refreshLeagues",
                laterMaintenance::refreshLeagues);
        System.out.printf("  left stale: %d%n",
                VerdictRefresh.value(dsl, Integer.class, "SELECT count(*) FROM league_ready WHERE stale"));
    }

    static void mark(org.jooq.DSLContext dsl, DataSourceTransactionManager transactions, long rating) {
        new TransactionTemplate(transactions).executeWithoutResult(s ->
                new LeagueMarks(dsl).markRatings(List.of(rating)));
        System.out.printf("  marked: %d league tables stale%n",
                VerdictRefresh.value(dsl, Integer.class, "SELECT count(*) FROM league_ready WHERE stale"));
    }

    /** The build's pendingUntil where it has one (reflection: the tool runs against builds without it). */
    static String pending(Leaderboard board) throws IOException {
        var until = methodOrNull(Leaderboard.class, "pendingUntil");
        try {
            Object value = until == null ? null : until.invoke(board);
            return until == null ? "this build has no pending tables" : value == null ? "nothing pending"
                    : "changes pending, counted by " + value;
        } catch (ReflectiveOperationException e) {
            throw new IOException(e);
        }
    }

    static java.lang.reflect.Method methodOrNull(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
