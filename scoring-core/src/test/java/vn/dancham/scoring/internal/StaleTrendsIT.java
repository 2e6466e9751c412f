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
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.TrendPoint;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trends that stay true (issue 12, item 6): a trend point of a past month is taken again after a late change to
 * what it counted, on real PostgreSQL. Before, a stored snapshot kept the figures of its night for ever (the audit
 * found 49 cells of August and September disagreeing with live scores after stage edits through the API).
 */
class StaleTrendsIT {

    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final String APPLICANT = "0905111222";

    ScoringCoreFixture f;
    World w;

    @BeforeEach
    void setUp() {
        f = ScoringCoreFixture.fresh(ScoringProperties.defaults(), NOW);
        w = World.create(f);
        f.webUser("handler", "Cán bộ xử lý phản ánh");
        // A land dossier of August: received at the counter by An, examined by Bình from Aug 4, due Aug 11,
        // finished Aug 7 — on time.
        f.registry.upsert(new DossierData(new ReceiptNumber("2026000801"), "DD-01", "GL-1CUA", "CB-AN", "Người nộp",
                APPLICANT, at("2026-08-03"), at("2026-09-03"), null, "IN_PROGRESS"));
        f.registry.upsertStage(stage(at("2026-08-07")));
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static Instant at(String day) {
        return Instant.parse(day + "T03:00:00Z");
    }

    static StageData stage(Instant finished) {
        return new StageData(new ReceiptNumber("2026000801"), 1, "GL-DD", "CB-BINH", "Thẩm định", at("2026-08-04"),
                at("2026-08-11"), finished);
    }

    TrendPoint month(long officer, String month) {
        List<TrendPoint> trend = f.scores.trend(Subject.officer(officer), Period.Kind.MONTH, 12);
        return trend.stream().filter(t -> t.period().equals(Period.month(YearMonth.parse(month)))).findFirst()
                .orElseThrow();
    }

    @Test
    void editingAPastStageChangesThatMonthsTrendPoint() {
        assertThat(month(w.specialist(), "2026-08").onTime()).isEqualByComparingTo("100");
        // The dossier system sends a correction: the stage really finished on Aug 20, nine days late.
        f.registry.upsertStage(stage(at("2026-08-20")));
        assertThat(f.maintenance.refreshStale()).as("August's week and month, refreshed").isPositive();
        assertThat(month(w.specialist(), "2026-08").onTime()).isEqualByComparingTo("0");
        // Refreshed once: nothing is left to do.
        assertThat(f.maintenance.refreshStale()).isZero();
    }

    @Test
    void aHeldAnswerReleasedByHrAndAVerdictOnAnOldComplaintChangeTheirMonthsTrendPoint() {
        // September: the applicant rates An 5; a stranger's 1 about An waits for HR (ANONYMOUS_LOW).
        rate("ATTITUDE", 5, APPLICANT, at("2026-09-10"));
        RatingReceipt held = rate("ATTITUDE", 1, "0900000001", at("2026-09-11"));
        assertThat(held.outcome()).isEqualTo(RatingReceipt.Outcome.FLAGGED);
        long complaint = f.complaints.record(new NewComplaint(NewComplaint.Kind.HARASSMENT, null,
                f.value(Long.class, "SELECT id FROM dossier"), "2026000801", w.counterOffice(), null, APPLICANT, null,
                null, NewComplaint.RecordingState.NONE, at("2026-09-12")));
        f.maintenance.snapshot(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-30"));
        assertThat(month(w.counterOfficer(), "2026-09").satisfaction()).isEqualByComparingTo("100");
        assertThat(month(w.counterOfficer(), "2026-09").harassmentReports()).isZero();

        // In November HR finds the stranger's answer genuine, and a handler confirms the report naming An.
        assertThat(f.reviews.review(held.ratingId(), true, null)).isEqualTo(RatingReview.Result.COUNTED);
        long handler = f.value(Long.class, "SELECT id FROM app_user WHERE username = 'handler'");
        assertThat(f.complaintInbox.decide(complaint, ComplaintInbox.Verdict.CONFIRMED, List.of(w.counterOfficer()),
                "Đã xác minh", handler, NOW)).isInstanceOf(ComplaintInbox.Change.Done.class);
        assertThat(month(w.counterOfficer(), "2026-09").satisfaction()).as("stale until refreshed")
                .isEqualByComparingTo("100");

        assertThat(f.maintenance.refreshStale()).isPositive();
        TrendPoint september = month(w.counterOfficer(), "2026-09");
        // (1.0 × 100 + 0.3 × 0) / 1.3 = 76.92
        assertThat(september.satisfaction()).isEqualByComparingTo("76.92");
        assertThat(september.harassmentReports()).isEqualTo(1);
    }

    @Test
    void theNightlyJobRefreshesStalePastPeriodsToo() {
        f.registry.upsertStage(stage(at("2026-08-20")));
        f.maintenance.nightly();
        assertThat(month(w.specialist(), "2026-08").onTime()).isEqualByComparingTo("0");
        assertThat(f.value(Integer.class, "SELECT (SELECT count(*) FROM score_snapshot_stale)"
                + " + (SELECT count(*) FROM score_snapshot_stale_subject)")).isZero();
    }

    /**
     * A late change takes again only the trend points of the subjects it touches (issue 16: at 8 lines the
     * five-minute refresh re-took every subject's snapshot of 31 past periods, 9 s of a benchmark's CPU). The
     * points it re-takes are those a whole period's snapshot gives; the others keep theirs.
     */
    @Test
    void aLateAnswerRetakesOnlyItsSubjectsTrendPoints() {
        civilDossierRatedInSeptember();
        // And the civil office's fifty other officers, rated the same week: the answer below marks under a tenth
        // of the period's subjects, so they are taken one by one.
        ratedOfficers("HH-HT", "HT-01", "CB-H", 50, at("2026-09-09"), 4);
        rate("ATTITUDE", 5, APPLICANT, at("2026-09-10"));
        RatingReceipt held = rate("ATTITUDE", 1, "0900000001", at("2026-09-11"));
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        String taken = f.value(String.class, "SELECT max(computed_at)::text FROM score_snapshot");

        f.clock.advance(java.time.Duration.ofHours(1));
        assertThat(f.reviews.review(held.ratingId(), true, null)).isEqualTo(RatingReview.Result.COUNTED);
        assertThat(f.maintenance.refreshStale()).isPositive();

        // Re-taken: the answer's officer, office, district, province and field, in its week and month.
        assertThat(takenSince(taken))
                .containsExactly("FIELD DD MONTH 2026-09-01", "FIELD DD WEEK 2026-09-07",
                        "OFFICE GL-1CUA MONTH 2026-09-01", "OFFICE GL-1CUA WEEK 2026-09-07",
                        "OFFICER CB-AN MONTH 2026-09-01", "OFFICER CB-AN WEEK 2026-09-07",
                        "UNIT GL MONTH 2026-09-01", "UNIT GL WEEK 2026-09-07",
                        "UNIT QT MONTH 2026-09-01", "UNIT QT WEEK 2026-09-07");
        // And they are what a snapshot of every subject gives now.
        List<String> refreshed = snapshotRows();
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        assertThat(refreshed).isEqualTo(snapshotRows());
        assertThat(f.maintenance.refreshStale()).isZero();
    }

    /**
     * A verdict takes again only the trend points of what its complaint counted for before and counts for after it
     * (issue 16: it marked its week and month whole, every subject of the country taken again for one complaint).
     * Here a report made on September 12 about the August dossier, charged to the land office that held it:
     * confirmed naming An, then Bình instead, then unfounded.
     */
    @Test
    void aVerdictRetakesOnlyItsComplaintsSubjectsTrendPoints() {
        civilDossierRatedInSeptember();
        // Eighty other officers rated that week: a verdict's six marks stay under a tenth of the period's subjects.
        ratedOfficers("HH-HT", "HT-01", "CB-H", 80, at("2026-09-09"), 4);
        long complaint = f.complaints.record(new NewComplaint(NewComplaint.Kind.HARASSMENT, null,
                f.value(Long.class, "SELECT id FROM dossier WHERE receipt_no = '2026000801'"), "2026000801",
                w.counterOffice(), null, APPLICANT, null, null, NewComplaint.RecordingState.NONE, at("2026-09-12")));
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        long handler = f.value(Long.class, "SELECT id FROM app_user WHERE username = 'handler'");
        List<String> charged = List.of("FIELD DD MONTH 2026-09-01", "FIELD DD WEEK 2026-09-07",
                "OFFICE GL-DD MONTH 2026-09-01", "OFFICE GL-DD WEEK 2026-09-07",
                "UNIT GL MONTH 2026-09-01", "UNIT GL WEEK 2026-09-07",
                "UNIT QT MONTH 2026-09-01", "UNIT QT WEEK 2026-09-07");

        String taken = f.value(String.class, "SELECT max(computed_at)::text FROM score_snapshot");
        f.clock.advance(java.time.Duration.ofHours(1));
        assertThat(f.complaintInbox.decide(complaint, ComplaintInbox.Verdict.CONFIRMED, List.of(w.counterOfficer()),
                "Đã xác minh", handler, NOW)).isInstanceOf(ComplaintInbox.Change.Done.class);
        assertThat(f.value(Integer.class, "SELECT count(*) FROM score_snapshot_stale")).as("no whole period")
                .isZero();
        assertThat(f.maintenance.refreshStale()).isPositive();
        assertThat(takenSince(taken)).containsExactlyInAnyOrderElementsOf(with(charged,
                "OFFICER CB-AN MONTH 2026-09-01", "OFFICER CB-AN WEEK 2026-09-07"));
        assertEqualsASnapshotOfEveryone();

        // The handler names Bình instead: Bình's points gain the report; An's lose it, and with nothing else of
        // An's in September, the rows themselves.
        taken = f.value(String.class, "SELECT max(computed_at)::text FROM score_snapshot");
        f.clock.advance(java.time.Duration.ofHours(1));
        f.complaintInbox.decide(complaint, ComplaintInbox.Verdict.CONFIRMED, List.of(w.specialist()), "Xác minh lại",
                handler, NOW);
        assertThat(f.maintenance.refreshStale()).isPositive();
        assertThat(takenSince(taken)).containsExactlyInAnyOrderElementsOf(with(charged,
                "OFFICER CB-BINH MONTH 2026-09-01", "OFFICER CB-BINH WEEK 2026-09-07"));
        assertThat(f.value(Integer.class, "SELECT count(*) FROM score_snapshot WHERE subject_type = 'OFFICER' "
                + "AND subject_id = ? AND period_start >= '2026-09-01'", w.counterOfficer())).isZero();
        assertEqualsASnapshotOfEveryone();

        // Unfounded: what it counted for is taken again. Only the province has other September inputs (Hướng Hóa's
        // answers); the land office, Gio Linh, the land field and Bình had the report alone, and lose their rows.
        taken = f.value(String.class, "SELECT max(computed_at)::text FROM score_snapshot");
        f.clock.advance(java.time.Duration.ofHours(1));
        f.complaintInbox.decide(complaint, ComplaintInbox.Verdict.UNFOUNDED, List.of(), "Không có căn cứ", handler,
                NOW);
        assertThat(f.maintenance.refreshStale()).isPositive();
        assertThat(takenSince(taken)).containsExactly("UNIT QT MONTH 2026-09-01", "UNIT QT WEEK 2026-09-07");
        assertEqualsASnapshotOfEveryone();
        // Back to pending: it counted for nobody before and counts for nobody after; nothing is marked.
        f.complaintInbox.decide(complaint, ComplaintInbox.Verdict.PENDING, List.of(), null, handler, NOW);
        assertThat(f.value(Integer.class, "SELECT count(*) FROM score_snapshot_stale_subject")).isZero();
        assertThat(f.maintenance.refreshStale()).isZero();
    }

    /** These rows and those. */
    static List<String> with(List<String> rows, String... more) {
        List<String> all = new java.util.ArrayList<>(rows);
        all.addAll(List.of(more));
        return all;
    }

    /** The stored rows are those a snapshot of every subject of August and September gives now. */
    void assertEqualsASnapshotOfEveryone() {
        List<String> refreshed = snapshotRows();
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        assertThat(refreshed).isEqualTo(snapshotRows());
    }

    /**
     * A unit with more than {@link ScoreReader#FEW_OFFICES} offices is read from its period's ratings, one with few
     * through its offices' targets: both ways, its rows taken alone are those of a snapshot of everyone.
     */
    @Test
    void aDistrictWithManyOfficesTakenAloneEqualsASnapshotOfEveryone() {
        long gioLinh = f.value(Long.class, "SELECT id FROM admin_unit WHERE code = 'GL'");
        for (int i = 0; i < ScoreReader.FEW_OFFICES; i++) {
            f.office(gioLinh, "GL-X" + i, "77" + (10 + i), "Văn phòng " + i);
        }
        civilDossierRatedInSeptember();
        ratedOfficers("HH-HT", "HT-01", "CB-H", 50, at("2026-09-09"), 4);
        rate("ATTITUDE", 5, APPLICANT, at("2026-09-10"));
        RatingReceipt held = rate("ATTITUDE", 1, "0900000001", at("2026-09-11"));
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        assertThat(f.value(Integer.class, "SELECT count(*) FROM office_unit WHERE unit_id = ?", gioLinh))
                .isGreaterThan(ScoreReader.FEW_OFFICES);

        f.clock.advance(java.time.Duration.ofHours(1));
        assertThat(f.reviews.review(held.ratingId(), true, null)).isEqualTo(RatingReview.Result.COUNTED);
        assertThat(f.maintenance.refreshStale()).isEqualTo(2);

        List<String> refreshed = snapshotRows();
        assertThat(refreshed).anyMatch(row -> row.startsWith("UNIT " + gioLinh + " MONTH 2026-09-01 2 "));
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        assertThat(refreshed).isEqualTo(snapshotRows());
    }

    /**
     * A trend point resting on more than {@link Maintenance#LARGE} ratings (at 10 M ratings: the province's and each
     * field's) waits for the nightly refresh: every late answer marks it, and taking it again means reading every
     * rating of its period (issue 16: 25-34 s of the five-minute job for three late answers). The five-minute job
     * takes the answer's officer, office and district now and leaves the province's mark; the night takes it.
     */
    @Test
    void aLargeSubjectsPointWaitsForTheNight() throws Exception {
        civilDossierRatedInSeptember();
        ratedOfficers("HH-HT", "HT-01", "CB-H", 50, at("2026-09-09"), 4);
        rate("ATTITUDE", 5, APPLICANT, at("2026-09-10"));
        RatingReceipt held = rate("ATTITUDE", 1, "0900000001", at("2026-09-11"));
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        // The province's rows of the answer's week and month as they stand at 10 M ratings: the refresh goes by the
        // stored count.
        f.dsl.execute("UPDATE score_snapshot SET ratings = ? WHERE subject_type = 'UNIT' "
                + "AND subject_id = (SELECT id FROM admin_unit WHERE code = 'QT') "
                + "AND period_start IN ('2026-09-01', '2026-09-07')", Maintenance.LARGE + 1);
        String taken = f.value(String.class, "SELECT max(computed_at)::text FROM score_snapshot");

        f.clock.advance(java.time.Duration.ofHours(1));
        assertThat(f.reviews.review(held.ratingId(), true, null)).isEqualTo(RatingReview.Result.COUNTED);
        new StaleTrendsJob(f.maintenance).execute(null);

        assertThat(takenSince(taken)).containsExactly("FIELD DD MONTH 2026-09-01", "FIELD DD WEEK 2026-09-07",
                "OFFICE GL-1CUA MONTH 2026-09-01", "OFFICE GL-1CUA WEEK 2026-09-07",
                "OFFICER CB-AN MONTH 2026-09-01", "OFFICER CB-AN WEEK 2026-09-07",
                "UNIT GL MONTH 2026-09-01", "UNIT GL WEEK 2026-09-07");
        String marks = "SELECT m.subject_type || ' ' || u.code || ' ' || m.period_kind || ' ' || m.period_start "
                + "FROM score_snapshot_stale_subject m JOIN admin_unit u ON u.id = m.subject_id ORDER BY 1";
        assertThat(f.strings(marks)).containsExactly("UNIT QT MONTH 2026-09-01", "UNIT QT WEEK 2026-09-07");
        assertThat(f.maintenance.refreshStaleExceptLarge()).as("the province's marks are left again").isZero();

        f.clock.advance(java.time.Duration.ofHours(1));
        String beforeNight = f.value(String.class, "SELECT max(computed_at)::text FROM score_snapshot");
        assertThat(f.maintenance.refreshStale()).as("the night's refresh: September and its week").isEqualTo(2);
        assertThat(takenSince(beforeNight)).containsExactly("UNIT QT MONTH 2026-09-01",
                "UNIT QT WEEK 2026-09-07");
        assertThat(f.strings(marks)).isEmpty();
        List<String> refreshed = snapshotRows();
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        assertThat(refreshed).isEqualTo(snapshotRows());
    }

    /**
     * An answer superseded by the same caller's later one stops counting: its officer, with nothing else in that
     * month, is left with no answer in the month's row, as a snapshot of every subject gives it.
     */
    @Test
    void aSupersededPastAnswerLeavesItsOfficerNoAnswerInThatMonth() {
        f.registry.upsert(new DossierData(new ReceiptNumber("2026000901"), "HT-01", "HH-HT", "CB-DUNG", "Người nộp",
                "0905333444", at("2026-09-01"), at("2026-09-04"), null, "IN_PROGRESS"));
        long dossier = f.value(Long.class, "SELECT id FROM dossier WHERE receipt_no = '2026000901'");
        f.ratings.record(new RatingSubmission(null, dossier, null, "ATTITUDE", 2, "0905333444", at("2026-09-02"),
                RatingSubmission.Channel.PHONE));
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        String dung = "SELECT string_agg(period_kind || ' ' || ratings, ', ' ORDER BY period_kind) FROM score_snapshot "
                + "WHERE subject_type = 'OFFICER' AND period_start >= '2026-08-31' "
                + "AND subject_id = (SELECT id FROM officer WHERE code = 'CB-DUNG')";
        assertThat(f.value(String.class, dung)).isEqualTo("MONTH 1, WEEK 1");

        // In November the applicant calls again and answers anew: the September answer is superseded.
        f.ratings.record(new RatingSubmission(null, dossier, null, "ATTITUDE", 5, "0905333444", NOW,
                RatingSubmission.Channel.PHONE));
        assertThat(f.value(String.class, "SELECT status FROM rating WHERE given_at = ?::timestamptz",
                at("2026-09-02").atOffset(java.time.ZoneOffset.UTC))).isEqualTo("SUPERSEDED");
        assertThat(f.maintenance.refreshStale()).isPositive();

        assertThat(f.value(String.class, dung)).isEqualTo("MONTH 0, WEEK 0");
        List<String> refreshed = snapshotRows();
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        assertThat(refreshed).isEqualTo(snapshotRows());
    }

    /**
     * A late change that marks more than a tenth of a period's subjects ({@link Maintenance#SHARE_ALONE}) takes the
     * period whole, in one pass with the other such periods: its rows are a snapshot of everyone's, unmarked
     * subjects' rows included, and no mark is left.
     */
    @Test
    void manyLateAnswersInAPastMonthTakeItWhole() {
        civilDossierRatedInSeptember();
        List<String> receipts = ratedOfficers("GL-1CUA", "DD-01", "CB-M", 12, at("2026-09-15"), 2);
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        String taken = f.value(String.class, "SELECT max(computed_at)::text FROM score_snapshot");

        // In November every one of those applicants answers anew: their September answers are superseded.
        f.clock.advance(java.time.Duration.ofHours(1));
        for (String receipt : receipts) {
            f.ratings.record(new RatingSubmission(null, f.value(Long.class,
                    "SELECT id FROM dossier WHERE receipt_no = ?", receipt), null, "ATTITUDE", 5,
                    applicantOf(receipt), NOW, RatingSubmission.Channel.PHONE));
        }
        assertThat(f.maintenance.refreshStale()).as("September's month and the week of the 15th").isEqualTo(2);

        assertThat(f.value(Integer.class, "SELECT count(*) FROM score_snapshot_stale_subject")).isZero();
        assertThat(f.strings("SELECT s.period_kind || ' ' || s.period_start FROM score_snapshot s "
                        + "JOIN officer o ON o.id = s.subject_id AND s.subject_type = 'OFFICER' "
                        + "WHERE o.code = 'CB-DUNG' AND s.computed_at > ?::timestamptz ORDER BY 1", taken))
                .as("an unmarked officer's month, taken with the whole period").containsExactly("MONTH 2026-09-01");
        List<String> refreshed = snapshotRows();
        f.maintenance.snapshot(LocalDate.parse("2026-08-01"), LocalDate.parse("2026-09-30"));
        assertThat(refreshed).isEqualTo(snapshotRows());
    }

    /** Another district's dossier, rated 4 on September 2: Dung, the civil office, Hướng Hóa, the civil field. */
    void civilDossierRatedInSeptember() {
        f.registry.upsert(new DossierData(new ReceiptNumber("2026000901"), "HT-01", "HH-HT", "CB-DUNG", "Người nộp",
                "0905333444", at("2026-09-01"), at("2026-09-04"), null, "IN_PROGRESS"));
        f.ratings.record(new RatingSubmission(null, f.value(Long.class,
                "SELECT id FROM dossier WHERE receipt_no = '2026000901'"), null, "ATTITUDE", 4, "0905333444",
                at("2026-09-02"), RatingSubmission.Channel.PHONE));
    }

    /**
     * {@code n} new officers of an office, each receiving a dossier rated {@code value} by its applicant at
     * {@code at}; returns the dossiers' receipt numbers.
     */
    List<String> ratedOfficers(String office, String procedure, String codePrefix, int n, Instant at, int value) {
        long officeId = f.value(Long.class, "SELECT id FROM office WHERE code = ?", office);
        List<String> receipts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String code = codePrefix + i;
            f.officer(officeId, code, "Cán bộ " + code);
            String receipt = "20260%02d%04d".formatted(Math.abs(codePrefix.hashCode()) % 100, 100 + i);
            f.registry.upsert(new DossierData(new ReceiptNumber(receipt), procedure, office, code, "Người nộp",
                    applicantOf(receipt), at, at.plus(java.time.Duration.ofDays(30)), null, "IN_PROGRESS"));
            f.ratings.record(new RatingSubmission(null, f.value(Long.class,
                    "SELECT id FROM dossier WHERE receipt_no = ?", receipt), null, "ATTITUDE", value,
                    applicantOf(receipt), at, RatingSubmission.Channel.PHONE));
            receipts.add(receipt);
        }
        return receipts;
    }

    static String applicantOf(String receipt) {
        return "09" + receipt.substring(receipt.length() - 8);
    }

    /** A subject marked again after the refresh read its mark keeps it: the refresh's clearing leaves it. */
    @Test
    void aMarkMadeAgainAfterTheRefreshReadItIsKept() {
        rate("ATTITUDE", 5, APPLICANT, at("2026-09-10"));
        RatingReceipt held = rate("ATTITUDE", 1, "0900000001", at("2026-09-11"));
        f.maintenance.snapshot(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-30"));
        assertThat(f.reviews.review(held.ratingId(), true, null)).isEqualTo(RatingReview.Result.COUNTED);
        StaleSnapshots stale = new StaleSnapshots(f.dsl, f.properties.zone());
        List<StaleSnapshots.SubjectMarks> read = stale.endedSubjects(LocalDate.parse("2026-11-20"));
        StaleSnapshots.SubjectMarks month = read.stream().filter(m -> m.period().kind() == Period.Kind.MONTH)
                .findFirst().orElseThrow();
        assertThat(month.marks()).hasSize(5);

        // Another change marks the counter officer's September again, then the refresh clears what it read.
        f.dsl.execute("UPDATE score_snapshot_stale_subject SET marked_at = clock_timestamp() "
                + "WHERE period_kind = 'MONTH' AND subject_type = 'OFFICER'");
        stale.clear(month);
        assertThat(f.strings("SELECT subject_type FROM score_snapshot_stale_subject WHERE period_kind = 'MONTH'"))
                .containsExactly("OFFICER");
    }

    /** Every snapshot row's figures (all but the time it was computed), in one order. */
    /** The snapshot rows computed after {@code time}, as "type code kind start". */
    List<String> takenSince(String time) {
        return f.strings("""
                SELECT s.subject_type || ' ' || coalesce(o.code, u.code, fo.code, fi.code) || ' ' || s.period_kind
                       || ' ' || s.period_start
                FROM score_snapshot s
                LEFT JOIN officer o ON s.subject_type = 'OFFICER' AND o.id = s.subject_id
                LEFT JOIN admin_unit u ON s.subject_type = 'UNIT' AND u.id = s.subject_id
                LEFT JOIN office fo ON s.subject_type = 'OFFICE' AND fo.id = s.subject_id
                LEFT JOIN procedure_field fi ON s.subject_type = 'FIELD' AND fi.id = s.subject_id
                WHERE s.computed_at > ?::timestamptz ORDER BY 1""", time);
    }

    List<String> snapshotRows() {
        return f.strings("""
                SELECT concat_ws(' ', subject_type, subject_id, period_kind, period_start, ratings, satisfaction,
                       satisfaction_low, satisfaction_high, satisfied_share, stages_finished, on_time_rate, complaints,
                       harassment, composite)
                FROM score_snapshot ORDER BY subject_type, subject_id, period_kind, period_start""");
    }

    RatingReceipt rate(String criterion, int value, String caller, Instant at) {
        return f.ratings.record(new RatingSubmission(null, f.value(Long.class, "SELECT id FROM dossier WHERE receipt_no = '2026000801'"), null,
                criterion, value, caller, at, RatingSubmission.Channel.PHONE));
    }
}
