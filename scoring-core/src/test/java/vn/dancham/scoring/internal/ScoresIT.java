package vn.dancham.scoring.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingReview;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoreExplanation;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.SubjectScore;
import vn.dancham.scoring.TrendPoint;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The query API on real PostgreSQL: the numbers are worked out by hand in each test's comments. */
class ScoresIT {

    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z"); // 10:00 in Việt Nam
    static final Period NOVEMBER = Period.month(YearMonth.of(2026, 11));
    static final String APPLICANT = "0912345678";

    ScoringCoreFixture f;
    World w;
    long dossier;

    @BeforeEach
    void setUp() {
        // The hand-computed figures below use the identity weights of docs/scoring.md's worked example; the
        // eligibility rules that would hold many strangers' answers about one dossier are RatingsIT's and
        // AdversarialRatingsIT's subject, not this one's.
        f = ScoringCoreFixture.fresh(ScoringProperties.with(Map.of("anti-gaming.daily-cap", "3",
                "identity.unverified", "0.6", "identity.withheld", "0.3",
                "anti-gaming.dossier-anonymous-callers", "100", "anti-gaming.officer-anonymous-callers", "100",
                "anti-gaming.low-cluster-count", "100", "anti-gaming.anonymous-low-max-value", "0")), NOW);
        w = World.create(f);
        dossier = lateDossier("2026001234");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static Instant nov(double day) {
        return Instant.parse("2026-11-01T01:00:00Z").plus(Duration.ofMinutes(Math.round((day - 1) * 24 * 60)));
    }

    /** Received Nov 1 by the counter officer (on time); the specialist held it until Nov 14, due Nov 10. */
    long lateDossier(String receipt) {
        ReceiptNumber r = new ReceiptNumber(receipt);
        long id = f.registry.upsert(new DossierData(r, "DD-01", "GL-1CUA", "CB-AN", "Hoàng Văn Em", APPLICANT,
                nov(1), nov(12), nov(15), "RETURNED")).id();
        f.registry.upsertStage(new StageData(r, 1, "GL-1CUA", "CB-AN", "Tiếp nhận", nov(1), nov(2), nov(1.5)));
        f.registry.upsertStage(new StageData(r, 2, "GL-DD", "CB-BINH", "Thẩm định", nov(1.5), nov(10), nov(14)));
        f.registry.upsertStage(new StageData(r, 3, "GL-DD", "CB-CUONG", "Trình ký", nov(14), nov(15), nov(15)));
        return id;
    }

    RatingReceipt rate(String question, int value, String caller, Instant at) {
        return f.ratings.record(new RatingSubmission(null, dossier, null, question, value, caller, at,
                RatingSubmission.Channel.PHONE));
    }

    void harassmentReportAbout(long officerId, Instant at) {
        f.dsl.execute("INSERT INTO complaint (officer_id, dossier_id, kind, deadline_at, created_at) "
                + "VALUES (?, ?, 'HARASSMENT', ?::timestamptz, ?::timestamptz)", officerId, dossier, at.plus(Duration.ofDays(3)).atOffset(
                java.time.ZoneOffset.UTC), at.atOffset(java.time.ZoneOffset.UTC));
    }

    @Test
    void leaderboardShrinksTowardTheTableMeanAndRanksOnlyRatedOfficers() {
        rate("ATTITUDE", 5, APPLICANT, nov(17));
        rate("TIMELINESS", 1, APPLICANT, nov(17));
        harassmentReportAbout(w.specialist(), nov(18));

        Leaderboard board = f.scores.leaderboard(LeaderboardTable.officersInUnit(w.gioLinh()), NOVEMBER);
        // Table means: satisfaction (1×100 + 1×0)/2 = 50; on time: 2 of 3 stages = 66.67.
        assertThat(board.meanSatisfaction()).isEqualByComparingTo("50.00");
        assertThat(board.meanOnTime()).isEqualByComparingTo("66.67");
        assertThat(board.entries()).extracting(e -> e.score().subject().id(), Leaderboard.Entry::rank)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(w.counterOfficer(), 1),
                        org.assertj.core.groups.Tuple.tuple(w.specialist(), 2),
                        org.assertj.core.groups.Tuple.tuple(w.specialist2(), 0));
        // Counter officer: S' = (100 + 10×50)/11 = 54.55; R' = (100 + 10×66.67)/11 = 69.70;
        // composite 0.6×54.55 + 0.3×69.70 + 0.1×100 = 63.64.
        var counter = board.entries().get(0).score().figures();
        assertThat(counter.shrunkSatisfaction()).isEqualByComparingTo("54.55");
        assertThat(counter.shrunkComposite()).isEqualByComparingTo("63.64");
        assertThat(counter.satisfaction().value()).isEqualByComparingTo("100.00");
        // Specialist: S' = 500/11 = 45.45; R' = 666.67/11 = 60.61; one harassment report → component 70;
        // composite 0.6×45.45 + 0.3×60.61 + 0.1×70 = 52.45.
        var specialist = board.entries().get(1).score().figures();
        assertThat(specialist.shrunkSatisfaction()).isEqualByComparingTo("45.45");
        assertThat(specialist.harassmentReports()).isEqualTo(1);
        assertThat(specialist.shrunkComposite()).isEqualByComparingTo("52.45");
        assertThat(specialist.onTime().value()).isEqualByComparingTo("0.00");
        assertThat(board.entries().get(0).score().name()).isEqualTo("Nguyễn Văn An");
    }

    @Test
    void officeAndDistrictScoresCountEachRatingOnceAndDistrictsRankWithinTheProvince() {
        rate("ATTITUDE", 5, APPLICANT, nov(17));
        rate("TIMELINESS", 1, APPLICANT, nov(17));
        rate("OVERALL", 4, APPLICANT, nov(17));
        SubjectScore district = f.scores.score(Subject.unit(w.gioLinh()), NOVEMBER);
        // (100 + 0 + 75)/3 = 58.33 over 3 ratings; 3 stages, 1 late.
        assertThat(district.figures().satisfaction().value()).isEqualByComparingTo("58.33");
        assertThat(district.figures().ratings()).isEqualTo(3);
        assertThat(district.figures().onTime().value()).isEqualByComparingTo("66.67");
        assertThat(district.figures().byCriterion()).containsOnlyKeys("ATTITUDE", "TIMELINESS", "OVERALL");
        // A rolling year reads whole months from the monthly roll-ups and the edges from the daily rows: the same
        // figures as November alone (all the data is in November).
        SubjectScore year = f.scores.score(Subject.unit(w.gioLinh()), Period.rolling(365, LocalDate.of(2026, 11, 19)));
        assertThat(year.figures()).isEqualTo(district.figures());
        SubjectScore calendarYear = f.scores.score(Subject.unit(w.gioLinh()), Period.year(2026));
        assertThat(calendarYear.figures()).isEqualTo(district.figures());
        SubjectScore field = f.scores.score(Subject.field(w.landField()), Period.rolling(30, LocalDate.of(2026, 11, 19)));
        assertThat(field.figures().ratings()).isEqualTo(3);

        Leaderboard districts = f.scores.leaderboard(LeaderboardTable.unitsInUnit(w.province()), NOVEMBER);
        assertThat(districts.entries()).extracting(e -> e.score().name(), Leaderboard.Entry::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Gio Linh", 1),
                        org.assertj.core.groups.Tuple.tuple("Hướng Hóa", 0));
    }

    @Test
    void explanationListsTheRatingsStagesAndComplaintsWithTheirWeights() {
        rate("TIMELINESS", 1, APPLICANT, nov(17));
        rate("TIMELINESS", 2, "0987654321", nov(17.5));
        harassmentReportAbout(w.specialist(), nov(18));
        ScoreExplanation e = f.scores.explain(Subject.officer(w.specialist()), NOVEMBER, 50);
        assertThat(e.ratings()).extracting(ScoreExplanation.RatingItem::value, r -> r.weight().toPlainString(),
                        ScoreExplanation.RatingItem::reason, ScoreExplanation.RatingItem::receiptNo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "0.60", "LATE_STAGE", "2026001234"),
                        org.assertj.core.groups.Tuple.tuple(1, "1.00", "LATE_STAGE", "2026001234"));
        assertThat(e.stages()).singleElement().satisfies(s -> {
            assertThat(s.late()).isTrue();
            assertThat(s.lateBy()).isEqualTo(Duration.ofDays(4));
        });
        assertThat(e.complaints()).singleElement().satisfies(c -> assertThat(c.penalty()).isEqualByComparingTo("30"));
        // (1×0 + 0.6×25)/1.6 = 9.38
        assertThat(e.score().figures().satisfaction().value()).isEqualByComparingTo("9.38");
        assertThat(e.formulas()).anyMatch(line -> line.contains("9.38"));
        assertThat(f.scores.explain(Subject.officer(w.counterOfficer()), NOVEMBER, 50).ratings())
                .as("the counter officer does not answer for the specialist's delay").isEmpty();
    }

    @Test
    void everyKindOfSubjectCanBeExplained() {
        rate("ATTITUDE", 4, APPLICANT, nov(17));
        rate("TIMELINESS", 2, APPLICANT, nov(17));
        harassmentReportAbout(w.specialist(), nov(18));
        ScoreExplanation office = f.scores.explain(Subject.office(w.landOffice()), NOVEMBER, 10);
        assertThat(office.ratings()).extracting(ScoreExplanation.RatingItem::criterion).containsExactly("TIMELINESS");
        assertThat(office.complaints()).hasSize(1);
        ScoreExplanation district = f.scores.explain(Subject.unit(w.gioLinh()), NOVEMBER, 10);
        assertThat(district.ratings()).hasSize(2);
        assertThat(district.stages()).hasSize(3);
        assertThat(district.complaints()).hasSize(1);
        ScoreExplanation field = f.scores.explain(Subject.field(w.landField()), NOVEMBER, 10);
        assertThat(field.ratings()).hasSize(2);
        assertThat(field.stages()).hasSize(3);
        assertThat(f.scores.explain(Subject.field(w.civilField()), NOVEMBER, 10).ratings()).isEmpty();
    }

    @Test
    void theNightlyRunSnapshotsThisAndLastMonthAndChecksConcerns() {
        rate("ATTITUDE", 4, APPLICANT, nov(17));
        f.maintenance.nightly();
        assertThat(f.scores.trend(Subject.officer(w.counterOfficer()), Period.Kind.MONTH, 3))
                .extracting(p -> p.period().label()).containsExactly("2026-11");
        // From October 1 (the previous month) to today; only periods with data get rows: the weeks of Oct 26
        // (counter stage), Nov 9 (the specialist's stage) and Nov 16 (the rating), and November.
        assertThat(f.strings("SELECT period_kind || ' ' || period_start FROM score_snapshot "
                + "WHERE subject_type = 'UNIT' AND subject_id = ? ORDER BY 1", w.gioLinh()))
                .containsExactly("MONTH 2026-11-01", "WEEK 2026-10-26", "WEEK 2026-11-09", "WEEK 2026-11-16");
    }

    @Test
    void flaggedRatingsAreHeldOutUntilHrMarksThemValid() {
        rate("ATTITUDE", 5, "0987654321", nov(17));
        rate("OVERALL", 5, "0987654321", nov(17));
        rate("TIMELINESS", 5, "0987654321", nov(17));
        RatingReceipt capped = f.ratings.record(new RatingSubmission(null, null, w.landOffice(), "OVERALL", 4,
                "0987654321", nov(17.1), RatingSubmission.Channel.PHONE));
        assertThat(capped.outcome()).isEqualTo(RatingReceipt.Outcome.CAPPED);
        assertThat(f.scores.score(Subject.office(w.landOffice()), NOVEMBER).figures().ratings()).isEqualTo(1);
        assertThat(f.reviews.flagged(w.landOffice(), 10)).singleElement()
                .satisfies(r -> assertThat(r.flagReason()).isEqualTo("DAILY_CAP"));
        assertThat(f.scores.explain(Subject.office(w.landOffice()), NOVEMBER, 10).heldOut()).hasSize(1);

        assertThat(f.reviews.review(capped.ratingId(), true, null)).isEqualTo(RatingReview.Result.COUNTED);
        assertThat(f.scores.score(Subject.office(w.landOffice()), NOVEMBER).figures().ratings()).isEqualTo(2);
        assertThat(f.reviews.review(capped.ratingId(), false, null)).isEqualTo(RatingReview.Result.NOT_FLAGGED);
        assertThat(f.reviews.review(999_999, false, null)).isEqualTo(RatingReview.Result.NOT_FOUND);
        assertThat(f.reviews.flagged(null, 10)).isEmpty();
    }

    @Test
    void trendComesFromSnapshots() {
        rate("ATTITUDE", 5, APPLICANT, nov(3));
        rate("ATTITUDE", 3, "0987654321", nov(17));
        int rows = f.maintenance.snapshot(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 20));
        assertThat(rows).isPositive();
        List<TrendPoint> months = f.scores.trend(Subject.officer(w.counterOfficer()), Period.Kind.MONTH, 12);
        // (1×100 + 0.6×50)/1.6 = 81.25
        assertThat(months).singleElement().satisfies(p -> {
            assertThat(p.period()).isEqualTo(NOVEMBER);
            assertThat(p.satisfaction()).isEqualByComparingTo("81.25");
            assertThat(p.ratings()).isEqualTo(2);
        });
        List<TrendPoint> weeks = f.scores.trend(Subject.officer(w.counterOfficer()), Period.Kind.WEEK, 52);
        // The week of Oct 26 has the counter stage finished on Nov 1 but no rating: on-time rate only.
        assertThat(weeks).extracting(TrendPoint::satisfaction).containsExactly(null, new java.math.BigDecimal("100.00"),
                new java.math.BigDecimal("50.00"));
        assertThat(weeks.get(0).onTime()).isEqualByComparingTo("100");
        assertThat(weeks.get(0).period().from()).isEqualTo(LocalDate.of(2026, 10, 26));
        assertThat(weeks.get(1).period().from()).isBefore(weeks.get(2).period().from());
    }

    @Test
    void aConfidentlyLowScoreRaisesOneConcernPerSubjectAndPeriod() {
        for (int i = 0; i < 12; i++) {
            rate("TIMELINESS", 1, "09000000" + (10 + i), nov(6 + i));
        }
        List<ConcernRaised> raised = f.maintenance.checkConcerns();
        assertThat(raised).extracting(ConcernRaised::kind, ConcernRaised::subjectType, ConcernRaised::subjectId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ConcernRaised.Kind.LOW_SCORE, "OFFICER", w.specialist()),
                        org.assertj.core.groups.Tuple.tuple(ConcernRaised.Kind.LOW_SCORE, "OFFICE", w.landOffice()));
        assertThat(raised).allSatisfy(c -> {
            assertThat(c.sampleSize()).isEqualTo(12);
            assertThat(c.adminUnitId()).isEqualTo(w.gioLinh());
            assertThat(c.officeId()).isEqualTo(w.landOffice());
        });
        assertThat(f.events).containsAll(raised);
        assertThat(f.maintenance.checkConcerns()).as("raised once per period").isEmpty();
    }

    @Test
    void threeLowRatingsAreNotEnoughForAConcern() {
        for (int i = 0; i < 3; i++) {
            rate("TIMELINESS", 1, "09000000" + (10 + i), nov(6 + i));
        }
        assertThat(f.maintenance.checkConcerns()).isEmpty();
    }
}
