package vn.dancham.escalation.roster;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import vn.dancham.db.HotSql;
import vn.dancham.db.jooq.tables.AdminUnit;
import vn.dancham.db.jooq.tables.records.DutyShiftRecord;
import vn.dancham.escalation.DutyContact;
import vn.dancham.escalation.DutyRoster;
import vn.dancham.escalation.DutyShift;
import vn.dancham.escalation.DutyShiftDraft;
import vn.dancham.escalation.DutyShiftQuery;
import vn.dancham.escalation.DutyShifts;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.escalation.RosterChange;
import vn.dancham.escalation.RosterProblem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.noCondition;
import static vn.dancham.db.jooq.Tables.ADMIN_UNIT;
import static vn.dancham.db.jooq.Tables.APP_USER;
import static vn.dancham.db.jooq.Tables.DUTY_SHIFT;
import static vn.dancham.db.jooq.Tables.OFFICE;

/** The duty roster over the duty_shift table (public for wiring in tests of other escalation packages). */
@Component
public class JooqDutyRoster implements DutyRoster, DutyShifts {

    private static final AdminUnit U1 = ADMIN_UNIT.as("u1");
    private static final AdminUnit U2 = ADMIN_UNIT.as("u2");
    private static final AdminUnit U3 = ADMIN_UNIT.as("u3");

    private final DSLContext dsl;
    /**
     * The two statements of a call to the leader on duty (key 0 of the hotline's menu), written with the DSL and
     * rendered once, so a caller's time only binds them (HotSql), as the hotline's other statements (issue 16).
     */
    private final String officeChainSql;
    private final String activeShiftsSql;

    public JooqDutyRoster(DSLContext dsl) {
        this.dsl = dsl;
        this.officeChainSql = dsl.render(dsl.select(OFFICE.NAME, U1.ID, U1.NAME, U2.ID, U2.NAME, U3.ID, U3.NAME)
                .from(OFFICE)
                .join(U1).on(U1.ID.eq(OFFICE.UNIT_ID))
                .leftJoin(U2).on(U2.ID.eq(U1.PARENT_ID))
                .leftJoin(U3).on(U3.ID.eq(U2.PARENT_ID))
                .where(OFFICE.ID.eq(DSL.val(0L))));
        // The units as one array bind and the office always bound (null matches no shift): one text for every chain.
        this.activeShiftsSql = dsl.render(dsl.select(DUTY_SHIFT.ID, DUTY_SHIFT.OFFICE_ID, DUTY_SHIFT.ADMIN_UNIT_ID,
                        DUTY_SHIFT.LEVEL, DUTY_SHIFT.PERSON_NAME, DUTY_SHIFT.PHONE, DUTY_SHIFT.STARTS_AT)
                .from(DUTY_SHIFT)
                .where(DUTY_SHIFT.ADMIN_UNIT_ID.eq(DSL.any(DSL.val(new Long[0])))
                        .or(DUTY_SHIFT.OFFICE_ID.eq(DSL.val(0L))))
                .and(DUTY_SHIFT.STARTS_AT.le(DSL.val(OffsetDateTime.MIN)))
                .and(DUTY_SHIFT.ENDS_AT.gt(DSL.val(OffsetDateTime.MIN))));
    }

    @Override
    public List<DutyContact> onDuty(long officeId, Instant at) {
        List<RosterResolution.Place> chain = new ArrayList<>();
        List<Long> unitIds = new ArrayList<>();
        boolean found = HotSql.query(dsl, officeChainSql, rs -> {
            if (!rs.next()) {
                return false;
            }
            chain.add(new RosterResolution.Place(0, rs.getString(1)));
            for (int column = 2; column <= 6; column += 2) {
                long id = rs.getLong(column);
                addUnit(chain, unitIds, rs.wasNull() ? null : id, rs.getString(column + 1));
            }
            return true;
        }, officeId);
        return found ? resolve(chain, officeId, unitIds, at) : List.of();
    }

    @Override
    public List<DutyContact> onDutyForUnit(long adminUnitId, Instant at) {
        Record r = dsl.select(U1.ID, U1.NAME, U2.ID, U2.NAME, U3.ID, U3.NAME)
                .from(U1)
                .leftJoin(U2).on(U2.ID.eq(U1.PARENT_ID))
                .leftJoin(U3).on(U3.ID.eq(U2.PARENT_ID))
                .where(U1.ID.eq(adminUnitId))
                .fetchOne();
        if (r == null) {
            return List.of();
        }
        List<RosterResolution.Place> chain = new ArrayList<>();
        List<Long> unitIds = new ArrayList<>();
        // Rank 0 is reserved for an office; units start at 1 either way.
        chain.add(new RosterResolution.Place(0, ""));
        addUnit(chain, unitIds, r.get(U1.ID), r.get(U1.NAME));
        addUnit(chain, unitIds, r.get(U2.ID), r.get(U2.NAME));
        addUnit(chain, unitIds, r.get(U3.ID), r.get(U3.NAME));
        return resolve(chain, null, unitIds, at);
    }

    private static void addUnit(List<RosterResolution.Place> chain, List<Long> unitIds, Long id, String name) {
        if (id != null) {
            chain.add(new RosterResolution.Place(chain.size(), name));
            unitIds.add(id);
        }
    }

    private List<DutyContact> resolve(List<RosterResolution.Place> chain, Long officeId, List<Long> unitIds,
                                      Instant at) {
        OffsetDateTime t = utc(at);
        List<RosterResolution.ActiveShift> active = HotSql.query(dsl, activeShiftsSql, rs -> {
            List<RosterResolution.ActiveShift> shifts = new ArrayList<>();
            while (rs.next()) {
                boolean ofOffice = rs.getObject(2) != null;
                long unitId = rs.getLong(3);
                shifts.add(new RosterResolution.ActiveShift(rs.getLong(1),
                        ofOffice ? 0 : unitIds.indexOf(unitId) + 1, rs.getShort(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
            }
            return shifts;
        }, unitIds.toArray(Long[]::new), officeId, t, t);
        return RosterResolution.resolve(chain, active);
    }

    @Override
    public List<DutyShift> list(DutyShiftQuery q) {
        Condition where = noCondition();
        if (q.officeId() != null) {
            where = where.and(DUTY_SHIFT.OFFICE_ID.eq(q.officeId()));
        }
        if (q.adminUnitId() != null) {
            where = where.and(DUTY_SHIFT.ADMIN_UNIT_ID.eq(q.adminUnitId()));
        }
        if (q.from() != null) {
            where = where.and(DUTY_SHIFT.ENDS_AT.gt(utc(q.from())));
        }
        if (q.to() != null) {
            where = where.and(DUTY_SHIFT.STARTS_AT.lt(utc(q.to())));
        }
        return selectShifts(where)
                .orderBy(DUTY_SHIFT.STARTS_AT, DUTY_SHIFT.LEVEL, DUTY_SHIFT.ID)
                .limit(q.limit())
                .fetch(JooqDutyRoster::toShift);
    }

    @Override
    public Optional<DutyShift> find(long id) {
        return selectShifts(DUTY_SHIFT.ID.eq(id)).fetchOptional(JooqDutyRoster::toShift);
    }

    @Override
    public RosterChange add(DutyShiftDraft draft) {
        return dsl.transactionResult(tx -> {
            List<RosterProblem> problems = check(tx.dsl(), draft, null);
            if (!problems.isEmpty()) {
                return new RosterChange.Rejected(problems);
            }
            DutyShiftRecord rec = tx.dsl().newRecord(DUTY_SHIFT);
            fill(rec, draft);
            rec.store();
            return new RosterChange.Saved(find(tx.dsl(), rec.getId()));
        });
    }

    @Override
    public RosterChange update(long id, DutyShiftDraft draft) {
        return dsl.transactionResult(tx -> {
            DutyShiftRecord rec = tx.dsl().selectFrom(DUTY_SHIFT).where(DUTY_SHIFT.ID.eq(id)).forUpdate()
                    .fetchOne();
            if (rec == null) {
                return new RosterChange.NotFound(id);
            }
            List<RosterProblem> problems = check(tx.dsl(), draft, id);
            if (!problems.isEmpty()) {
                return new RosterChange.Rejected(problems);
            }
            fill(rec, draft);
            rec.store();
            return new RosterChange.Saved(find(tx.dsl(), id));
        });
    }

    @Override
    public RosterChange delete(long id) {
        int n = dsl.deleteFrom(DUTY_SHIFT).where(DUTY_SHIFT.ID.eq(id)).execute();
        return n == 0 ? new RosterChange.NotFound(id) : new RosterChange.Deleted(id);
    }

    private List<RosterProblem> check(DSLContext tx, DutyShiftDraft d, Long ownId) {
        List<RosterProblem> problems = new ArrayList<>(ShiftValidation.check(d));
        if (d.officeId() != null && !tx.fetchExists(OFFICE, OFFICE.ID.eq(d.officeId()))) {
            problems.add(new RosterProblem("officeId", "UNKNOWN_OFFICE"));
        }
        if (d.adminUnitId() != null && !tx.fetchExists(ADMIN_UNIT, ADMIN_UNIT.ID.eq(d.adminUnitId()))) {
            problems.add(new RosterProblem("adminUnitId", "UNKNOWN_UNIT"));
        }
        if (d.userId() != null && !tx.fetchExists(APP_USER, APP_USER.ID.eq(d.userId()))) {
            problems.add(new RosterProblem("userId", "UNKNOWN_USER"));
        }
        if (problems.isEmpty()) {
            // The same person twice in the same slot at the same time is a double entry, not a second contact.
            String phone = PhoneNumbers.toE164(d.phone()).orElseThrow();
            Condition sameSlot = (d.officeId() != null ? DUTY_SHIFT.OFFICE_ID.eq(d.officeId())
                    : DUTY_SHIFT.ADMIN_UNIT_ID.eq(d.adminUnitId()))
                    .and(DUTY_SHIFT.LEVEL.eq(d.level().shortValue()))
                    .and(DUTY_SHIFT.PHONE.eq(phone))
                    .and(DUTY_SHIFT.STARTS_AT.lt(utc(d.endsAt())))
                    .and(DUTY_SHIFT.ENDS_AT.gt(utc(d.startsAt())));
            if (ownId != null) {
                sameSlot = sameSlot.and(DUTY_SHIFT.ID.ne(ownId));
            }
            if (tx.fetchExists(DUTY_SHIFT, sameSlot)) {
                problems.add(new RosterProblem("startsAt", "OVERLAPS"));
            }
        }
        return problems;
    }

    private static void fill(DutyShiftRecord rec, DutyShiftDraft d) {
        rec.setOfficeId(d.officeId());
        rec.setAdminUnitId(d.adminUnitId());
        rec.setLevel(d.level().shortValue());
        rec.setPersonName(d.personName().strip());
        rec.setPhone(PhoneNumbers.toE164(d.phone()).orElseThrow());
        rec.setUserId(d.userId());
        rec.setStartsAt(utc(d.startsAt()));
        rec.setEndsAt(utc(d.endsAt()));
        rec.setNote(d.note() == null || d.note().isBlank() ? null : d.note().strip());
    }

    private DutyShift find(DSLContext tx, long id) {
        return selectShifts(tx, DUTY_SHIFT.ID.eq(id)).fetchSingle(JooqDutyRoster::toShift);
    }

    private org.jooq.SelectConditionStep<Record> selectShifts(Condition where) {
        return selectShifts(dsl, where);
    }

    private static org.jooq.SelectConditionStep<Record> selectShifts(DSLContext ctx, Condition where) {
        return ctx.select(DUTY_SHIFT.fields())
                .select(coalesce(OFFICE.NAME, ADMIN_UNIT.NAME).as("unit_name"))
                .from(DUTY_SHIFT)
                .leftJoin(OFFICE).on(OFFICE.ID.eq(DUTY_SHIFT.OFFICE_ID))
                .leftJoin(ADMIN_UNIT).on(ADMIN_UNIT.ID.eq(DUTY_SHIFT.ADMIN_UNIT_ID))
                .where(where);
    }

    private static DutyShift toShift(Record r) {
        return new DutyShift(r.get(DUTY_SHIFT.ID), r.get(DUTY_SHIFT.OFFICE_ID), r.get(DUTY_SHIFT.ADMIN_UNIT_ID),
                r.get("unit_name", String.class), r.get(DUTY_SHIFT.LEVEL), r.get(DUTY_SHIFT.PERSON_NAME),
                r.get(DUTY_SHIFT.PHONE), r.get(DUTY_SHIFT.USER_ID), r.get(DUTY_SHIFT.STARTS_AT).toInstant(),
                r.get(DUTY_SHIFT.ENDS_AT).toInstant(), r.get(DUTY_SHIFT.NOTE));
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
