package vn.dancham.escalation;

import org.jooq.DSLContext;

import static vn.dancham.db.jooq.Tables.ADMIN_UNIT;
import static vn.dancham.db.jooq.Tables.DUTY_SHIFT;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.OFFICER;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A small province for tests: Quảng Trị with the district Gio Linh, its commune Gio Mỹ, the district's one-stop
 * office and a commune office, and one officer at the one-stop office.
 */
public record OrgFixture(long province, long district, long commune, long oneStopOffice, long communeOffice,
                         long officer) {

    public static OrgFixture create(DSLContext dsl) {
        long province = dsl.insertInto(ADMIN_UNIT).set(ADMIN_UNIT.LEVEL, "PROVINCE").set(ADMIN_UNIT.CODE, "QT")
                .set(ADMIN_UNIT.NAME, "tỉnh Quảng Trị").returning(ADMIN_UNIT.ID).fetchSingle().getId();
        long district = dsl.insertInto(ADMIN_UNIT).set(ADMIN_UNIT.LEVEL, "DISTRICT").set(ADMIN_UNIT.CODE, "QT-GL")
                .set(ADMIN_UNIT.PARENT_ID, province).set(ADMIN_UNIT.NAME, "huyện Gio Linh")
                .returning(ADMIN_UNIT.ID).fetchSingle().getId();
        long commune = dsl.insertInto(ADMIN_UNIT).set(ADMIN_UNIT.LEVEL, "COMMUNE").set(ADMIN_UNIT.CODE, "QT-GL-GM")
                .set(ADMIN_UNIT.PARENT_ID, district).set(ADMIN_UNIT.NAME, "xã Gio Mỹ")
                .returning(ADMIN_UNIT.ID).fetchSingle().getId();
        long oneStop = dsl.insertInto(OFFICE).set(OFFICE.UNIT_ID, district).set(OFFICE.CODE, "GL-1CUA")
                .set(OFFICE.DIAL_CODE, "101").set(OFFICE.NAME, "Bộ phận 1 cửa huyện Gio Linh")
                .set(OFFICE.KIND, "ONE_STOP").returning(OFFICE.ID).fetchSingle().getId();
        long communeOffice = dsl.insertInto(OFFICE).set(OFFICE.UNIT_ID, commune).set(OFFICE.CODE, "GM-1CUA")
                .set(OFFICE.DIAL_CODE, "102").set(OFFICE.NAME, "Bộ phận 1 cửa xã Gio Mỹ")
                .set(OFFICE.KIND, "COMMUNE").returning(OFFICE.ID).fetchSingle().getId();
        long officer = dsl.insertInto(OFFICER).set(OFFICER.OFFICE_ID, oneStop).set(OFFICER.CODE, "GL-001")
                .set(OFFICER.FULL_NAME, "Nguyễn Văn An").set(OFFICER.POSITION, "Chuyên viên")
                .returning(OFFICER.ID).fetchSingle().getId();
        return new OrgFixture(province, district, commune, oneStop, communeOffice, officer);
    }

    /** A shift written straight to the table (the roster's own validation is tested separately). */
    public static long shift(DSLContext dsl, Long officeId, Long unitId, int level, String name, String phone,
                             Instant from, Instant to) {
        return dsl.insertInto(DUTY_SHIFT)
                .set(DUTY_SHIFT.OFFICE_ID, officeId).set(DUTY_SHIFT.ADMIN_UNIT_ID, unitId)
                .set(DUTY_SHIFT.LEVEL, (short) level).set(DUTY_SHIFT.PERSON_NAME, name).set(DUTY_SHIFT.PHONE, phone)
                .set(DUTY_SHIFT.STARTS_AT, from.atOffset(ZoneOffset.UTC)).set(DUTY_SHIFT.ENDS_AT, to.atOffset(ZoneOffset.UTC))
                .returning(DUTY_SHIFT.ID).fetchSingle().getId();
    }
}
