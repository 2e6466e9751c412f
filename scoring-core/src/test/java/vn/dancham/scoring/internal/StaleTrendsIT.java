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
        assertThat(f.value(Integer.class, "SELECT count(*) FROM score_snapshot_stale")).isZero();
    }

    RatingReceipt rate(String criterion, int value, String caller, Instant at) {
        return f.ratings.record(new RatingSubmission(null, f.value(Long.class, "SELECT id FROM dossier"), null,
                criterion, value, caller, at, RatingSubmission.Channel.PHONE));
    }
}
