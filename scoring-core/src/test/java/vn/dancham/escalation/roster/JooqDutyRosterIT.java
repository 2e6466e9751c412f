package vn.dancham.escalation.roster;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.db.test.TestDatabase;
import vn.dancham.escalation.DutyContact;
import vn.dancham.escalation.DutyShift;
import vn.dancham.escalation.DutyShiftDraft;
import vn.dancham.escalation.DutyShiftQuery;
import vn.dancham.escalation.OrgFixture;
import vn.dancham.escalation.RosterChange;
import vn.dancham.escalation.RosterProblem;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.dancham.db.jooq.Tables.DUTY_SHIFT;
import static vn.dancham.escalation.OrgFixture.shift;

/** The duty roster on real PostgreSQL: who is on duty now, fallbacks, and managing shifts. */
class JooqDutyRosterIT {

    static final Instant NOW = Instant.parse("2026-11-22T07:05:00Z");
    static final Instant DAY_START = Instant.parse("2026-11-22T00:00:00Z");
    static final Instant DAY_END = Instant.parse("2026-11-23T00:00:00Z");

    TestDatabase db;
    OrgFixture org;
    JooqDutyRoster roster;

    @BeforeEach
    void setUp() {
        db = TestDatabase.fresh();
        org = OrgFixture.create(db.dsl());
        roster = new JooqDutyRoster(db.dsl());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void officeHeadComesFirstThenTheDistrictLeadersByLevel() {
        shift(db.dsl(), null, org.district(), 3, "Chủ tịch Lê Văn C", "+84913000003", DAY_START, DAY_END);
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Trưởng BP Trần Thị A", "+84913000001", DAY_START, DAY_END);
        shift(db.dsl(), null, org.district(), 2, "PCT Phạm Văn B", "+84913000002", DAY_START, DAY_END);

        assertThat(roster.onDuty(org.oneStopOffice(), NOW)).containsExactly(
                new DutyContact("Trưởng BP Trần Thị A", "+84913000001", 1, "Bộ phận 1 cửa huyện Gio Linh"),
                new DutyContact("PCT Phạm Văn B", "+84913000002", 2, "huyện Gio Linh"),
                new DutyContact("Chủ tịch Lê Văn C", "+84913000003", 3, "huyện Gio Linh"));
    }

    @Test
    void anEmptyOfficeSlotFallsBackToTheDistrictThenToTheProvince() {
        // Level 1 only at the district, level 2 only at the province, level 3 at both: the district's wins.
        shift(db.dsl(), null, org.district(), 1, "Trực huyện", "+84913000011", DAY_START, DAY_END);
        shift(db.dsl(), null, org.province(), 2, "Trực tỉnh", "+84913000012", DAY_START, DAY_END);
        shift(db.dsl(), null, org.province(), 3, "Chủ tịch tỉnh", "+84913000013", DAY_START, DAY_END);
        shift(db.dsl(), null, org.district(), 3, "Chủ tịch huyện", "+84913000003", DAY_START, DAY_END);

        assertThat(roster.onDuty(org.oneStopOffice(), NOW)).extracting(DutyContact::level, DutyContact::personName,
                        DutyContact::unitName)
                .containsExactly(
                        tuple(1, "Trực huyện", "huyện Gio Linh"),
                        tuple(2, "Trực tỉnh", "tỉnh Quảng Trị"),
                        tuple(3, "Chủ tịch huyện", "huyện Gio Linh"));
    }

    @Test
    void aCommuneOfficeWalksUpThroughItsCommuneAndDistrict() {
        shift(db.dsl(), null, org.commune(), 1, "Chủ tịch xã", "+84913000021", DAY_START, DAY_END);
        shift(db.dsl(), null, org.district(), 2, "PCT huyện", "+84913000002", DAY_START, DAY_END);
        // Another district's office must not leak in.
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Trưởng BP huyện", "+84913000001", DAY_START, DAY_END);

        assertThat(roster.onDuty(org.communeOffice(), NOW)).extracting(DutyContact::personName)
                .containsExactly("Chủ tịch xã", "PCT huyện");
    }

    @Test
    void shiftsStartInclusiveAndEndExclusive() {
        Instant handover = Instant.parse("2026-11-22T13:00:00Z");
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Ca sáng", "+84913000031", DAY_START, handover);
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Ca chiều", "+84913000032", handover, DAY_END);

        assertThat(roster.onDuty(org.oneStopOffice(), handover.minusNanos(1000))).extracting(DutyContact::personName)
                .containsExactly("Ca sáng");
        assertThat(roster.onDuty(org.oneStopOffice(), handover)).extracting(DutyContact::personName)
                .containsExactly("Ca chiều");
        assertThat(roster.onDuty(org.oneStopOffice(), DAY_END)).isEmpty();
    }

    @Test
    void twoPeopleOnTheSameLevelAreBothReturnedEarliestShiftFirstAndOnePersonOnlyOnce() {
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Phó BP", "+84913000042", NOW.minusSeconds(60), DAY_END);
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Trưởng BP", "+84913000041", DAY_START, DAY_END);
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Trưởng BP", "+84913000041", NOW.minusSeconds(10), DAY_END);

        assertThat(roster.onDuty(org.oneStopOffice(), NOW)).extracting(DutyContact::personName)
                .containsExactly("Trưởng BP", "Phó BP");
    }

    @Test
    void nobodyOnDutyAndUnknownOfficesGiveEmptyLists() {
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Hôm qua", "+84913000001", DAY_START.minusSeconds(86400),
                DAY_START);
        assertThat(roster.onDuty(org.oneStopOffice(), NOW)).isEmpty();
        assertThat(roster.onDuty(999_999, NOW)).isEmpty();
        assertThat(roster.onDutyForUnit(999_999, NOW)).isEmpty();
    }

    @Test
    void aUnitWithoutAnOfficeUsesItsOwnShiftsThenItsParents() {
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Trưởng BP", "+84913000001", DAY_START, DAY_END);
        shift(db.dsl(), null, org.district(), 2, "PCT huyện", "+84913000002", DAY_START, DAY_END);
        shift(db.dsl(), null, org.province(), 3, "Trực tỉnh", "+84913000013", DAY_START, DAY_END);

        assertThat(roster.onDutyForUnit(org.district(), NOW)).extracting(DutyContact::personName)
                .containsExactly("PCT huyện", "Trực tỉnh");
    }

    @Test
    void addingAShiftNormalisesThePhoneAndItIsOnDutyAtOnce() {
        RosterChange change = roster.add(new DutyShiftDraft(org.oneStopOffice(), null, 1, "  Trần Thị A ",
                "0913 000.001", null, DAY_START, DAY_END, " trực tuần "));

        assertThat(change).isInstanceOf(RosterChange.Saved.class);
        DutyShift saved = ((RosterChange.Saved) change).shift();
        assertThat(saved.personName()).isEqualTo("Trần Thị A");
        assertThat(saved.phone()).isEqualTo("+84913000001");
        assertThat(saved.unitName()).isEqualTo("Bộ phận 1 cửa huyện Gio Linh");
        assertThat(saved.note()).isEqualTo("trực tuần");
        assertThat(roster.find(saved.id())).contains(saved);
        assertThat(roster.onDuty(org.oneStopOffice(), NOW)).extracting(DutyContact::phone)
                .containsExactly("+84913000001");
    }

    @Test
    void aBadDraftIsRejectedWithEveryProblemAndNothingIsWritten() {
        RosterChange change = roster.add(new DutyShiftDraft(org.oneStopOffice(), org.district(), 12, " ",
                "12ab", null, DAY_END, DAY_START, null));

        assertThat(change).isInstanceOf(RosterChange.Rejected.class);
        assertThat(((RosterChange.Rejected) change).problems()).extracting(RosterProblem::code)
                .containsExactlyInAnyOrder("TARGET_REQUIRED", "INVALID_LEVEL", "NAME_REQUIRED", "INVALID_PHONE",
                        "END_NOT_AFTER_START");
        assertThat(db.dsl().fetchCount(DUTY_SHIFT)).isZero();
    }

    @Test
    void unknownOfficeOrUnitAndAYearLongShiftAreRejected() {
        assertThat(codes(roster.add(new DutyShiftDraft(424242L, null, 1, "A", "0913000001", null, DAY_START,
                DAY_END, null)))).containsExactly("UNKNOWN_OFFICE");
        assertThat(codes(roster.add(new DutyShiftDraft(null, 424242L, 2, "A", "0913000001", null, DAY_START,
                DAY_END, null)))).containsExactly("UNKNOWN_UNIT");
        assertThat(codes(roster.add(new DutyShiftDraft(org.oneStopOffice(), null, 1, "A", "0913000001", null,
                DAY_START, DAY_START.plus(Duration.ofDays(365)), null)))).containsExactly("SHIFT_TOO_LONG");
    }

    @Test
    void theSamePersonTwiceInTheSameSlotAtTheSameTimeIsRejectedButAnotherPersonIsWelcome() {
        roster.add(new DutyShiftDraft(org.oneStopOffice(), null, 1, "A", "0913000001", null, DAY_START, DAY_END,
                null));
        assertThat(codes(roster.add(new DutyShiftDraft(org.oneStopOffice(), null, 1, "A", "+84913000001", null,
                NOW, DAY_END.plusSeconds(3600), null)))).containsExactly("OVERLAPS");
        assertThat(roster.add(new DutyShiftDraft(org.oneStopOffice(), null, 1, "B", "0913000002", null, NOW,
                DAY_END, null))).isInstanceOf(RosterChange.Saved.class);
    }

    @Test
    void updatingAndDeletingAShift() {
        long id = ((RosterChange.Saved) roster.add(new DutyShiftDraft(org.oneStopOffice(), null, 1, "A",
                "0913000001", null, DAY_START, DAY_END, null))).shift().id();

        // Moving a shift does not collide with itself.
        RosterChange moved = roster.update(id, new DutyShiftDraft(null, org.district(), 2, "A", "0913000001",
                null, NOW, DAY_END, null));
        assertThat(moved).isInstanceOf(RosterChange.Saved.class);
        assertThat(roster.onDuty(org.oneStopOffice(), NOW)).containsExactly(
                new DutyContact("A", "+84913000001", 2, "huyện Gio Linh"));

        assertThat(roster.update(id, new DutyShiftDraft(null, org.district(), 2, "A", "bad", null, NOW, DAY_END,
                null))).isInstanceOf(RosterChange.Rejected.class);
        assertThat(roster.find(id).orElseThrow().phone()).isEqualTo("+84913000001");

        assertThat(roster.update(777_777, new DutyShiftDraft(null, org.district(), 2, "A", "0913000001", null,
                NOW, DAY_END, null))).isEqualTo(new RosterChange.NotFound(777_777));
        assertThat(roster.delete(id)).isEqualTo(new RosterChange.Deleted(id));
        assertThat(roster.delete(id)).isEqualTo(new RosterChange.NotFound(id));
        assertThat(roster.onDuty(org.oneStopOffice(), NOW)).isEmpty();
    }

    @Test
    void listingFiltersByPlaceAndOverlappingPeriod() {
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Hôm qua", "+84913000001", DAY_START.minusSeconds(86400),
                DAY_START);
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Hôm nay", "+84913000001", DAY_START, DAY_END);
        shift(db.dsl(), null, org.district(), 2, "Huyện hôm nay", "+84913000002", DAY_START, DAY_END);

        assertThat(roster.list(DutyShiftQuery.all())).extracting(DutyShift::personName)
                .containsExactly("Hôm qua", "Hôm nay", "Huyện hôm nay");
        assertThat(roster.list(new DutyShiftQuery(org.oneStopOffice(), null, DAY_START, DAY_END, 100)))
                .extracting(DutyShift::personName).containsExactly("Hôm nay");
        assertThat(roster.list(new DutyShiftQuery(null, org.district(), null, null, 100)))
                .extracting(DutyShift::unitName).containsExactly("huyện Gio Linh");
    }

    private static java.util.List<String> codes(RosterChange change) {
        assertThat(change).isInstanceOf(RosterChange.Rejected.class);
        return ((RosterChange.Rejected) change).problems().stream().map(RosterProblem::code).toList();
    }
}
