package vn.dancham.admin.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.dancham.admin.DanChamApplication;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Measure;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.Scores;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A measurement tool, not a test: loads the demo province (seed 20261122, as of 2026-12-01 01:00 UTC, so every run
 * gives the same data) into a fresh embedded database and prints the November 2026 league table of the province's
 * officers as the scores page shows it: how many are ranked, how many "chưa đủ đánh giá", the top and bottom five
 * with n, effective n, ranking score and intervals. Off by default; run with
 * {@code ./mvnw -B -o -q -pl admin-web -am verify -Dtest=NovemberTableIT -Ddemo.table=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and read the test output (also in
 * {@code admin-web/target/november-table.txt}).
 */
@EnabledIfSystemProperty(named = "demo.table", matches = "true")
class NovemberTableIT {

    static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");
    static final Period NOVEMBER = Period.month(YearMonth.of(2026, 11));

    /** The demo is generated relative to "now": a fixed clock makes the table reproducible. */
    @Configuration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Test
    void printTheDemoNovemberProvinceOfficerTable() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DanChamApplication.class,
                FixedClock.class).run("--spring.profiles.active=test", "--dancham.demo.load=AUTO",
                "--server.port=0", "--dancham.ivr.enabled=false",
                "--spring.quartz.auto-startup=false", "--spring.main.allow-bean-definition-overriding=true",
                "--dancham.ivr.recordings-directory=target/november-table/" + UUID.randomUUID());
             PrintStream file = new PrintStream("target/november-table.txt", "UTF-8")) {
            // Loaded on start as a user's first start loads it (seed 20261122, "now" from the fixed clock).
            Scores scores = context.getBean(Scores.class);
            long province = context.getBean(Organisation.class).unitByCode("QT").orElseThrow().id();
            StringBuilder out = new StringBuilder();
            print(out, "Officers of the province (all)", scores.leaderboard(LeaderboardTable.officersInUnit(province),
                    NOVEMBER));
            NovemberTableByKind.more(out, scores, province, NOVEMBER);
            System.out.println(out);
            file.print(out);
        }
    }

    static void print(StringBuilder out, String title, Leaderboard board) {
        List<Leaderboard.Entry> ranked = board.entries().stream().filter(Leaderboard.Entry::ranked).toList();
        long notEnough = board.entries().stream().filter(Leaderboard.Entry::notEnough).count();
        out.append(String.format(Locale.ROOT, "%n== %s, November 2026: %d members, %d ranked, %d \"chưa đủ đánh giá\","
                        + " %d unrated (table mean S %s, R %s)%n", title, board.entries().size(), ranked.size(),
                notEnough, board.entries().size() - ranked.size() - notEnough, board.meanSatisfaction(),
                board.meanOnTime()));
        out.append(String.format(Locale.ROOT, "%-9s %-26s %4s %6s %-22s %-22s %-22s%n", "rank", "name", "n", "n_eff",
                "satisfaction [90 %]", "composite [90 %]", "ranking score [90 %]"));
        int size = ranked.size();
        for (int i = 0; i < size; i++) {
            if (i == 5 && size > 10) {
                out.append("   …\n");
                i = size - 5;
            }
            Leaderboard.Entry e = ranked.get(i);
            Measure s = e.score().figures().satisfaction();
            Measure c = e.score().figures().composite();
            out.append(String.format(Locale.ROOT, "%-9s %-26s %4d %6s %-22s %-22s %-22s%n",
                    e.rank() + (e.rankBest() != null && !e.rankBest().equals(e.rankWorst())
                            ? " (" + e.rankBest() + "–" + e.rankWorst() + ")" : ""),
                    e.score().name(), s.sampleSize(), s.effectiveSampleSize(),
                    s.value() + " [" + s.low() + ", " + s.high() + "]",
                    c.value() + " [" + c.low() + ", " + c.high() + "]",
                    e.score().figures().shrunkComposite() + " [" + e.rankingLow() + ", " + e.rankingHigh() + "]"));
        }
    }
}
