package vn.dancham.scoring.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an officer page costs in statements (issue 16), without timing: the profile of the page
 * (bench/results/2026-12-02-0148-officer-page-probe.md) found its time in waiting for PostgreSQL, statement by
 * statement (7 of them), so a page that issues more statements, or reads the officer's complaints through every
 * subject of every complaint again, is the regression to catch. With the officer tables the nightly job prepares, the
 * officer's figures are read from them: the score is one statement, the score and trend together one
 * ({@code Scores.page}); an officer no fresh table lists is computed live, as before.
 */
class OfficerPageStatementsIT {

    /** A fresh scoring core on 2026-11-20 whose every statement's SQL is added to {@code statements}. */
    private static ScoringCoreFixture counting(List<String> statements) {
        org.jooq.ExecuteListener counting = new org.jooq.ExecuteListener() {
            @Override
            public void executeStart(org.jooq.ExecuteContext ctx) {
                statements.add(ctx.sql());
            }
        };
        return ScoringCoreFixture.fresh(ScoringProperties.defaults(), Instant.parse("2026-11-20T03:00:00Z"), counting);
    }

    @Test
    void anOfficerPageIsOneStatementWhenTheNightlyPreparedTheirFigures() {
        List<String> statements = new CopyOnWriteArrayList<>();
        try (ScoringCoreFixture f = counting(statements)) {
            World w = World.create(f);
            // As the application wires it: the tables kept ready, prepared by the nightly job.
            ScoreQueries scores = new ScoreQueries(f.dsl, f.settings, f.clock,
                    new ReadyLeagues(f.dsl, f.transactions, f.clock));
            LocalDate today = LocalDate.of(2026, 11, 20);
            scores.prepare(Maintenance.standardTables(f.dsl), Maintenance.standardWindows(today));
            Subject officer = Subject.officer(w.specialist());
            Period ninety = Period.rolling(90, today);
            // The first page may read the scoring settings; they are cached afterwards (StoredScoringSettings).
            scores.score(officer, ninety);
            statements.clear();

            scores.score(officer, ninety);
            scores.trend(officer, Period.Kind.MONTH, 12);
            assertThat(statements).as("the stored figures; the trend").hasSize(2);
            assertThat(statements.getFirst()).contains("league_row");
            statements.clear();

            scores.page(officer, ninety, Period.Kind.MONTH, 12);
            assertThat(statements).as("both in one read").singleElement()
                    .satisfies(sql -> assertThat(sql).contains("league_row").contains("score_snapshot"));
        }
    }

    @Test
    void anOfficerNoFreshTableListsIsSixScoreStatementsAndOneTrendStatement() {
        List<String> statements = new CopyOnWriteArrayList<>();
        try (ScoringCoreFixture f = counting(statements)) {
            World w = World.create(f);
            Subject officer = Subject.officer(w.specialist());
            Period ninety = Period.rolling(90, LocalDate.of(2026, 11, 20));
            // The first page may read the scoring settings; they are cached afterwards (StoredScoringSettings).
            f.scores.score(officer, ninety);
            statements.clear();

            f.scores.score(officer, ninety);
            f.scores.trend(officer, Period.Kind.MONTH, 12);

            // Aggregated ratings, aggregated stages, per-call sums, overdue open stages, complaints, names; trend.
            assertThat(statements).hasSize(7);
            assertThat(statements).noneMatch(sql -> sql.contains("app_setting"));
            // The officer's complaints come from complaint_officer by the officer, not from every subject of every
            // confirmed complaint of the period (8.9 ms against 0.45 ms for one officer at 500 k ratings).
            assertThat(statements).filteredOn(sql -> sql.contains("FROM complaint c")).singleElement()
                    .satisfies(sql -> {
                        assertThat(sql).contains("co.officer_id = ANY(");
                        assertThat(sql).doesNotContain("CROSS JOIN LATERAL");
                    });
        }
    }
}
