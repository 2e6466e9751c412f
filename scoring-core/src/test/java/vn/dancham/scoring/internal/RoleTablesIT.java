package vn.dancham.scoring.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Role-aware tables (issue 12, item 5): counter staff and specialists are ranked among their own kind, on real
 * PostgreSQL. The land office is a department (its officers are specialists by derivation); Dung works in a
 * civil-status office recorded as a one-stop but is recorded as a specialist herself (the record wins).
 */
class RoleTablesIT {

    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final Period NOVEMBER = Period.month(YearMonth.of(2026, 11));

    ScoringCoreFixture f;
    World w;
    Organisation organisation;
    int caller;

    @BeforeEach
    void setUp() {
        f = ScoringCoreFixture.fresh(ScoringProperties.defaults(), NOW);
        w = World.create(f);
        organisation = new Organisation(f.dsl, new LeagueMarks(f.dsl));
        f.dsl.execute("UPDATE office SET kind = 'DEPARTMENT' WHERE id = ?", w.landOffice());
        f.dsl.execute("UPDATE officer SET kind = 'SPECIALIST' WHERE id = ?", w.civilOfficer());
        // Every member with a rating is ranked here: the minimum effective n is RankingIT's subject.
        Map<ScoringSetting, String> proposed = new EnumMap<>(ScoringSetting.class);
        f.settings.values().forEach(v -> proposed.put(v.setting(), v.effective()));
        proposed.put(ScoringSetting.MIN_EFFECTIVE_N, "0");
        assertThat(f.settings.update(proposed, "admin").accepted()).isTrue();

        // An at the counter: attitude 5, 5, 4. Bình held a land dossier late: timeliness 1. Cường on time: 5.
        // Dung received a civil-status dossier: attitude 2.
        for (int value : new int[]{5, 5, 4}) {
            rate("GL-1CUA", "CB-AN", "ATTITUDE", value, null);
        }
        rate("GL-1CUA", "CB-AN", "TIMELINESS", 1, new String[]{"GL-DD", "CB-BINH", "late"});
        rate("GL-1CUA", "CB-AN", "TIMELINESS", 5, new String[]{"GL-DD", "CB-CUONG", "on time"});
        rate("HH-HT", "CB-DUNG", "ATTITUDE", 2, null);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** One dossier received at {@code office} by {@code receiver}, optionally held by a specialist, rated once. */
    void rate(String office, String receiver, String criterion, int value, String[] stage) {
        caller++;
        Instant received = Instant.parse("2026-11-02T02:00:00Z").plus(Duration.ofHours(caller));
        String receipt = "2026100" + String.format("%03d", caller);
        String phone = "0900001" + String.format("%03d", caller);
        long dossier = f.registry.upsert(new DossierData(new ReceiptNumber(receipt), "DD-01", office, receiver,
                "Người nộp", phone, received, received.plus(Duration.ofDays(10)), null, "IN_PROGRESS")).id();
        if (stage != null) {
            Instant due = received.plus(Duration.ofDays(5));
            Instant finished = stage[2].equals("late") ? due.plus(Duration.ofDays(2)) : due.minus(Duration.ofDays(1));
            f.registry.upsertStage(new StageData(new ReceiptNumber(receipt), 1, stage[0], stage[1], "Thẩm định",
                    received, due, finished));
        }
        f.ratings.record(new RatingSubmission(null, dossier, null, criterion, value, phone,
                Instant.parse("2026-11-15T02:00:00Z").plus(Duration.ofMinutes(caller)), RatingSubmission.Channel.PHONE));
    }

    @Test
    void anOfficersKindIsRecordedOrDerivedFromTheOffice() {
        assertThat(organisation.officer(w.counterOfficer()).orElseThrow().kind()).isEqualTo(Officer.Kind.COUNTER);
        assertThat(organisation.officer(w.specialist()).orElseThrow().kind()).isEqualTo(Officer.Kind.SPECIALIST);
        assertThat(organisation.officer(w.civilOfficer()).orElseThrow().kind()).isEqualTo(Officer.Kind.SPECIALIST);
        // An import that says nothing of the kind keeps the recorded one; one that names it sets it.
        organisation.saveOfficer("CB-DUNG", "HH-HT", "Phạm Thị Dung", "Chuyên viên", null, true);
        assertThat(organisation.officer(w.civilOfficer()).orElseThrow().kind()).isEqualTo(Officer.Kind.SPECIALIST);
        organisation.saveOfficer("CB-DUNG", "HH-HT", "Phạm Thị Dung", "Công chức một cửa", null, true,
                Officer.Kind.COUNTER);
        assertThat(organisation.officer(w.civilOfficer()).orElseThrow().kind()).isEqualTo(Officer.Kind.COUNTER);
    }

    @Test
    void aSpecialistNeverAppearsInTheCounterTableAndViceVersaAndRanksAreWithinTheKind() {
        LeaderboardTable province = LeaderboardTable.officersInUnit(w.province());
        Leaderboard counter = f.scores.leaderboard(province.of(Officer.Kind.COUNTER), NOVEMBER);
        Leaderboard specialists = f.scores.leaderboard(province.of(Officer.Kind.SPECIALIST), NOVEMBER);
        Leaderboard mixed = f.scores.leaderboard(province, NOVEMBER);

        assertThat(ids(counter)).containsExactly(w.counterOfficer());
        assertThat(ids(specialists)).containsExactlyInAnyOrder(w.specialist(), w.specialist2(), w.civilOfficer())
                .doesNotContain(w.counterOfficer());
        // Ranks run 1, 2, 3 within each kind, not across both.
        assertThat(counter.entries()).extracting(Leaderboard.Entry::rank).containsExactly(1);
        assertThat(specialists.entries()).extracting(Leaderboard.Entry::rank).containsExactly(1, 2, 3);
        // One answer each: leave-one-out pulls each toward the other two (docs/scoring.md §6), so the data can hardly
        // tell them apart, but the best answer never gets the lower ranking score.
        assertThat(rankingScore(specialists, w.specialist2()))
                .isGreaterThanOrEqualTo(rankingScore(specialists, w.specialist()));
        assertThat(specialists.entries()).allSatisfy(e -> assertThat(e.rankWorst()).isLessThanOrEqualTo(3));
        // Each is shrunk toward its own kind's mean: the counter table's mean is An's own 3 ratings
        // ((100 + 100 + 75)/3 = 91.67), not pulled down by the specialists' timeliness 1 and Dung's 2.
        assertThat(counter.meanSatisfaction()).isEqualByComparingTo("91.67");
        assertThat(mixed.meanSatisfaction()).isLessThan(counter.meanSatisfaction());
        // The mixed table still lists everyone (an office's own page shows all its officers).
        assertThat(ids(mixed)).containsExactlyInAnyOrder(w.counterOfficer(), w.specialist(), w.specialist2(),
                w.civilOfficer());
        // Within one office the same filter applies.
        assertThat(ids(f.scores.leaderboard(LeaderboardTable.officersInOffice(w.landOffice())
                .of(Officer.Kind.COUNTER), NOVEMBER))).isEmpty();
    }

    private static List<Long> ids(Leaderboard board) {
        return board.entries().stream().map(e -> e.score().subject().id()).toList();
    }

    private static java.math.BigDecimal rankingScore(Leaderboard board, long officerId) {
        return board.entries().stream().filter(e -> e.score().subject().id() == officerId).findFirst().orElseThrow()
                .score().figures().shrunkComposite();
    }
}
