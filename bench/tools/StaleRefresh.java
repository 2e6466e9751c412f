import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.internal.Aggregates;
import vn.dancham.scoring.internal.Maintenance;

import java.lang.management.ManagementFactory;
import java.time.Clock;

/**
 * Runs the scoring maintenance's stale-trends refresh once on a database (a copy of a benchmark's), and prints its
 * wall time and this JVM's CPU time. Run with the classpath of an application's extracted layout (its lib/), so that
 * the refresh of that build is the one timed:
 *
 * <pre>java -cp 'lib/*' bench/tools/StaleRefresh.java jdbc:postgresql://localhost:55432/dancham postgres postgres [method]</pre>
 *
 * The method is {@code refreshStale} (the nightly job's, the default) or {@code refreshStaleExceptLarge} (the
 * five-minute job's).
 *
 * On a quiet machine the wall time is the refresh's work (this JVM and its one backend take turns); the backend's CPU
 * is read by the caller (bench/tools/stale-refresh-ab.sh) from /proc.
 */
public class StaleRefresh {
    public static void main(String[] args) throws ReflectiveOperationException {
        // By name: a build from before refreshStaleExceptLarge (the five-minute job's) has refreshStale only.
        String method = args.length > 3 ? args[3] : "refreshStale";
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setUser(args[1]);
        ds.setPassword(args[2]);
        var dsl = DSL.using(new DefaultConfiguration()
                .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(ds)))
                .set(SQLDialect.POSTGRES));
        ScoringProperties properties = ScoringProperties.defaults();
        Maintenance maintenance = new Maintenance(dsl, new Aggregates(dsl, properties),
                new DataSourceTransactionManager(ds), properties, event -> { }, Clock.systemUTC());
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int periods = (int) Maintenance.class.getMethod(method).invoke(maintenance);
        long wall = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        System.out.printf(method + ": %d periods, wall %.1f ms, refresh thread CPU %.1f ms%n", periods,
                wall / 1e6, cpu / 1e6);
    }
}
