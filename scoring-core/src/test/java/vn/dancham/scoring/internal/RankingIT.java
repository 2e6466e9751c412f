package vn.dancham.scoring.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSetting;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rank only what the data can rank (issue 12): a minimum effective number of ratings, intervals on the ranking. */
class RankingIT {

    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final Period NOVEMBER = Period.month(YearMonth.of(2026, 11));

    ScoringCoreFixture f;
    World w;
    long giang;

    @BeforeEach
    void setUp() {
        f = ScoringCoreFixture.fresh(ScoringProperties.defaults(), NOW);
        w = World.create(f);
        giang = f.officer(w.counterOffice(), "CB-GIANG", "Đỗ Thị Giang");
        // An: twelve callers rate attitude 4 or 3; Giang: three callers rate 5.
        for (int i = 0; i < 12; i++) {
            rateAttitude("CB-AN", "20260001" + String.format("%02d", i), i % 3 == 0 ? 3 : 4, i);
        }
        for (int i = 0; i < 3; i++) {
            rateAttitude("CB-GIANG", "20260002" + String.format("%02d", i), 5, 20 + i);
        }
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    void rateAttitude(String officerCode, String receipt, int value, int caller) {
        Instant at = Instant.parse("2026-11-10T02:00:00Z").plus(Duration.ofMinutes(caller));
        long dossier = f.registry.upsert(new DossierData(new ReceiptNumber(receipt), "DD-01", "GL-1CUA", officerCode,
                "Người nộp", "0900000" + String.format("%03d", caller), at.minus(Duration.ofDays(3)),
                at.plus(Duration.ofDays(10)), null, "IN_PROGRESS")).id();
        // Each applicant rates their own dossier (the eligibility rules are RatingsIT's subject, not this one's).
        f.ratings.record(new RatingSubmission(null, dossier, null, "ATTITUDE", value,
                "0900000" + String.format("%03d", caller), at, RatingSubmission.Channel.PHONE));
    }

    @Test
    void aMemberBelowTheMinimumEffectiveNIsListedButNotRanked() {
        Leaderboard board = f.scores.leaderboard(LeaderboardTable.officersInOffice(w.counterOffice()), NOVEMBER);
        // Giang's three 5s would shrink to the top ((3×100 + 10×mean)/(3 + 10)); with n_eff 3 < 10 she is
        // shown, "not rated enough", and ranked nowhere.
        assertThat(board.entries()).extracting(e -> e.score().subject().id(), Leaderboard.Entry::rank,
                        Leaderboard.Entry::standing)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(w.counterOfficer(), 1, Leaderboard.Standing.RANKED),
                        org.assertj.core.groups.Tuple.tuple(giang, 0, Leaderboard.Standing.NOT_ENOUGH));
        Leaderboard.Entry an = board.entries().get(0);
        assertThat(an.score().figures().satisfaction().effectiveSampleSize()).isEqualByComparingTo("12.00");
        // The ranking score carries an interval around it.
        assertThat(an.rankingLow()).isLessThan(an.score().figures().shrunkComposite());
        assertThat(an.rankingHigh()).isGreaterThan(an.score().figures().shrunkComposite());
        assertThat(an.rankBest()).as("alone among the ranked").isEqualTo(1);
        assertThat(an.rankWorst()).isEqualTo(1);
        Leaderboard.Entry g = board.entries().get(1);
        assertThat(g.rankBest()).isNull();
        assertThat(g.rankingLow()).isNotNull();
        assertThat(g.change()).as("no 'most improved' on three ratings").isNull();
        assertThat(g.score().figures().shrunkComposite()).isGreaterThan(an.score().figures().shrunkComposite());
    }

    @Test
    void theMinimumIsAWebSettingInForceAtOnce() {
        Map<ScoringSetting, String> proposed = new EnumMap<>(ScoringSetting.class);
        f.settings.values().forEach(v -> proposed.put(v.setting(), v.effective()));
        assertThat(proposed.get(ScoringSetting.MIN_EFFECTIVE_N)).isEqualTo("10");
        proposed.put(ScoringSetting.MIN_EFFECTIVE_N, "3");
        assertThat(f.settings.update(proposed, "admin").accepted()).isTrue();
        Leaderboard board = f.scores.leaderboard(LeaderboardTable.officersInOffice(w.counterOffice()), NOVEMBER);
        // Three ratings of equal weight: n_eff = 3, enough now; the three 5s rank first. Each is pulled toward the
        // other (leave-one-out), by at most as many ratings as the other has: Giang (3×100 + 10×66.67)/13 = 74.36,
        // An (12×66.67 + 3×100)/15 = 73.33.
        assertThat(board.entries()).extracting(e -> e.score().subject().id(), Leaderboard.Entry::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(giang, 1),
                        org.assertj.core.groups.Tuple.tuple(w.counterOfficer(), 2));
        assertThat(board.entries().get(0).score().figures().shrunkSatisfaction()).isEqualByComparingTo("74.36");
        assertThat(board.entries().get(1).score().figures().shrunkSatisfaction()).isEqualByComparingTo("73.33");
        // Their ranking intervals overlap: either could be first.
        assertThat(board.entries()).extracting(Leaderboard.Entry::rankBest, Leaderboard.Entry::rankWorst)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(1, 2));
    }
}
