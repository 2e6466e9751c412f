package vn.dancham.scoring.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSetting;
import vn.dancham.scoring.ScoringSettingsEditor;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings stored by an administrator change scores, leaderboards and the daily cap of the running components (no
 * new instances, no restart), on real PostgreSQL.
 */
class ScoringSettingsIT {

    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final Period NOVEMBER = Period.month(YearMonth.of(2026, 11));
    static final String APPLICANT = "0912345678";

    ScoringCoreFixture f;
    World w;
    long dossier;

    @BeforeEach
    void setUp() {
        f = ScoringCoreFixture.fresh(ScoringProperties.defaults(), NOW);
        w = World.create(f);
        ReceiptNumber r = new ReceiptNumber("2026009876");
        dossier = f.registry.upsert(new DossierData(r, "DD-01", "GL-1CUA", "CB-AN", "Hoàng Văn Em", APPLICANT,
                nov(1), nov(12), nov(15), "RETURNED")).id();
        f.registry.upsertStage(new StageData(r, 1, "GL-1CUA", "CB-AN", "Tiếp nhận", nov(1), nov(2), nov(1.5)));
        f.registry.upsertStage(new StageData(r, 2, "GL-DD", "CB-BINH", "Thẩm định", nov(1.5), nov(10), nov(14)));
        f.registry.upsertStage(new StageData(r, 3, "GL-DD", "CB-CUONG", "Trình ký", nov(14), nov(15), nov(15)));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static Instant nov(double day) {
        return Instant.parse("2026-11-01T01:00:00Z").plus(Duration.ofMinutes(Math.round((day - 1) * 24 * 60)));
    }

    RatingReceipt rate(String question, int value, String caller, Instant at) {
        return f.ratings.record(new RatingSubmission(null, dossier, null, question, value, caller, at,
                RatingSubmission.Channel.PHONE));
    }

    Map<ScoringSetting, String> inForce() {
        Map<ScoringSetting, String> m = new EnumMap<>(ScoringSetting.class);
        f.settings.values().forEach(v -> m.put(v.setting(), v.effective()));
        return m;
    }

    @Test
    void storedWeightsChangeTheLeaderboardOfTheRunningQueries() {
        rate("ATTITUDE", 5, APPLICANT, nov(17));
        rate("TIMELINESS", 1, APPLICANT, nov(17));
        Leaderboard before = f.scores.leaderboard(LeaderboardTable.officersInUnit(w.gioLinh()), NOVEMBER);
        // As in ScoresIT: the counter officer, pulled toward the rest of the table (leave-one-out, one rating's
        // worth): 0.6×50 + 0.3×66.67 + 0.1×100 = 60.00.
        assertThat(before.entries().getFirst().score().subject().id()).isEqualTo(w.counterOfficer());
        assertThat(before.entries().getFirst().score().figures().shrunkComposite()).isEqualByComparingTo("60.00");

        Map<ScoringSetting, String> proposed = inForce();
        proposed.put(ScoringSetting.SATISFACTION_WEIGHT, "1");
        proposed.put(ScoringSetting.ON_TIME_WEIGHT, "0");
        proposed.put(ScoringSetting.COMPLAINT_WEIGHT, "0");
        proposed.put(ScoringSetting.PRIOR_WEIGHT, "0");
        ScoringSettingsEditor.Update update = f.settings.update(proposed, "admin");
        assertThat(update.accepted()).isTrue();
        assertThat(update.changes()).extracting(c -> c.setting().key() + ": " + c.before() + " → " + c.after())
                .containsExactly("model.satisfaction-weight: 0.6 → 1", "model.on-time-weight: 0.3 → 0",
                        "model.complaint-weight: 0.1 → 0", "model.prior-weight: 10 → 0");
        assertThat(f.strings("SELECT key || '=' || value || ' by ' || updated_by FROM app_setting ORDER BY key"))
                .containsExactly("dancham.scoring.model.complaint-weight=0 by admin",
                        "dancham.scoring.model.on-time-weight=0 by admin",
                        "dancham.scoring.model.prior-weight=0 by admin",
                        "dancham.scoring.model.satisfaction-weight=1 by admin");

        // No shrinkage, satisfaction alone: the counter officer's composite is their own 100, the specialist's 0.
        Leaderboard after = f.scores.leaderboard(LeaderboardTable.officersInUnit(w.gioLinh()), NOVEMBER);
        assertThat(after.entries().get(0).score().subject().id()).isEqualTo(w.counterOfficer());
        assertThat(after.entries().get(0).score().figures().shrunkComposite()).isEqualByComparingTo("100.00");
        assertThat(after.entries().get(1).score().figures().shrunkComposite()).isEqualByComparingTo("0.00");
        assertThat(f.scores.explain(vn.dancham.scoring.Subject.officer(w.counterOfficer()), NOVEMBER, 10).formulas())
                .anySatisfy(line -> assertThat(line).startsWith("composite = (1 × satisfaction + 0 × on-time"));

        // Back to the configured value: the row goes, the configuration is in force again.
        proposed.put(ScoringSetting.PRIOR_WEIGHT, "10.0");
        assertThat(f.settings.update(proposed, "admin").changes()).extracting(c -> c.before() + " → " + c.after())
                .containsExactly("0 → 10");
        assertThat(f.value(Integer.class, "SELECT count(*) FROM app_setting WHERE key = ?",
                "dancham.scoring.model.prior-weight")).isZero();
        assertThat(f.settings.values()).filteredOn(v -> v.setting() == ScoringSetting.PRIOR_WEIGHT)
                .singleElement().satisfies(v -> {
                    assertThat(v.overridden()).isFalse();
                    assertThat(v.effective()).isEqualTo("10");
                });
        // Saving the same values again changes nothing.
        assertThat(f.settings.update(proposed, "admin").changes()).isEmpty();
    }

    @Test
    void aLowerDailyCapAppliesToTheNextRating() {
        assertThat(rate("ATTITUDE", 4, "0987000111", nov(17)).outcome()).isEqualTo(RatingReceipt.Outcome.COUNTED);
        Map<ScoringSetting, String> proposed = inForce();
        proposed.put(ScoringSetting.DAILY_CAP, "1");
        assertThat(f.settings.update(proposed, "admin").accepted()).isTrue();
        assertThat(rate("OVERALL", 4, "0987000111", nov(17.01)).outcome()).isEqualTo(RatingReceipt.Outcome.CAPPED);
    }

    @Test
    void refusedValuesStoreNothingAndAnotherNodeSeesAcceptedOnes() {
        Map<ScoringSetting, String> proposed = inForce();
        proposed.put(ScoringSetting.SATISFACTION_WEIGHT, "0");
        proposed.put(ScoringSetting.DAILY_CAP, "many");
        ScoringSettingsEditor.Update refused = f.settings.update(proposed, "admin");
        assertThat(refused.problems()).containsOnlyKeys(ScoringSetting.SATISFACTION_WEIGHT, ScoringSetting.DAILY_CAP);
        assertThat(f.value(Integer.class, "SELECT count(*) FROM app_setting")).isZero();

        StoredScoringSettings otherNode = new StoredScoringSettings(f.dsl, f.transactions, ScoringProperties.defaults(),
                Duration.ZERO);
        assertThat(otherNode.current().concerns().lowScoreThreshold()).isEqualByComparingTo("60");
        proposed = inForce();
        proposed.put(ScoringSetting.LOW_SCORE_THRESHOLD, "55,5");
        assertThat(f.settings.update(proposed, "admin").accepted()).isTrue();
        assertThat(otherNode.current().concerns().lowScoreThreshold()).isEqualByComparingTo("55.5");
    }
}
