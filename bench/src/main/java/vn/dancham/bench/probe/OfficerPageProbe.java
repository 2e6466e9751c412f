package vn.dancham.bench.probe;

import org.springframework.context.ConfigurableApplicationContext;
import vn.dancham.bench.data.CoreContext;
import vn.dancham.bench.data.DataGenerator;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.Scores;
import vn.dancham.scoring.ScoringMaintenance;
import vn.dancham.scoring.Subject;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Where an officer page's time goes (issue 16): not a benchmark (no baseline), a probe to run under JFR.
 * {@code java -cp "bench/target/classes:bench/target/lib/*" vn.dancham.bench.probe.OfficerPageProbe <work dir>
 * <size divisor> <pages>} generates the province at 1/divisor in {@code <work dir>/postgres} on the first run
 * (then recomputes the aggregates and snapshots the year), and on every run times {@code <pages>} officer pages
 * ({@code score} 90 days + {@code trend} 12 months; the bench's officer page) twice: a warm-up pass and a measured
 * one. Run it with {@code -XX:StartFlightRecording} (jdk.SocketRead at threshold 0, ExecutionSample) to see each
 * statement's wait and the JVM's own CPU. Optional: {@code PROBE_SQL} runs one statement first (e.g. ALTER
 * DATABASE … SET plan_cache_mode), {@code PROBE_VARIANT} adds JDBC URL parameters on a pool of its own (e.g.
 * prepareThreshold=0), {@code PROBE_LOG} logs every statement with its values, {@code PROBE_EXPLAIN} runs EXPLAIN
 * (ANALYZE, BUFFERS) on the statements of a file (separated by ";" at a line end) and stops.
 */
public final class OfficerPageProbe {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int divisor = Integer.parseInt(args[1]);
        boolean fresh = !Files.exists(work.resolve("postgres"));
        try (ConfigurableApplicationContext context = CoreContext.start(work.resolve("postgres"),
                System.getenv("PROBE_LOG") != null ? Map.of("logging.level.org.jooq.tools.LoggerListener", "DEBUG") : Map.of())) {
            DataSource ds = context.getBean(DataSource.class);
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
            ScoringMaintenance maintenance = context.getBean(ScoringMaintenance.class);
            if (fresh) {
                new DataGenerator(ds).generate(DataGenerator.Size.PROVINCE.scaled(divisor));
                maintenance.recomputeAll();
                exec(ds, "ANALYZE");
                maintenance.snapshot(today.minusDays(365), today);
                exec(ds, "ANALYZE");
                System.err.println("generated");
            }
            if (System.getenv("PROBE_SQL") != null) {
                exec(ds, System.getenv("PROBE_SQL"));
                ((com.zaxxer.hikari.HikariDataSource) ds).getHikariPoolMXBean().softEvictConnections();
            }
            if (System.getenv("PROBE_EXPLAIN") != null) {
                for (String sql : Files.readString(Path.of(System.getenv("PROBE_EXPLAIN"))).split(";\n")) {
                    if (sql.isBlank()) continue;
                    for (int k = 0; k < 3; k++) {
                        StringBuilder plan = new StringBuilder();
                        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                             ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                            while (rs.next()) plan.append(rs.getString(1)).append('\n');
                        }
                        if (k == 2) System.out.println("=====\n" + sql + "\n" + plan);
                    }
                }
                return;
            }
            Scores scores = context.getBean(Scores.class);
            String variant = System.getenv().getOrDefault("PROBE_VARIANT", "");
            if (!variant.isEmpty()) {
                com.zaxxer.hikari.HikariDataSource h = (com.zaxxer.hikari.HikariDataSource) ds;
                com.zaxxer.hikari.HikariDataSource own = new com.zaxxer.hikari.HikariDataSource();
                own.setJdbcUrl(h.getJdbcUrl() + (h.getJdbcUrl().contains("?") ? "&" : "?") + variant);
                own.setUsername(h.getUsername());
                own.setMaximumPoolSize(4);
                System.out.println("variant " + own.getJdbcUrl());
                scores = new vn.dancham.scoring.internal.ScoreQueries(
                        org.jooq.impl.DSL.using(own, org.jooq.SQLDialect.POSTGRES),
                        context.getBean(vn.dancham.scoring.ScoringSettings.class));
            }
            List<Long> ids = new ArrayList<>();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM officer WHERE code LIKE 'BXF%'")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            Period ninety = Period.rolling(90, today);
            Random random = new Random(1);
            int n = Integer.parseInt(args[2]);
            for (String phase : new String[]{"warm", "measured"}) {
                double[] score = new double[n], trend = new double[n];
                for (int i = 0; i < n; i++) {
                    long id = ids.get(random.nextInt(ids.size()));
                    long t0 = System.nanoTime();
                    scores.score(Subject.officer(id), ninety);
                    long t1 = System.nanoTime();
                    scores.trend(Subject.officer(id), Period.Kind.MONTH, 12);
                    long t2 = System.nanoTime();
                    score[i] = (t1 - t0) / 1e6;
                    trend[i] = (t2 - t1) / 1e6;
                }
                Arrays.sort(score);
                Arrays.sort(trend);
                System.out.printf("%s: %d pages on %d officers: score p50 %.2f ms p95 %.2f; trend p50 %.2f ms p95 %.2f%n",
                        phase, n, ids.size(), score[n / 2], score[n * 95 / 100], trend[n / 2], trend[n * 95 / 100]);
            }
        }
    }

    private static void exec(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
