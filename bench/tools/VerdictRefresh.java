import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.complaint.ComplaintInbox;
import vn.dancham.complaint.internal.JooqComplaintInbox;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSettings;
import vn.dancham.scoring.internal.Aggregates;
import vn.dancham.scoring.internal.Maintenance;
import vn.dancham.scoring.internal.ReadyLeagues;
import vn.dancham.scoring.internal.ScoreQueries;
import vn.dancham.scoring.internal.StaleSnapshots;
import vn.dancham.scoring.internal.StoredScoringSettings;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What one complaint verdict costs the scoring maintenance after it, on a database (a copy of the scores benchmark's,
 * maintained: its trend snapshots taken and its league tables prepared). Run with the classpath of an application's
 * extracted layout (its lib/), so that the verdict's marking and the refreshes of that build are the ones timed:
 *
 * <pre>java -cp 'lib/*' bench/tools/VerdictRefresh.java jdbc:postgresql://localhost:55432/dancham postgres postgres \
 *     DATA_DIR/postmaster.pid</pre>
 *
 * Picks the first confirmed accusation of the month before last with an officer named and a dossier, confirms it
 * again naming the same officers (through {@code ComplaintInbox.decide}, in one transaction, as the complaints page
 * does), then runs what the five-minute job runs after it: the stale trend points' refresh
 * ({@code refreshStaleExceptLarge}) and the stale league tables' ({@code refreshLeagues}). Prints, per step, the
 * wall time, this JVM's thread CPU and PostgreSQL's CPU (its processes and the postmaster's reaped children, from
 * /proc: the database must run on this host), with the marks the verdict left.
 *
 * <p>The clock is fixed ten minutes after the newest league table was computed: the tables of running windows are
 * then young enough not to be refreshed for their age alone, so the league refresh takes what the verdict marked
 * and nothing else (as five minutes after the nightly preparation).
 */
public class VerdictRefresh {

    /**
     * The copy as every tool here opens it (arguments: URL, user, password, the postmaster's pid file): jOOQ and
     * transactions over one data source, the default scoring settings with the stored ones over them (as the
     * application reads them: the tables' fingerprint), and ten minutes after the newest stored league table, the
     * tools' fixed clock (so that no running window's table is due for its age alone).
     */
    record Copy(PGSimpleDataSource ds, Path pidFile, org.jooq.DSLContext dsl, DataSourceTransactionManager transactions,
                ScoringProperties properties, ScoringSettings settings, Instant tenAfterNewest) {

        static Copy open(String[] args) {
            PGSimpleDataSource ds = VerdictRefresh.dataSource(args);
            var dsl = VerdictRefresh.dsl(ds);
            var transactions = new DataSourceTransactionManager(ds);
            ScoringProperties properties = ScoringProperties.defaults();
            return new Copy(ds, Path.of(args[3]), dsl, transactions, properties,
                    new StoredScoringSettings(dsl, transactions, properties, Duration.ofSeconds(10)),
                    value(dsl, OffsetDateTime.class, "SELECT max(computed_at) FROM league_ready").toInstant()
                            .plusSeconds(600));
        }
    }

    public static void main(String[] args) throws IOException {
        Copy copy = Copy.open(args);
        Path pidFile = copy.pidFile();
        var dsl = copy.dsl();
        var transactions = copy.transactions();
        ScoringProperties properties = copy.properties();
        Instant now = copy.tenAfterNewest();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        ScoringSettings settings = copy.settings();
        ScoreQueries scores = new ScoreQueries(dsl, settings, clock, new ReadyLeagues(dsl, transactions, clock));
        Maintenance maintenance = new Maintenance(dsl, new Aggregates(dsl, properties), transactions, settings,
                event -> { }, clock, scores);

        var complaint = dsl.fetchOne("""
                SELECT c.id, array_agg(co.officer_id ORDER BY co.officer_id) AS officers, c.created_at
                FROM complaint c JOIN complaint_officer co ON co.complaint_id = c.id
                WHERE c.verdict = 'CONFIRMED' AND c.kind IN ('COMPLAINT', 'HARASSMENT') AND NOT c.test
                  AND c.dossier_id IS NOT NULL
                  AND c.created_at >= date_trunc('month', ?::timestamptz - interval '2 months')
                  AND c.created_at < date_trunc('month', ?::timestamptz - interval '1 month')
                GROUP BY c.id ORDER BY c.id LIMIT 1""", now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC));
        long id = complaint.get(0, Long.class);
        List<Long> officers = List.of(complaint.get(1, Long[].class));
        Long handler = value(dsl, Long.class, "SELECT min(id) FROM app_user");
        if (handler == null) {
            handler = value(dsl, Long.class, "INSERT INTO app_user (username, display_name, password_hash) "
                    + "VALUES ('bench-handler', 'Bench', '-') RETURNING id");
        }
        System.out.printf("clock %s; complaint %d of %s naming %s; %d league tables, %d stale%n", now, id,
                complaint.get(2, OffsetDateTime.class), officers,
                value(dsl, Integer.class, "SELECT count(*) FROM league_ready"),
                value(dsl, Integer.class, "SELECT count(*) FROM league_ready WHERE stale"));

        JooqComplaintInbox inbox = new JooqComplaintInbox(dsl, new StaleSnapshots(dsl, properties.zone()));
        long who = handler;
        timed(pidFile, "verdict", () -> {
            var change = new TransactionTemplate(transactions).execute(s -> inbox.decide(id,
                    ComplaintInbox.Verdict.CONFIRMED, officers, "Xác minh lại (bench)", who, now));
            if (!(change instanceof ComplaintInbox.Change.Done)) {
                throw new IllegalStateException("verdict refused: " + change);
            }
            return 1;
        });
        System.out.printf("  marked: %d league tables stale, %d whole periods, %d subject points%n",
                value(dsl, Integer.class, "SELECT count(*) FROM league_ready WHERE stale"),
                value(dsl, Integer.class, "SELECT count(*) FROM score_snapshot_stale"),
                value(dsl, Integer.class, "SELECT count(*) FROM score_snapshot_stale_subject"));
        timed(pidFile, "refreshStaleExceptLarge (periods)", maintenance::refreshStaleExceptLarge);
        timed(pidFile, "refreshLeagues (tables)", maintenance::refreshLeagues);
        System.out.printf("  left: %d league tables stale, %d whole periods, %d subject points%n",
                value(dsl, Integer.class, "SELECT count(*) FROM league_ready WHERE stale"),
                value(dsl, Integer.class, "SELECT count(*) FROM score_snapshot_stale"),
                value(dsl, Integer.class, "SELECT count(*) FROM score_snapshot_stale_subject"));
    }

    /** The database of the arguments: URL, user, password. */
    static PGSimpleDataSource dataSource(String[] args) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setUser(args[1]);
        ds.setPassword(args[2]);
        return ds;
    }

    /** jOOQ over it, joining the transactions of a DataSourceTransactionManager on the same data source. */
    static org.jooq.DSLContext dsl(PGSimpleDataSource ds) {
        return DSL.using(new DefaultConfiguration()
                .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(ds)))
                .set(SQLDialect.POSTGRES));
    }

    static <T> T value(org.jooq.DSLContext dsl, Class<T> type, String sql) {
        return dsl.fetchOne(sql).get(0, type);
    }

    static void timed(Path pidFile, String step, IntSupplier work) throws IOException {
        var threads = ManagementFactory.getThreadMXBean();
        long pg0 = postgresTicks(pidFile);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int n = work.getAsInt();
        long wall = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long pg = postgresTicks(pidFile) - pg0;
        System.out.printf("  %s: %d, wall %.1f ms, this thread's CPU %.1f ms, PostgreSQL CPU %d ms%n", step, n,
                wall / 1e6, cpu / 1e6, pg * 1000 / 100);
    }

    /** CPU ticks (1/100 s) of the postmaster, its children and the children it reaped. */
    static long postgresTicks(Path pidFile) throws IOException {
        long pm = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        long total = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(p.getFileName().toString());
                long ppid = Long.parseLong(f[1]);
                if (pid == pm || ppid == pm) {
                    total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    if (pid == pm) {
                        total += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    }
                }
            }
        }
        return total;
    }
}
