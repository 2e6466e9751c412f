package vn.dancham.scoring.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.complaint.ComplaintInbox;
import vn.dancham.complaint.NewComplaint;
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
        // AdversarialRatingsIT's subject, not this one's; the worked examples rank members with one or two ratings:
        // no minimum here (RankingIT tests it).
        f = ScoringCoreFixture.fresh(ScoringProperties.with(Map.of("anti-gaming.daily-cap", "3",
                "identity.unverified", "0.6", "identity.withheld", "0.3",
                "anti-gaming.dossier-anonymous-callers", "100", "anti-gaming.officer-anonymous-callers", "100",
                "anti-gaming.low-cluster-count", "100", "anti-gaming.anonymous-low-max-value", "0",
                "fairness.min-effective-n", "0")), NOW);
        w = World.create(f);
        dossier = lateDossier("2026001234");
        f.webUser("handler", "Người xử lý phản ánh");
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

    /** A report made on the hotline about the dossier: pending until a handler decides. */
    long report(NewComplaint.Kind kind, Instant at) {
        return f.complaints.record(new NewComplaint(kind, null, dossier, "2026001234", w.counterOffice(), null,
                APPLICANT, null, null, NewComplaint.RecordingState.NONE, at));
    }

    void decide(long complaint, ComplaintInbox.Verdict verdict, Long... officers) {
        long handler = f.value(Long.class, "SELECT id FROM app_user WHERE username = 'handler'");
        assertThat(f.complaintInbox.decide(complaint, verdict, List.of(officers), "Đã xác minh với người dân",
                handler, NOW)).isInstanceOf(ComplaintInbox.Change.Done.class);
    }

    /** A harassment report about the dossier, confirmed by a handler who names the officer. */
    void harassmentReportAbout(long officerId, Instant at) {
        decide(report(NewComplaint.Kind.HARASSMENT, at), ComplaintInbox.Verdict.CONFIRMED, officerId);
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
        // Each is pulled toward the rest of the table (leave-one-out), by at most as many ratings as that rest holds
        // (docs/scoring.md §6). Counter officer: the rest is the specialist's one 0 → k = 1, S' = (100 + 0)/2 = 50;
        // the other stages, 1 of 2 on time, weigh 2 → k_R = 2, R' = (100 + 2×50)/3 = 66.67;
        // composite 0.6×50 + 0.3×66.67 + 0.1×100 = 60.00.
        var counter = board.entries().get(0).score().figures();
        assertThat(counter.shrunkSatisfaction()).isEqualByComparingTo("50.00");
        assertThat(counter.shrunkComposite()).isEqualByComparingTo("60.00");
        assertThat(counter.satisfaction().value()).isEqualByComparingTo("100.00");
        // Specialist: the rest is the counter officer's 100 → S' = (0 + 100)/2 = 50; R' = (0 + 2×100)/3 = 66.67; one
        // harassment report → component 70; composite 0.6×50 + 0.3×66.67 + 0.1×70 = 57.00.
        var specialist = board.entries().get(1).score().figures();
        assertThat(specialist.shrunkSatisfaction()).isEqualByComparingTo("50.00");
        assertThat(specialist.harassmentReports()).isEqualTo(1);
        assertThat(specialist.shrunkComposite()).isEqualByComparingTo("57.00");
        assertThat(specialist.onTime().value()).isEqualByComparingTo("0.00");
        assertThat(board.entries().get(0).score().name()).isEqualTo("Nguyễn Văn An");
    }

    /**
     * Fan-out and leave-one-out (docs/scoring.md §6, worked example 5). A second dossier finished on time by An, Bình
     * and Cường; its applicant rates timeliness 5, which all three share (nothing late: HANDLING_STAGES). The late
     * dossier's applicant rates attitude 1 (An). The table's mean counts the shared 5 once: (100 + 0)/2 = 50 (it was
     * (100 + 0 + 100 + 100)/4 = 75, the 5 three times). Bình's prior leaves his own 5 out: the 1 alone, 0, resting on
     * one rating, so it counts as one: S' = (100 + 1×0)/2 = 50 (it was (100 + 10×75)/11 = 77.27). An holds every
     * rating of the table: nothing else to be pulled toward, he keeps his own (100 + 0)/2 = 50.
     */
    @Test
    void aSharedAnswerCountsOnceInTheTableMeanAndNoMemberIsPulledTowardItself() {
        ReceiptNumber r = new ReceiptNumber("2026001300");
        long onTime = f.registry.upsert(new DossierData(r, "DD-01", "GL-1CUA", "CB-AN", "Võ Thị Hoa", "0987654321",
                nov(1), nov(15), nov(10), "RETURNED")).id();
        f.registry.upsertStage(new StageData(r, 1, "GL-1CUA", "CB-AN", "Tiếp nhận", nov(1), nov(2), nov(1.5)));
        f.registry.upsertStage(new StageData(r, 2, "GL-DD", "CB-BINH", "Thẩm định", nov(1.5), nov(10), nov(9)));
        f.registry.upsertStage(new StageData(r, 3, "GL-DD", "CB-CUONG", "Trình ký", nov(9), nov(15), nov(10)));
        f.ratings.record(new RatingSubmission(null, onTime, null, "TIMELINESS", 5, "0987654321", nov(16),
                RatingSubmission.Channel.PHONE));
        rate("ATTITUDE", 1, APPLICANT, nov(17));

        Leaderboard board = f.scores.leaderboard(LeaderboardTable.officersInUnit(w.gioLinh()), NOVEMBER);
        assertThat(board.meanSatisfaction()).isEqualByComparingTo("50.00");
        Map<Long, Leaderboard.Entry> bySubject = new java.util.HashMap<>();
        board.entries().forEach(e -> bySubject.put(e.score().subject().id(), e));
        assertThat(bySubject.get(w.specialist()).score().figures().shrunkSatisfaction()).isEqualByComparingTo("50.00");
        assertThat(bySubject.get(w.specialist2()).score().figures().shrunkSatisfaction()).isEqualByComparingTo("50.00");
        assertThat(bySubject.get(w.counterOfficer()).score().figures().shrunkSatisfaction())
                .isEqualByComparingTo("50.00");
    }

    /**
     * The satisfaction interval reads the calls from the rating rows (docs/scoring.md §5, worked example 4): six
     * callers who are not the applicant (weight 0.6), each in one call answering attitude, timeliness and overall
     * about the late dossier — 5 5 5 · 4 4 5 · 2 1 2 · 4 5 4 · 3 3 4 · 5 4 5. Gio Linh counts all eighteen answers:
     * 72.22 [47.07, 97.38] with the call as the cluster (as eighteen separate answers it would be [59.60, 84.84]).
     * Bình has the six timeliness answers, one a call: 5 4 1 5 3 4 → 66.67.
     */
    @Test
    void theSatisfactionIntervalTakesTheCallAsTheCluster() {
        int[][] calls = {{5, 5, 5}, {4, 4, 5}, {2, 1, 2}, {4, 5, 4}, {3, 3, 4}, {5, 4, 5}};
        for (int c = 0; c < calls.length; c++) {
            String caller = "09888000" + (10 + c);
            Instant at = nov(16).plus(Duration.ofMinutes(10L * c));
            Long call = f.value(Long.class, "INSERT INTO hotline_call (asterisk_unique_id, caller_number, started_at) "
                    + "VALUES (?, ?, ?::timestamptz) RETURNING id", "test." + c, caller, at.toString());
            String[] questions = {"ATTITUDE", "TIMELINESS", "OVERALL"};
            for (int q = 0; q < 3; q++) {
                f.ratings.record(new RatingSubmission(call, dossier, null, questions[q], calls[c][q], caller,
                        at.plusSeconds(q), RatingSubmission.Channel.PHONE));
            }
        }
        var district = f.scores.score(Subject.unit(w.gioLinh()), NOVEMBER).figures().satisfaction();
        assertThat(district.sampleSize()).isEqualTo(18);
        assertThat(district.value()).isEqualByComparingTo("72.22");
        assertThat(district.low()).isEqualByComparingTo("47.07");
        assertThat(district.high()).isEqualByComparingTo("97.38");
        assertThat(f.scores.score(Subject.officer(w.specialist()), NOVEMBER).figures().satisfaction().value())
                .isEqualByComparingTo("66.67");
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
    void aComplaintIsChargedToTheOfficeHoldingTheDossierWhenItWasMade() {
        // Nov 5: the land office holds stage 2 (Nov 1.5 – 14), although the counter received the dossier.
        long whileHeld = report(NewComplaint.Kind.COMPLAINT, nov(5));
        // Nov 1.2: still at the counter (stage 1, Nov 1 – 1.5).
        long atTheCounter = report(NewComplaint.Kind.COMPLAINT, nov(1.2));
        assertThat(f.value(Long.class, "SELECT office_id FROM complaint WHERE id = ?", whileHeld)).isEqualTo(w.landOffice());
        assertThat(f.value(Long.class, "SELECT office_id FROM complaint WHERE id = ?", atTheCounter))
                .isEqualTo(w.counterOffice());
        // Nov 18: returned (last stage, the land office's, finished Nov 15): the last office that had it.
        assertThat(f.value(Long.class, "SELECT office_id FROM complaint WHERE id = ?",
                report(NewComplaint.Kind.HARASSMENT, nov(18)))).isEqualTo(w.landOffice());
        // The hotline's complaints carry an answer key and are stored in one statement (issue 16): the same rule.
        for (double day : new double[] {5, 1.2, 18}) {
            long keyed = f.complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null, dossier, "2026001234",
                    w.counterOffice(), null, APPLICANT, null, null, NewComplaint.RecordingState.NONE, nov(day),
                    "scores-it/" + day));
            assertThat(f.value(Long.class, "SELECT office_id FROM complaint WHERE id = ?", keyed))
                    .as("keyed complaint on Nov %s", day).isEqualTo(day == 1.2 ? w.counterOffice() : w.landOffice());
        }
        assertThat(f.harassment.openDue()).as("the report's incident, opened after it").isEqualTo(1);
        assertThat(f.events).filteredOn(e -> e instanceof vn.dancham.complaint.HarassmentReported).singleElement()
                .satisfies(e -> assertThat(((vn.dancham.complaint.HarassmentReported) e).officeId())
                        .as("the duty leader called is the holding office's").isEqualTo(w.landOffice()));
    }

    @Test
    void aComplaintCountsOnlyOnceConfirmedAndOnlyAgainstTheOfficersTheHandlerNamed() {
        rate("TIMELINESS", 1, APPLICANT, nov(17));
        long complaint = report(NewComplaint.Kind.COMPLAINT, nov(12));
        long harassment = report(NewComplaint.Kind.HARASSMENT, nov(13));

        // Pending: shown to the office, counted for nobody.
        SubjectScore office = f.scores.score(Subject.office(w.landOffice()), NOVEMBER);
        assertThat(office.figures().complaintComponent()).isEqualByComparingTo("100");
        assertThat(f.scores.explain(Subject.office(w.landOffice()), NOVEMBER, 10).complaints())
                .extracting(ScoreExplanation.ComplaintItem::verdict, c -> c.penalty().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PENDING", "0.00"),
                        org.assertj.core.groups.Tuple.tuple("PENDING", "0.00"));
        assertThat(f.scores.score(Subject.officer(w.specialist()), NOVEMBER).figures().complaintComponent())
                .isEqualByComparingTo("100");

        // The handler confirms the harassment report against Bình and finds the complaint unfounded.
        decide(harassment, ComplaintInbox.Verdict.CONFIRMED, w.specialist());
        decide(complaint, ComplaintInbox.Verdict.UNFOUNDED);
        var bình = f.scores.explain(Subject.officer(w.specialist()), NOVEMBER, 10);
        assertThat(bình.score().figures().harassmentReports()).isEqualTo(1);
        assertThat(bình.score().figures().complaintComponent()).isEqualByComparingTo("70");
        assertThat(bình.complaints()).singleElement().satisfies(c -> {
            assertThat(c.complaintId()).isEqualTo(harassment);
            assertThat(c.confirmed()).isTrue();
            assertThat(c.finding()).isEqualTo("Đã xác minh với người dân");
        });
        assertThat(f.scores.score(Subject.officer(w.specialist2()), NOVEMBER).figures().complaintComponent())
                .as("Cường held the dossier too, but was not named").isEqualByComparingTo("100");
        assertThat(f.scores.score(Subject.office(w.landOffice()), NOVEMBER).figures().complaintComponent())
                .isEqualByComparingTo("70");
        assertThat(f.scores.score(Subject.office(w.counterOffice()), NOVEMBER).figures().complaintComponent())
                .as("the receiving counter did not hold the dossier").isEqualByComparingTo("100");
        assertThat(f.scores.score(Subject.unit(w.gioLinh()), NOVEMBER).figures().complaints()).isZero();

        // A verdict can be withdrawn: pending again, the report stops counting.
        decide(harassment, ComplaintInbox.Verdict.PENDING);
        assertThat(f.scores.score(Subject.officer(w.specialist()), NOVEMBER).figures().complaintComponent())
                .isEqualByComparingTo("100");
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

    /**
     * The snapshots read every subject of a type at once (from the period's ratings and the stages that can be
     * overdue, issue 16); a page reads one subject. Both must say the same for a mixed fixture: every criterion,
     * callers of different identities, a confirmed harassment report, a stage finished late and one still open
     * past its due time, in weeks and a month.
     */
    @Test
    void aSnapshotHoldsForEverySubjectWhatItsOwnScoreSays() {
        rate("ATTITUDE", 5, APPLICANT, nov(3));
        rate("OVERALL", 2, "0987654321", nov(4));
        rate("TIMELINESS", 3, "0987654321", nov(12));
        rate("ATTITUDE", 4, "0977777777", nov(17));
        harassmentReportAbout(w.specialist(), nov(12));
        ReceiptNumber open = new ReceiptNumber("2026005678");
        f.registry.upsert(new DossierData(open, "HT-01", "HH-HT", "CB-DUNG", "Lê Thị Hoa", "0911111111", nov(2),
                nov(8), null, "IN_PROGRESS"));
        f.registry.upsertStage(new StageData(open, 1, "HH-HT", "CB-DUNG", "Tiếp nhận", nov(2), nov(6), null));

        int rows = f.maintenance.snapshot(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 20));

        var snapshots = f.dsl.fetch("""
                SELECT subject_type, subject_id, period_kind, period_start, ratings, satisfaction, satisfaction_low,
                       satisfaction_high, satisfied_share, stages_finished, on_time_rate, complaints, harassment,
                       composite
                FROM score_snapshot ORDER BY 1, 2, 3, 4""");
        assertThat(snapshots).hasSize(rows);
        assertThat(snapshots.getValues(0, String.class)).contains("OFFICER", "OFFICE", "UNIT", "FIELD");
        assertThat(f.strings("SELECT subject_type FROM score_snapshot WHERE subject_id = ? AND subject_type = "
                + "'OFFICER' AND on_time_rate = 0", w.civilOfficer())).as("the open overdue stage").isNotEmpty();
        for (var r : snapshots) {
            Subject subject = new Subject(Subject.Type.valueOf(r.get(0, String.class)), r.get(1, Long.class));
            LocalDate start = r.get(3, LocalDate.class);
            Period period = "WEEK".equals(r.get(2, String.class)) ? Period.week(start)
                    : Period.month(YearMonth.from(start));
            var own = f.scores.score(subject, period).figures();
            String what = subject + " " + period.label();
            assertThat(r.get(4, Integer.class)).as(what).isEqualTo(own.satisfaction().sampleSize());
            assertSame(r.get(5, java.math.BigDecimal.class), own.satisfaction().value(), what);
            assertSame(r.get(6, java.math.BigDecimal.class), own.satisfaction().low(), what);
            assertSame(r.get(7, java.math.BigDecimal.class), own.satisfaction().high(), what);
            assertThat(r.get(9, Integer.class)).as(what).isEqualTo(own.onTime().sampleSize());
            assertThat(r.get(10, java.math.BigDecimal.class) == null).as(what).isEqualTo(!own.onTime().present());
            if (own.onTime().present()) {
                assertThat(r.get(10, java.math.BigDecimal.class).movePointRight(2)).as(what)
                        .isEqualByComparingTo(own.onTime().value());
            }
            assertThat(r.get(11, Integer.class)).as(what).isEqualTo(own.complaints());
            assertThat(r.get(12, Integer.class)).as(what).isEqualTo(own.harassmentReports());
            assertSame(r.get(13, java.math.BigDecimal.class), own.composite().value(), what);
        }
    }

    /**
     * A history over two months and a half for the many-periods test: calls of three answers on many days (one
     * across midnight at a week's end, one across a month's end), single answers of every identity, a confirmed
     * harassment report, stages finished late, one open past its due time, an October dossier.
     */
    void manyPeriodsOfHistory() {
        ReceiptNumber october = new ReceiptNumber("2026004321");
        long old = f.registry.upsert(new DossierData(october, "DD-01", "GL-1CUA", "CB-AN", "Trần Văn Phúc",
                "0913333333", Instant.parse("2026-09-20T02:00:00Z"), Instant.parse("2026-10-01T02:00:00Z"),
                Instant.parse("2026-10-05T02:00:00Z"), "RETURNED")).id();
        f.registry.upsertStage(new StageData(october, 1, "GL-1CUA", "CB-AN", "Tiếp nhận",
                Instant.parse("2026-09-20T02:00:00Z"), Instant.parse("2026-09-21T02:00:00Z"),
                Instant.parse("2026-09-20T05:00:00Z")));
        f.registry.upsertStage(new StageData(october, 2, "GL-DD", "CB-BINH", "Thẩm định",
                Instant.parse("2026-09-20T05:00:00Z"), Instant.parse("2026-09-28T02:00:00Z"),
                Instant.parse("2026-10-05T02:00:00Z")));
        String[] questions = {"ATTITUDE", "TIMELINESS", "OVERALL"};
        // Sunday 2026-10-04 16:59:30 UTC is 23:59:30 in Việt Nam: the call's answers fall in two weeks; and
        // 2026-10-31 16:59:50 UTC in two months.
        Instant[] callsAt = {Instant.parse("2026-10-04T16:59:30Z"), Instant.parse("2026-10-12T03:00:00Z"),
                Instant.parse("2026-10-31T16:59:50Z"), nov(3), nov(9.5), nov(16)};
        int[][] values = {{5, 4, 5}, {2, 1, 2}, {4, 4, 3}, {5, 5, 4}, {3, 2, 3}, {1, 2, 1}};
        for (int c = 0; c < callsAt.length; c++) {
            String caller = "09777000" + (10 + c);
            long about = callsAt[c].isBefore(nov(1)) ? old : dossier;
            Long call = f.value(Long.class, "INSERT INTO hotline_call (asterisk_unique_id, caller_number, started_at) "
                    + "VALUES (?, ?, ?::timestamptz) RETURNING id", "many." + c, caller, callsAt[c].toString());
            for (int q = 0; q < 3; q++) {
                f.ratings.record(new RatingSubmission(call, about, null, questions[q], values[c][q], caller,
                        callsAt[c].plusSeconds(20L * q), RatingSubmission.Channel.PHONE));
            }
        }
        f.ratings.record(new RatingSubmission(null, old, null, "ATTITUDE", 2, null,
                Instant.parse("2026-10-20T04:00:00Z"), RatingSubmission.Channel.PHONE));
        rate("OVERALL", 4, "0987654321", nov(5));
        rate("ATTITUDE", 3, APPLICANT, nov(18));
        harassmentReportAbout(w.specialist(), nov(12));
        ReceiptNumber open = new ReceiptNumber("2026005678");
        f.registry.upsert(new DossierData(open, "HT-01", "HH-HT", "CB-DUNG", "Lê Thị Hoa", "0911111111",
                Instant.parse("2026-10-20T02:00:00Z"), nov(8), null, "IN_PROGRESS"));
        f.registry.upsertStage(new StageData(open, 1, "HH-HT", "CB-DUNG", "Tiếp nhận",
                Instant.parse("2026-10-20T02:00:00Z"), Instant.parse("2026-10-24T02:00:00Z"), null));
    }

    /** Every snapshot row but the time it was computed, in one order. */
    List<List<Object>> snapshotRows() {
        return f.dsl.fetch("""
                SELECT subject_type, subject_id, period_kind, period_start, ratings, satisfaction, satisfaction_low,
                       satisfaction_high, satisfied_share, stages_finished, on_time_rate, complaints, harassment,
                       composite
                FROM score_snapshot ORDER BY 1, 2, 3, 4""").stream().map(r -> java.util.Arrays.asList(r.intoArray()))
                .toList();
    }

    void manyPeriodsAtOnceEqualEachAlone() {
        manyPeriodsOfHistory();
        LocalDate from = LocalDate.of(2026, 9, 20);
        LocalDate to = LocalDate.of(2026, 11, 20);
        int alone = f.maintenance.snapshotEachAlone(from, to);
        List<List<Object>> eachAlone = snapshotRows();
        f.dsl.execute("DELETE FROM score_snapshot");
        int together = f.maintenance.snapshot(from, to);
        assertThat(together).isEqualTo(alone);
        assertThat(eachAlone).hasSize(alone);
        assertThat(snapshotRows()).isEqualTo(eachAlone);
        // Not a trivially equal pair: weeks and months of several subjects of every type, with the open stage.
        assertThat(eachAlone.stream().map(r -> r.get(2) + " " + r.get(3)).distinct().count()).isGreaterThan(10);
        assertThat(eachAlone.stream().map(r -> r.get(0)).distinct().toList())
                .contains("OFFICER", "OFFICE", "UNIT", "FIELD");
    }

    /**
     * The snapshots of a range read many weeks (or months) together, a handful of statements per subject type
     * instead of five per period (issue 16); each period alone is how a stale one is refreshed. Same rows.
     */
    @Test
    void snapshotsOfManyPeriodsAtOnceAreThoseOfEachPeriodAlone() {
        manyPeriodsAtOnceEqualEachAlone();
    }

    /** The same with time decay on: the cells keep their days, each weighed by its own age. */
    @Test
    void snapshotsOfManyPeriodsAtOnceAreThoseOfEachPeriodAloneWithTimeDecay() {
        f.close();
        f = ScoringCoreFixture.fresh(ScoringProperties.with(Map.of("anti-gaming.daily-cap", "3",
                "model.half-life", "30d", "identity.unverified", "0.6", "identity.withheld", "0.3",
                "anti-gaming.dossier-anonymous-callers", "100", "anti-gaming.officer-anonymous-callers", "100",
                "anti-gaming.low-cluster-count", "100", "anti-gaming.anonymous-low-max-value", "0",
                "fairness.min-effective-n", "0")), NOW);
        w = World.create(f);
        dossier = lateDossier("2026001234");
        f.webUser("handler", "Người xử lý phản ánh");
        manyPeriodsAtOnceEqualEachAlone();
    }

    /** Equal as numbers (the stored scale may differ), or both absent. */
    private static void assertSame(java.math.BigDecimal stored, java.math.BigDecimal computed, String what) {
        assertThat(stored == null).as(what + ": " + stored + " / " + computed).isEqualTo(computed == null);
        if (stored != null) {
            assertThat(stored).as(what).isEqualByComparingTo(computed);
        }
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
