package vn.dancham.dossier.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.dossier.DossierTimeline;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.dossier.UpsertResult;
import vn.dancham.dossier.UpsertResult.Outcome;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DossierRegistryIT {

    static final Instant T0 = Instant.parse("2026-11-02T01:00:00Z");
    static final ReceiptNumber RECEIPT = new ReceiptNumber("2026001234");

    ScoringCoreFixture f;
    World w;

    @BeforeEach
    void setUp() {
        f = ScoringCoreFixture.fresh();
        w = World.create(f);
        f.clock.set(day(20));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static Instant day(double d) {
        return T0.plus(Duration.ofMinutes(Math.round(d * 24 * 60)));
    }

    static DossierData dossier(String status, Instant returnedAt) {
        return new DossierData(RECEIPT, "DD-01", "GL-1CUA", "CB-AN", "Hoàng Văn Em", "+84 912 345 678",
                day(0), day(10), returnedAt, status);
    }

    @Test
    void upsertIsIdempotentAndReportsWhatItDid() {
        UpsertResult created = f.registry.upsert(dossier("IN_PROGRESS", null));
        assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(f.registry.upsert(dossier("IN_PROGRESS", null)))
                .isEqualTo(UpsertResult.of(Outcome.UNCHANGED, created.id()));
        assertThat(f.registry.upsert(dossier("RETURNED", day(9))))
                .isEqualTo(UpsertResult.of(Outcome.UPDATED, created.id()));
        assertThat(f.value(String.class, "SELECT applicant_phone FROM dossier WHERE id = ?", created.id()))
                .isEqualTo("0912345678");
    }

    @Test
    void badInputIsRejectedWithEveryProblemAndNothingWritten() {
        UpsertResult result = f.registry.upsert(new DossierData(RECEIPT, "NO-SUCH", "GL-1CUA", "CB-NOBODY", " ",
                "12ab", day(5), day(1), null, "RETURNED"));
        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.problems()).extracting(UpsertResult.Problem::field).containsExactlyInAnyOrder(
                "procedureCode", "receivingOfficerCode", "applicantName", "applicantPhone", "dueAt", "returnedAt");
        // Codes and arguments, no words: the admin web renders them in the reader's language.
        assertThat(result.problems()).extracting(UpsertResult.Problem::code).containsExactlyInAnyOrder(
                "PROCEDURE_UNKNOWN", "OFFICER_UNKNOWN", "APPLICANT_NAME_MISSING", "APPLICANT_PHONE_INVALID",
                "DUE_BEFORE_RECEIVED", "RETURNED_AT_MATCHES_STATUS");
        assertThat(result.problems()).filteredOn(p -> p.code().equals("PROCEDURE_UNKNOWN"))
                .extracting(UpsertResult.Problem::args).containsExactly(java.util.List.of("NO-SUCH"));
        assertThat(f.dsl.fetchCount(f.dsl.selectFrom("dossier"))).isZero();

        UpsertResult stage = f.registry.upsertStage(new StageData(RECEIPT, 1, "GL-1CUA", null, "Tiếp nhận",
                day(0), day(1), null));
        assertThat(stage.problems()).extracting(UpsertResult.Problem::field).containsExactly("receipt");
        assertThat(stage.problems()).extracting(UpsertResult.Problem::code).containsExactly("DOSSIER_UNKNOWN");
    }

    @Test
    void timelineTellsWhoHeldTheDossierHowLongAndWhichStageMadeItLate() {
        f.registry.upsert(dossier("IN_PROGRESS", null));
        f.registry.upsertStage(new StageData(RECEIPT, 1, "GL-1CUA", "CB-AN", "Tiếp nhận", day(0), day(1), day(0.5)));
        f.registry.upsertStage(new StageData(RECEIPT, 2, "GL-DD", "CB-BINH", "Thẩm định", day(0.5), day(6), day(13)));
        f.registry.upsertStage(new StageData(RECEIPT, 3, "GL-DD", "CB-CUONG", "Trình ký", day(13), day(15), null));

        DossierTimeline timeline = f.dossiers.timeline(RECEIPT).orElseThrow();
        assertThat(timeline.stages()).extracting(DossierTimeline.Stage::officerName)
                .containsExactly("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường");
        assertThat(timeline.stages()).extracting(DossierTimeline.Stage::daysHeld).containsExactly(0L, 12L, 7L);
        assertThat(timeline.stages()).extracting(DossierTimeline.Stage::daysLate).containsExactly(0L, 7L, 5L);
        assertThat(timeline.culpritSeq()).contains(2);

        DossierStatus status = f.dossiers.status(RECEIPT).orElseThrow();
        assertThat(status.late()).isTrue();
        assertThat(status.currentStage()).map(DossierStatus.CurrentStage::officerName).contains("Lê Văn Cường");
        assertThat(status.procedureName()).isEqualTo("Cấp giấy chứng nhận quyền sử dụng đất");
        assertThat(f.dossiers.status(new ReceiptNumber("9999"))).isEmpty();
    }

    @Test
    void stageAggregatesFollowEveryChangeOfAStage() {
        f.registry.upsert(dossier("IN_PROGRESS", null));
        f.registry.upsertStage(new StageData(RECEIPT, 2, "GL-DD", "CB-BINH", "Thẩm định", day(1), day(6), null));
        assertThat(stageDaily("OFFICER", w.specialist())).isEmpty();

        f.registry.upsertStage(new StageData(RECEIPT, 2, "GL-DD", "CB-BINH", "Thẩm định", day(1), day(6), day(8)));
        // finished 2 days after its due: 1 finished, 1 late, held 7 days, late 2 days.
        assertThat(stageDaily("OFFICER", w.specialist())).containsExactly(List.of(1L, 1L, 7 * 86400L, 2 * 86400L));
        assertThat(stageDaily("UNIT", w.province())).containsExactly(List.of(1L, 1L, 7 * 86400L, 2 * 86400L));
        assertThat(stageDaily("FIELD", w.landField())).containsExactly(List.of(1L, 1L, 7 * 86400L, 2 * 86400L));

        // The one-stop system corrects it: the other specialist held it, on time.
        f.registry.upsertStage(new StageData(RECEIPT, 2, "GL-DD", "CB-CUONG", "Thẩm định", day(1), day(6), day(5)));
        assertThat(stageDaily("OFFICER", w.specialist())).isEmpty();
        assertThat(stageDaily("OFFICER", w.specialist2())).containsExactly(List.of(1L, 0L, 4 * 86400L, 0L));

        // Moving the dossier to another procedure field moves its stage to that field.
        f.registry.upsert(new DossierData(RECEIPT, "HT-01", "GL-1CUA", "CB-AN", "Hoàng Văn Em", "0912345678",
                day(0), day(10), null, "IN_PROGRESS"));
        assertThat(stageDaily("FIELD", w.landField())).isEmpty();
        assertThat(stageDaily("FIELD", w.civilField())).containsExactly(List.of(1L, 0L, 4 * 86400L, 0L));
    }

    List<List<Long>> stageDaily(String type, long id) {
        return f.dsl.fetch("SELECT finished, late, held_seconds, late_seconds FROM stage_daily "
                        + "WHERE subject_type = ? AND subject_id = ? AND finished <> 0 ORDER BY day", type, id)
                .map(r -> List.of(r.get(0, Long.class), r.get(1, Long.class), r.get(2, Long.class),
                        r.get(3, Long.class)));
    }
}
