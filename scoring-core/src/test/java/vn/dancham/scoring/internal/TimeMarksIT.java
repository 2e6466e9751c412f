package vn.dancham.scoring.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marks of time alone ({@link LeagueMarks#markTimePassed}) with a late grace: a stage open past its due time
 * counts as late only once the grace has passed too (docs/scoring.md § 5b), so that is when its tables are marked.
 */
class TimeMarksIT {

    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final Period LAST_30 = Period.rolling(30, LocalDate.of(2026, 11, 20));

    ScoringCoreFixture f;
    World w;
    ScoreQueries scores;
    Maintenance job;

    @BeforeEach
    void setUp() {
        f = ScoringCoreFixture.fresh(ScoringProperties.with(Map.of("fairness.late-grace", "6h")), NOW);
        w = World.create(f);
        scores = new ScoreQueries(f.dsl, f.settings, f.clock, new ReadyLeagues(f.dsl, f.transactions, f.clock));
        job = new Maintenance(f.dsl, f.aggregates, f.transactions, f.settings, e -> { }, f.clock, scores);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aStageOpenPastItsDueTimeIsMarkedWhenTheGracePassesNotBefore() {
        // Due an hour ago, still open: within the six hours' grace it is not late yet.
        ReceiptNumber r = new ReceiptNumber("202600000099");
        f.registry.upsert(new DossierData(r, "DD-01", "GL-1CUA", "CB-AN", "Người nộp", "0912000099",
                NOW.minus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(5)), null, "IN_PROGRESS"));
        f.registry.upsertStage(new StageData(r, 1, "GL-DD", "CB-BINH", "Thẩm định", NOW.minus(Duration.ofDays(2)),
                NOW.minus(Duration.ofHours(1)), null));
        LeaderboardTable land = LeaderboardTable.officersInOffice(w.landOffice());
        Leaderboard first = scores.leaderboard(land, LAST_30).figures();
        assertThat(job.markTimePassed()).isZero();

        f.clock.advance(Duration.ofHours(4).plusMinutes(59));
        assertThat(job.markTimePassed()).as("due + grace not passed").isZero();
        assertThat(scores.liveLeaderboard(land, LAST_30).figures()).isEqualTo(first);
        assertThat(scores.leaderboard(land, LAST_30).computedAt()).isEqualTo(NOW);

        f.clock.advance(Duration.ofMinutes(2));
        assertThat(scores.liveLeaderboard(land, LAST_30).figures()).as("late now").isNotEqualTo(first);
        assertThat(job.markTimePassed()).isEqualTo(1);
        Leaderboard served = scores.leaderboard(land, LAST_30);
        assertThat(served.computedAt()).isEqualTo(f.clock.instant());
        assertThat(served.figures()).isEqualTo(scores.liveLeaderboard(land, LAST_30).figures());
    }
}
