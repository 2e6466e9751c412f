package vn.dancham.admin.support;

import org.jooq.DSLContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static vn.dancham.db.jooq.Tables.ADMIN_UNIT;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.DOSSIER_STAGE;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.OFFICER;
import static vn.dancham.db.jooq.Tables.PROCEDURE;
import static vn.dancham.db.jooq.Tables.PROCEDURE_FIELD;

/**
 * The smallest organisation a hotline or SMS test needs, written straight to the tables (where {@link Fixtures}
 * goes through the APIs): a province, a district in it, the district's one-stop office with one officer, and one
 * procedure. Straight rows because these tests start the whole application and only need the rows a call reads.
 */
public final class OneStopRows {

    /**
     * @param tag      what keeps this place's codes unique between tests sharing one database (≥ 6 digits)
     * @param dialCode the office's code on the hotline (the tag's first six digits)
     */
    public record Place(String tag, long districtId, long officeId, String dialCode, long officerId, long procedureId) {

        /** An open dossier received at the office by its officer, due at {@code due}; returns its id. */
        public long openDossier(DSLContext dsl, String receipt, String applicantPhone, Instant received, Instant due) {
            return dsl.insertInto(DOSSIER).set(DOSSIER.RECEIPT_NO, receipt).set(DOSSIER.PROCEDURE_ID, procedureId)
                    .set(DOSSIER.RECEIVING_OFFICE_ID, officeId).set(DOSSIER.RECEIVING_OFFICER_ID, officerId)
                    .set(DOSSIER.APPLICANT_NAME, "Trần Thị Bình").set(DOSSIER.APPLICANT_PHONE, applicantPhone)
                    .set(DOSSIER.RECEIVED_AT, at(received)).set(DOSSIER.DUE_AT, at(due))
                    .set(DOSSIER.STATUS, "IN_PROGRESS").returning(DOSSIER.ID).fetchSingle().getId();
        }

        /** The dossier's reception stage at this office, by its officer, open since {@code started}. */
        public void receptionStage(DSLContext dsl, long dossierId, Instant started, Instant due) {
            dsl.insertInto(DOSSIER_STAGE).set(DOSSIER_STAGE.DOSSIER_ID, dossierId).set(DOSSIER_STAGE.SEQ, 1)
                    .set(DOSSIER_STAGE.OFFICE_ID, officeId).set(DOSSIER_STAGE.OFFICER_ID, officerId)
                    .set(DOSSIER_STAGE.NAME, "Tiếp nhận").set(DOSSIER_STAGE.STARTED_AT, at(started))
                    .set(DOSSIER_STAGE.DUE_AT, at(due)).execute();
        }
    }

    private OneStopRows() {
    }

    /** A place whose one-stop office is called {@code officeName} and whose procedure takes {@code legalDays}. */
    public static Place place(DSLContext dsl, String tag, String officeName, int legalDays) {
        long province = dsl.insertInto(ADMIN_UNIT).set(ADMIN_UNIT.LEVEL, "PROVINCE").set(ADMIN_UNIT.CODE, "P" + tag)
                .set(ADMIN_UNIT.NAME, "tỉnh Quảng Trị").returning(ADMIN_UNIT.ID).fetchSingle().getId();
        long district = dsl.insertInto(ADMIN_UNIT).set(ADMIN_UNIT.LEVEL, "DISTRICT").set(ADMIN_UNIT.CODE, "D" + tag)
                .set(ADMIN_UNIT.PARENT_ID, province).set(ADMIN_UNIT.NAME, "huyện Gio Linh")
                .returning(ADMIN_UNIT.ID).fetchSingle().getId();
        String dialCode = tag.substring(0, 6);
        long office = dsl.insertInto(OFFICE).set(OFFICE.UNIT_ID, district).set(OFFICE.CODE, "1C" + tag)
                .set(OFFICE.DIAL_CODE, dialCode).set(OFFICE.NAME, officeName).set(OFFICE.KIND, "ONE_STOP")
                .returning(OFFICE.ID).fetchSingle().getId();
        long officer = dsl.insertInto(OFFICER).set(OFFICER.OFFICE_ID, office).set(OFFICER.CODE, "O" + tag)
                .set(OFFICER.FULL_NAME, "Nguyễn Văn An").set(OFFICER.POSITION, "Chuyên viên")
                .returning(OFFICER.ID).fetchSingle().getId();
        long field = dsl.insertInto(PROCEDURE_FIELD).set(PROCEDURE_FIELD.CODE, "F" + tag)
                .set(PROCEDURE_FIELD.NAME, "Đất đai").returning(PROCEDURE_FIELD.ID).fetchSingle().getId();
        long procedure = dsl.insertInto(PROCEDURE).set(PROCEDURE.FIELD_ID, field).set(PROCEDURE.CODE, "PR" + tag)
                .set(PROCEDURE.NAME, "Cấp giấy chứng nhận quyền sử dụng đất").set(PROCEDURE.LEGAL_DAYS, legalDays)
                .returning(PROCEDURE.ID).fetchSingle().getId();
        return new Place(tag, district, office, dialCode, officer, procedure);
    }

    /**
     * A place with one open dossier (received ten days ago, due in five, its reception stage open), applied for
     * from {@code applicantPhone}; returns the dossier's receipt number, {@code "2026" + tag}.
     */
    public static String oneDossier(DSLContext dsl, String tag, String applicantPhone) {
        Place place = place(dsl, tag, "Bộ phận một cửa " + tag, 30);
        Instant now = Instant.now();
        String receipt = "2026" + tag;
        long dossier = place.openDossier(dsl, receipt, applicantPhone, now.minus(10, ChronoUnit.DAYS),
                now.plus(5, ChronoUnit.DAYS));
        place.receptionStage(dsl, dossier, now.minus(10, ChronoUnit.DAYS), now.plus(5, ChronoUnit.DAYS));
        return receipt;
    }

    public static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
