package vn.dancham.organisation;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancham.db.HotSql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static vn.dancham.db.jooq.Tables.ADMIN_UNIT;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.OFFICER;
import static vn.dancham.db.jooq.Tables.OFFICER_WORK;

/**
 * Administrative units, offices and officers: the one place that reads and writes those tables. Writes are
 * idempotent upserts keyed by code, so CSV re-imports and repeated REST pushes change nothing. A write that changes
 * where an officer or an office belongs (or a name shown with scores) tells {@link OrganisationChanges} in its own
 * transaction.
 */
@Service
public class Organisation {

    private final DSLContext dsl;
    private final OrganisationChanges changes;
    /**
     * {@link #officeByDialCode}, read on a caller's time: written with the DSL and rendered once, so a call only
     * binds it (HotSql), as the hotline's other statements (issue 16).
     */
    private final String officeByDialCodeSql;

    public Organisation(DSLContext dsl, OrganisationChanges changes) {
        this.dsl = dsl;
        this.changes = changes;
        this.officeByDialCodeSql = dsl.render(dsl.select(OFFICE.ID, OFFICE.UNIT_ID, OFFICE.CODE, OFFICE.DIAL_CODE,
                        OFFICE.NAME, OFFICE.KIND, OFFICE.ACTIVE)
                .from(OFFICE)
                .where(OFFICE.DIAL_CODE.eq(DSL.val("", OFFICE.DIAL_CODE)).and(OFFICE.ACTIVE.isTrue())));
    }

    public List<AdminUnit> units() {
        return dsl.selectFrom(ADMIN_UNIT).orderBy(ADMIN_UNIT.ID).fetch(Organisation::unit);
    }

    public Optional<AdminUnit> unit(long id) {
        return dsl.selectFrom(ADMIN_UNIT).where(ADMIN_UNIT.ID.eq(id)).fetchOptional(Organisation::unit);
    }

    public Optional<AdminUnit> unitByCode(String code) {
        return dsl.selectFrom(ADMIN_UNIT).where(ADMIN_UNIT.CODE.eq(code)).fetchOptional(Organisation::unit);
    }

    /** The unit and its ancestors, the unit itself first (commune → district → province). */
    public List<AdminUnit> unitPath(long unitId) {
        List<AdminUnit> path = new ArrayList<>();
        Optional<AdminUnit> current = unit(unitId);
        while (current.isPresent()) {
            path.add(current.get());
            current = current.get().parentId() == null ? Optional.empty() : unit(current.get().parentId());
        }
        return path;
    }

    /** The district an office belongs to (its unit, or the unit's parent for a commune office). */
    public Optional<AdminUnit> districtOf(long officeId) {
        return office(officeId).flatMap(o -> unitPath(o.unitId()).stream()
                .filter(u -> u.level() == AdminUnit.Level.DISTRICT)
                .findFirst());
    }

    public List<Office> offices() {
        return byName(dsl.selectFrom(OFFICE).fetch(Organisation::office), Office::name);
    }

    public List<Office> officesInUnit(long unitId) {
        return byName(dsl.selectFrom(OFFICE).where(OFFICE.UNIT_ID.eq(unitId)).fetch(Organisation::office), Office::name);
    }

    public Optional<Office> office(long id) {
        return dsl.selectFrom(OFFICE).where(OFFICE.ID.eq(id)).fetchOptional(Organisation::office);
    }

    public Optional<Office> officeByCode(String code) {
        return dsl.selectFrom(OFFICE).where(OFFICE.CODE.eq(code)).fetchOptional(Organisation::office);
    }

    /** The active office a caller chose by its short code on the keypad. */
    public Optional<Office> officeByDialCode(String dialCode) {
        if (dialCode == null) {
            return Optional.empty();
        }
        return HotSql.query(dsl, officeByDialCodeSql, rs -> rs.next()
                ? Optional.of(new Office(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Office.Kind.valueOf(rs.getString(6)), rs.getBoolean(7)))
                : Optional.<Office>empty(), dialCode);
    }

    public List<Officer> officers(long officeId) {
        return byName(selectOfficers().where(OFFICER.OFFICE_ID.eq(officeId)).fetch(Organisation::officer),
                Officer::fullName);
    }

    /** Lists people read: in Vietnamese alphabetical order ({@link VietnameseOrder}), not by code point. */
    private static <T> List<T> byName(List<T> items, java.util.function.Function<T, String> name) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(java.util.Comparator.comparing(name, VietnameseOrder.TEXT));
        return sorted;
    }

    public List<Officer> allOfficers() {
        return byName(selectOfficers().fetch(Organisation::officer), Officer::fullName);
    }

    public Optional<Officer> officer(long id) {
        return selectOfficers().where(OFFICER.ID.eq(id)).fetchOptional(Organisation::officer);
    }

    public Optional<Officer> officerByCode(String code) {
        return selectOfficers().where(OFFICER.CODE.eq(code)).fetchOptional(Organisation::officer);
    }

    /** Officers with their kind as recorded or derived from the office (the view {@code officer_work}). */
    private org.jooq.SelectOnConditionStep<Record> selectOfficers() {
        return dsl.select(OFFICER.fields()).select(OFFICER_WORK.KIND).from(OFFICER).join(OFFICER_WORK)
                .on(OFFICER_WORK.OFFICER_ID.eq(OFFICER.ID));
    }

    /** Inserts or updates a unit by code; the parent is given by code too. Returns the unit's id. */
    @Transactional
    public long saveUnit(String code, AdminUnit.Level level, String name, String parentCode) {
        Long parentId = parentCode == null ? null : unitByCode(parentCode)
                .orElseThrow(() -> new IllegalArgumentException("Unknown parent unit " + parentCode)).id();
        Optional<AdminUnit> before = dsl.selectFrom(ADMIN_UNIT).where(ADMIN_UNIT.CODE.eq(code)).forUpdate()
                .fetchOptional(Organisation::unit);
        long id = dsl.insertInto(ADMIN_UNIT)
                .set(ADMIN_UNIT.CODE, code).set(ADMIN_UNIT.LEVEL, level.name()).set(ADMIN_UNIT.NAME, name)
                .set(ADMIN_UNIT.PARENT_ID, parentId)
                .onConflict(ADMIN_UNIT.CODE).doUpdate()
                .set(ADMIN_UNIT.LEVEL, level.name()).set(ADMIN_UNIT.NAME, name).set(ADMIN_UNIT.PARENT_ID, parentId)
                .returning(ADMIN_UNIT.ID).fetchSingle().getId();
        if (before.isEmpty() || !before.get().equals(new AdminUnit(id, parentId, level, code, name))) {
            changes.unitsChanged();
        }
        return id;
    }

    /** Inserts or updates an office by code. Returns the office's id. */
    @Transactional
    public long saveOffice(String code, String unitCode, String dialCode, String name, Office.Kind kind,
                           boolean active) {
        long unitId = unitByCode(unitCode)
                .orElseThrow(() -> new IllegalArgumentException("Unknown unit " + unitCode)).id();
        Optional<Office> before = dsl.selectFrom(OFFICE).where(OFFICE.CODE.eq(code)).forUpdate()
                .fetchOptional(Organisation::office);
        // The dial code is the only field no league table shows or groups by.
        boolean moves = before.map(o -> o.unitId() != unitId || o.active() != active || !o.name().equals(name)
                || o.kind() != kind).orElse(true);
        if (moves && before.isPresent()) {
            // Told while the office is still in its old units: the tables of those are found from the office.
            changes.officesChanged(List.of(before.get().id()));
        }
        long id = dsl.insertInto(OFFICE)
                .set(OFFICE.CODE, code).set(OFFICE.UNIT_ID, unitId).set(OFFICE.DIAL_CODE, dialCode)
                .set(OFFICE.NAME, name).set(OFFICE.KIND, kind.name()).set(OFFICE.ACTIVE, active)
                .onConflict(OFFICE.CODE).doUpdate()
                .set(OFFICE.UNIT_ID, unitId).set(OFFICE.DIAL_CODE, dialCode).set(OFFICE.NAME, name)
                .set(OFFICE.KIND, kind.name()).set(OFFICE.ACTIVE, active)
                .returning(OFFICE.ID).fetchSingle().getId();
        if (moves) {
            changes.officesChanged(List.of(id));
        }
        return id;
    }

    /**
     * Inserts or updates an officer by staff code, keeping a kind already recorded (a new officer's kind is derived
     * from the office). Returns the officer's id.
     */
    @Transactional
    public long saveOfficer(String code, String officeCode, String fullName, String position, String phone,
                            boolean active) {
        return saveOfficer(code, officeCode, fullName, position, phone, active, null);
    }

    /**
     * Inserts or updates an officer by staff code. Returns the officer's id.
     *
     * @param kind the work they do; null keeps what is recorded (derived from the office when nothing is)
     */
    @Transactional
    public long saveOfficer(String code, String officeCode, String fullName, String position, String phone,
                            boolean active, Officer.Kind kind) {
        long officeId = officeByCode(officeCode)
                .orElseThrow(() -> new IllegalArgumentException("Unknown office " + officeCode)).id();
        String recorded = kind == null ? null : kind.name();
        var before = dsl.select(OFFICER.OFFICE_ID, OFFICER.ACTIVE, OFFICER.FULL_NAME, OFFICER.KIND).from(OFFICER)
                .where(OFFICER.CODE.eq(code)).forUpdate().fetchOne();
        // Position and phone are shown with no score; everything else moves the officer in or out of a table.
        boolean moves = before == null || before.value1() != officeId || before.value2() != active
                || !before.value3().equals(fullName) || (recorded != null && !recorded.equals(before.value4()));
        long id = dsl.insertInto(OFFICER)
                .set(OFFICER.CODE, code).set(OFFICER.OFFICE_ID, officeId).set(OFFICER.FULL_NAME, fullName)
                .set(OFFICER.POSITION, position).set(OFFICER.PHONE, phone).set(OFFICER.ACTIVE, active)
                .set(OFFICER.KIND, recorded)
                .onConflict(OFFICER.CODE).doUpdate()
                .set(OFFICER.OFFICE_ID, officeId).set(OFFICER.FULL_NAME, fullName)
                .set(OFFICER.POSITION, position).set(OFFICER.PHONE, phone).set(OFFICER.ACTIVE, active)
                .set(OFFICER.KIND, org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.val(recorded), OFFICER.KIND))
                .returning(OFFICER.ID).fetchSingle().getId();
        if (moves) {
            // Both places: the office left (and its units) and the office joined.
            Set<Long> offices = new LinkedHashSet<>();
            if (before != null) {
                offices.add(before.value1());
            }
            offices.add(officeId);
            changes.officesChanged(offices);
        }
        return id;
    }

    private static AdminUnit unit(Record r) {
        return new AdminUnit(r.get(ADMIN_UNIT.ID), r.get(ADMIN_UNIT.PARENT_ID),
                AdminUnit.Level.valueOf(r.get(ADMIN_UNIT.LEVEL)), r.get(ADMIN_UNIT.CODE), r.get(ADMIN_UNIT.NAME));
    }

    private static Office office(Record r) {
        return new Office(r.get(OFFICE.ID), r.get(OFFICE.UNIT_ID), r.get(OFFICE.CODE), r.get(OFFICE.DIAL_CODE),
                r.get(OFFICE.NAME), Office.Kind.valueOf(r.get(OFFICE.KIND)), r.get(OFFICE.ACTIVE));
    }

    private static Officer officer(Record r) {
        return new Officer(r.get(OFFICER.ID), r.get(OFFICER.OFFICE_ID), r.get(OFFICER.CODE),
                r.get(OFFICER.FULL_NAME), r.get(OFFICER.POSITION), r.get(OFFICER.PHONE), r.get(OFFICER.ACTIVE),
                Officer.Kind.valueOf(r.get(OFFICER_WORK.KIND)));
    }
}
