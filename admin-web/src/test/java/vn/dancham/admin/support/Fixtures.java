package vn.dancham.admin.support;

import org.springframework.stereotype.Component;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.dossier.UpsertResult;
import vn.dancham.organisation.AdminUnit;
import vn.dancham.organisation.Office;
import vn.dancham.organisation.Organisation;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Test data through the real APIs, with unique codes so tests sharing one database never collide. */
public final class Fixtures {

    private static final AtomicInteger dial = new AtomicInteger((int) (System.nanoTime() % 400000) + 500000);

    /** A district with a one-stop office, a specialist office, an officer in each and one procedure. */
    public record Place(String s, long districtId, long counterOfficeId, String counterOfficeCode, long deptOfficeId,
                        String deptOfficeCode, long counterOfficerId, String counterOfficerCode,
                        long specialistId, String specialistCode, String procedureCode) {

        /**
         * The applicant phone of this place's dossiers, its own (tests share one database, and one number rating
         * many places' dossiers would look like a burst to the eligibility rules).
         */
        public String applicantPhone() {
            return "0912" + String.format("%06d", Long.parseLong(s, 16) % 1_000_000);
        }
    }

    private Fixtures() {
    }

    public static Place place(Organisation organisation, Procedures procedures) {
        String s = UUID.randomUUID().toString().substring(0, 8);
        organisation.saveUnit("FP" + s, AdminUnit.Level.PROVINCE, "Tỉnh " + s, null);
        long district = organisation.saveUnit("FD" + s, AdminUnit.Level.DISTRICT, "Huyện " + s, "FP" + s);
        long counter = organisation.saveOffice("FC" + s, "FD" + s, nextDial(), "Bộ phận một cửa " + s, Office.Kind.ONE_STOP, true);
        long dept = organisation.saveOffice("FT" + s, "FD" + s, nextDial(), "Phòng Tài nguyên " + s, Office.Kind.DEPARTMENT, true);
        long counterOfficer = organisation.saveOfficer("FO" + s, "FC" + s, "Lê Thị Quầy " + s, "Chuyên viên một cửa", null, true);
        long specialist = organisation.saveOfficer("FS" + s, "FT" + s, "Phạm Văn Chậm " + s, "Chuyên viên", null, true);
        procedures.saveField("FF" + s, "Đất đai " + s);
        procedures.saveProcedure("FPR" + s, "FF" + s, "Đăng ký biến động đất " + s, 10, true);
        return new Place(s, district, counter, "FC" + s, dept, "FT" + s, counterOfficer, "FO" + s, specialist, "FS" + s,
                "FPR" + s);
    }

    /** A receipt number nobody else uses. */
    public static String receipt() {
        return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 9_000_000_000L + 1_000_000_000L);
    }

    /**
     * A dossier received at the counter and still open, with two stages: reception (on time) and appraisal by the
     * specialist, three and a half days past its due time (four days late, as days late are rounded up).
     */
    public static String lateDossier(DossierRegistry registry, Place p, Instant now) {
        return lateDossier(registry, p, now, receipt());
    }

    /** {@link #lateDossier(DossierRegistry, Place, Instant)} under a receipt number chosen before. */
    public static String lateDossier(DossierRegistry registry, Place p, Instant now, String receipt) {
        ReceiptNumber r = new ReceiptNumber(receipt);
        Instant received = now.minusSeconds(10 * 86400);
        assertThat(registry.upsert(new DossierData(r, p.procedureCode(), p.counterOfficeCode(), p.counterOfficerCode(),
                "Nguyễn Văn Dân", p.applicantPhone(), received, now.minusSeconds(86400), null, "IN_PROGRESS")).accepted()).isTrue();
        assertThat(registry.upsertStage(new StageData(r, 1, p.counterOfficeCode(), p.counterOfficerCode(), "Tiếp nhận",
                received, received.plusSeconds(86400), received.plusSeconds(3600))).accepted()).isTrue();
        UpsertResult stage2 = registry.upsertStage(new StageData(r, 2, p.deptOfficeCode(), p.specialistCode(), "Thẩm định",
                received.plusSeconds(3600), now.minusSeconds(3 * 86400 + 43200), null));
        assertThat(stage2.accepted()).as(stage2.problems().toString()).isTrue();
        return receipt;
    }

    private static String nextDial() {
        return String.valueOf(dial.incrementAndGet() % 1_000_000);
    }
}
