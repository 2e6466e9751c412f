package vn.dancham.admin.hotline;

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

/** The smallest organisation a hotline call needs: one office, one officer, one dossier in progress with one stage. */
final class HotlineFixtures {

    private HotlineFixtures() {
    }

    /** @return the dossier's receipt number; {@code tag} keeps codes unique between tests (at least 6 characters). */
    static String oneDossier(DSLContext dsl, String tag, String applicant) {
        long province = dsl.insertInto(ADMIN_UNIT).set(ADMIN_UNIT.LEVEL, "PROVINCE").set(ADMIN_UNIT.CODE, "P" + tag)
                .set(ADMIN_UNIT.NAME, "tỉnh Quảng Trị " + tag).returning(ADMIN_UNIT.ID).fetchSingle().getId();
        long office = dsl.insertInto(OFFICE).set(OFFICE.UNIT_ID, province).set(OFFICE.CODE, "1C" + tag)
                .set(OFFICE.DIAL_CODE, tag.substring(0, 6)).set(OFFICE.NAME, "Bộ phận một cửa " + tag)
                .set(OFFICE.KIND, "ONE_STOP").returning(OFFICE.ID).fetchSingle().getId();
        long officer = dsl.insertInto(OFFICER).set(OFFICER.OFFICE_ID, office).set(OFFICER.CODE, "O" + tag)
                .set(OFFICER.FULL_NAME, "Nguyễn Văn An").set(OFFICER.POSITION, "Chuyên viên")
                .returning(OFFICER.ID).fetchSingle().getId();
        long field = dsl.insertInto(PROCEDURE_FIELD).set(PROCEDURE_FIELD.CODE, "F" + tag)
                .set(PROCEDURE_FIELD.NAME, "Đất đai").returning(PROCEDURE_FIELD.ID).fetchSingle().getId();
        long procedure = dsl.insertInto(PROCEDURE).set(PROCEDURE.FIELD_ID, field).set(PROCEDURE.CODE, "PR" + tag)
                .set(PROCEDURE.NAME, "Cấp giấy chứng nhận quyền sử dụng đất").set(PROCEDURE.LEGAL_DAYS, 30)
                .returning(PROCEDURE.ID).fetchSingle().getId();
        Instant now = Instant.now();
        String receipt = "2026" + tag;
        long dossier = dsl.insertInto(DOSSIER).set(DOSSIER.RECEIPT_NO, receipt).set(DOSSIER.PROCEDURE_ID, procedure)
                .set(DOSSIER.RECEIVING_OFFICE_ID, office).set(DOSSIER.RECEIVING_OFFICER_ID, officer)
                .set(DOSSIER.APPLICANT_NAME, "Trần Thị Bình").set(DOSSIER.APPLICANT_PHONE, applicant)
                .set(DOSSIER.RECEIVED_AT, at(now.minus(10, ChronoUnit.DAYS)))
                .set(DOSSIER.DUE_AT, at(now.plus(5, ChronoUnit.DAYS))).set(DOSSIER.STATUS, "IN_PROGRESS")
                .returning(DOSSIER.ID).fetchSingle().getId();
        dsl.insertInto(DOSSIER_STAGE).set(DOSSIER_STAGE.DOSSIER_ID, dossier).set(DOSSIER_STAGE.SEQ, 1)
                .set(DOSSIER_STAGE.OFFICE_ID, office).set(DOSSIER_STAGE.OFFICER_ID, officer)
                .set(DOSSIER_STAGE.NAME, "Tiếp nhận").set(DOSSIER_STAGE.STARTED_AT, at(now.minus(10, ChronoUnit.DAYS)))
                .set(DOSSIER_STAGE.DUE_AT, at(now.plus(5, ChronoUnit.DAYS))).execute();
        return receipt;
    }

    private static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
