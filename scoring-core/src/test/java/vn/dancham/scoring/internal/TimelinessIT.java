package vn.dancham.scoring.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.scoring.DossierTimeliness;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoreExplanation;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.Subject;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On-time rates that cannot be gamed by sitting on work (issue 12): overdue stages still open count as late as of
 * the period's end, a grace period forgives minutes, and whole dossiers are counted Decision 766 style.
 */
class TimelinessIT {

    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z"); // Nov 20, 10:00 in Việt Nam
    static final Period NOVEMBER = Period.month(YearMonth.of(2026, 11));
    static final Period OCTOBER = Period.month(YearMonth.of(2026, 10));

    ScoringCoreFixture f;
    World w;

    void start(Map<String, String> settings) {
        f = ScoringCoreFixture.fresh(ScoringProperties.with(settings), NOW);
        w = World.create(f);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static Instant nov(double day) {
        return Instant.parse("2026-11-01T01:00:00Z").plus(Duration.ofMinutes(Math.round((day - 1) * 24 * 60)));
    }

    void dossier(String receipt, Instant received, Instant due, Instant returned, String status) {
        f.registry.upsert(new DossierData(new ReceiptNumber(receipt), "DD-01", "GL-1CUA", "CB-AN", "Hoàng Văn Em",
                "0912345678", received, due, returned, status));
    }

    void stage(String receipt, int seq, String office, String officer, Instant started, Instant due, Instant finished) {
        f.registry.upsertStage(new StageData(new ReceiptNumber(receipt), seq, office, officer, "Bước " + seq, started,
                due, finished));
    }

    @Test
    void anOverdueStageStillOpenCountsAsLateAsOfThePeriodEnd() {
        start(Map.of());
        // Cường finished one stage on time, and still sits on another due Nov 8 (today is Nov 20).
        dossier("2026000001", nov(1), nov(15), nov(6), "RETURNED");
        stage("2026000001", 1, "GL-DD", "CB-CUONG", nov(1), nov(5), nov(4));
        dossier("2026000002", nov(2), nov(20), null, "IN_PROGRESS");
        stage("2026000002", 1, "GL-DD", "CB-CUONG", nov(2), nov(8), null);
        // Bình holds one not due yet (Nov 25): nothing to count.
        dossier("2026000003", nov(10), nov(28), null, "IN_PROGRESS");
        stage("2026000003", 1, "GL-DD", "CB-BINH", nov(10), nov(25), null);

        var cuong = f.scores.score(Subject.officer(w.specialist2()), NOVEMBER).figures().onTime();
        // 1 on time of (1 finished + 1 overdue open) = 50 % (finishing only the on-time one used to show 100 %).
        assertThat(cuong.value()).isEqualByComparingTo("50.00");
        assertThat(cuong.sampleSize()).isEqualTo(2);
        assertThat(f.scores.score(Subject.office(w.landOffice()), NOVEMBER).figures().onTime().value())
                .isEqualByComparingTo("50.00");
        assertThat(f.scores.score(Subject.officer(w.specialist()), NOVEMBER).figures().onTime().present()).isFalse();
        assertThat(f.scores.score(Subject.officer(w.specialist2()), OCTOBER).figures().onTime().present())
                .as("not started in October").isFalse();
        ScoreExplanation e = f.scores.explain(Subject.officer(w.specialist2()), NOVEMBER, 10);
        assertThat(e.stages()).first().satisfies(s -> {
            assertThat(s.finishedAt()).isNull();
            assertThat(s.late()).isTrue();
            assertThat(s.lateBy()).isEqualTo(Duration.between(nov(8), NOW));
        });
        assertThat(e.stages()).hasSize(2);

        // Finishing it late on Nov 21 keeps November at 50 % (judged at its end, it was overdue and open).
        f.clock.set(Instant.parse("2026-12-02T03:00:00Z"));
        stage("2026000002", 1, "GL-DD", "CB-CUONG", nov(2), nov(8), nov(21));
        assertThat(f.scores.score(Subject.officer(w.specialist2()), NOVEMBER).figures().onTime().value())
                .isEqualByComparingTo("50.00");
    }

    @Test
    void aStageFinishedWithinTheGracePeriodIsOnTime() {
        start(Map.of("fairness.late-grace", "6h"));
        dossier("2026000001", nov(1), nov(15), nov(6), "RETURNED");
        stage("2026000001", 1, "GL-DD", "CB-CUONG", nov(1), nov(5), nov(5).plus(Duration.ofHours(4)));
        stage("2026000001", 2, "GL-DD", "CB-CUONG", nov(5.5), nov(5.6), nov(5.6).plus(Duration.ofHours(8)));
        var onTime = f.scores.score(Subject.officer(w.specialist2()), NOVEMBER).figures().onTime();
        // 4 h late is within the 6 h grace; 8 h late is not: 1 of 2.
        assertThat(onTime.value()).isEqualByComparingTo("50.00");
        assertThat(f.scores.explain(Subject.officer(w.specialist2()), NOVEMBER, 10).stages())
                .extracting(ScoreExplanation.StageItem::late).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void withoutGraceEveryMinuteLateIsLate() {
        start(Map.of());
        dossier("2026000001", nov(1), nov(15), nov(6), "RETURNED");
        stage("2026000001", 1, "GL-DD", "CB-CUONG", nov(1), nov(5), nov(5).plus(Duration.ofHours(4)));
        assertThat(f.scores.score(Subject.officer(w.specialist2()), NOVEMBER).figures().onTime().value())
                .isEqualByComparingTo("0.00");
    }

    @Test
    void dossiersAreCountedDecision766StyleWithOverdueUnreturnedOnesLate() {
        start(Map.of());
        dossier("2026000001", nov(1), nov(10), nov(5), "RETURNED");                          // early
        dossier("2026000002", nov(1), nov(10), nov(12), "RETURNED");                         // late
        dossier("2026000003", nov(1), nov(10.2), nov(10), "RETURNED");                       // on its due day
        dossier("2026000004", nov(1), nov(15), null, "IN_PROGRESS");                         // overdue, open
        dossier("2026000005", nov(1), nov(25), null, "IN_PROGRESS");                         // not due yet
        dossier("2026000006", nov(1), nov(12), null, "WITHDRAWN");                           // withdrawn
        dossier("2026000007", nov(1), nov(12), null, "SUPPLEMENT_REQUESTED");                // clock stopped

        DossierTimeliness office = f.scores.dossierTimeliness(Subject.office(w.counterOffice()), NOVEMBER);
        assertThat(office.returned()).isEqualTo(3);
        assertThat(office.returnedOnTime()).isEqualTo(2);
        assertThat(office.returnedEarly()).isEqualTo(1);
        assertThat(office.overdueOpen()).isEqualTo(1);
        // 2 on time of 3 returned + 1 overdue = 50 %; 1 early of 3 returned = 33.33 %.
        assertThat(office.onTimeRate().value()).isEqualByComparingTo("50.00");
        assertThat(office.onTimeRate().sampleSize()).isEqualTo(4);
        assertThat(office.earlyShare().value()).isEqualByComparingTo("33.33");
        // Wilson 90 % for 2 of 4 (z² = 2.7057): centre (0.5 + 0.3382)/1.6764 = 0.5,
        // half 1.6449·√(0.0625 + 0.0423)/1.6764 = 0.3176.
        assertThat(office.onTimeRate().low()).isEqualByComparingTo("18.24");
        assertThat(office.onTimeRate().high()).isEqualByComparingTo("81.76");
        assertThat(f.scores.dossierTimeliness(Subject.unit(w.gioLinh()), NOVEMBER)).satisfies(d -> {
            assertThat(d.returned()).isEqualTo(3);
            assertThat(d.overdueOpen()).isEqualTo(1);
        });
        assertThat(f.scores.dossierTimeliness(Subject.office(w.landOffice()), NOVEMBER).onTimeRate().present())
                .as("the land office received none").isFalse();
    }
}
