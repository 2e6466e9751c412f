package vn.dancham.organisation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dancham.db.test.TestDatabase;
import vn.dancham.scoring.internal.LeagueMarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrganisationIT {

    static TestDatabase db;
    static Organisation organisation;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.fresh();
        organisation = new Organisation(db.dsl(), new LeagueMarks(db.dsl()));
        organisation.saveUnit("QT", AdminUnit.Level.PROVINCE, "Tỉnh Quảng Trị", null);
        organisation.saveUnit("GL", AdminUnit.Level.DISTRICT, "Huyện Gio Linh", "QT");
        organisation.saveUnit("GL-TT", AdminUnit.Level.COMMUNE, "Thị trấn Gio Linh", "GL");
        organisation.saveOffice("GL-1C", "GL", "11", "Bộ phận Một cửa huyện Gio Linh", Office.Kind.ONE_STOP, true);
        organisation.saveOffice("GLTT-1C", "GL-TT", "15", "Bộ phận Một cửa thị trấn Gio Linh", Office.Kind.COMMUNE, true);
        organisation.saveOffice("GL-OLD", "GL", "19", "Văn phòng đã giải thể", Office.Kind.DEPARTMENT, false);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    /** Names in the order of the Vietnamese alphabet (a ă â b c d đ e ê … o ô ơ … u ư … v), not by code point. */
    @Test
    void officesAndOfficersAreListedInVietnameseAlphabeticalOrder() {
        organisation.saveUnit("VN-ORD", AdminUnit.Level.DISTRICT, "Huyện Thứ Tự", "QT");
        organisation.saveOffice("ORD-V", "VN-ORD", "71", "Văn phòng Võ Xá", Office.Kind.DEPARTMENT, true);
        organisation.saveOffice("ORD-D", "VN-ORD", "72", "Đội Đặng Xá", Office.Kind.DEPARTMENT, true);
        organisation.saveOffice("ORD-U", "VN-ORD", "73", "Ủy ban xã Ưng", Office.Kind.DEPARTMENT, true);
        organisation.saveOffice("ORD-Z", "VN-ORD", "74", "Ban Zê", Office.Kind.DEPARTMENT, true);
        long unit = organisation.unitByCode("VN-ORD").orElseThrow().id();
        assertThat(organisation.officesInUnit(unit)).extracting(Office::name)
                .containsExactly("Ban Zê", "Đội Đặng Xá", "Ủy ban xã Ưng", "Văn phòng Võ Xá");
        organisation.saveOfficer("ORD-1", "ORD-V", "Võ Văn Toàn", "Chuyên viên", null, true);
        organisation.saveOfficer("ORD-2", "ORD-V", "Đặng Văn Phúc", "Chuyên viên", null, true);
        organisation.saveOfficer("ORD-3", "ORD-V", "Dương Thị An", "Chuyên viên", null, true);
        long office = organisation.officeByCode("ORD-V").orElseThrow().id();
        assertThat(organisation.officers(office)).extracting(Officer::fullName)
                .containsExactly("Dương Thị An", "Đặng Văn Phúc", "Võ Văn Toàn");
        assertThat(organisation.offices()).extracting(Office::name).isSortedAccordingTo(VietnameseOrder.TEXT);
    }

    @Test
    void findsAnActiveOfficeByTheCodeACallerTypes() {
        assertThat(organisation.officeByDialCode("11")).get().extracting(Office::name)
                .isEqualTo("Bộ phận Một cửa huyện Gio Linh");
        assertThat(organisation.officeByDialCode("19")).isEmpty();
        assertThat(organisation.officeByDialCode("99")).isEmpty();
    }

    @Test
    void aCommuneOfficeBelongsToTheDistrictAboveIt() {
        long communeOffice = organisation.officeByCode("GLTT-1C").orElseThrow().id();
        assertThat(organisation.districtOf(communeOffice)).get().extracting(AdminUnit::code).isEqualTo("GL");
    }

    @Test
    void savingTheSameOfficerTwiceChangesNothingButTheFields() {
        long first = organisation.saveOfficer("CB-001", "GL-1C", "Nguyễn Thị Lan", "Công chức một cửa", null, true);
        long again = organisation.saveOfficer("CB-001", "GL-1C", "Nguyễn Thị Lan", "Chuyên viên", null, true);
        assertThat(again).isEqualTo(first);
        assertThat(organisation.officer(first)).get().extracting(Officer::position).isEqualTo("Chuyên viên");
        assertThat(organisation.officers(organisation.officeByCode("GL-1C").orElseThrow().id())).hasSize(1);
    }

    @Test
    void refusesAnOfficeInAnUnknownUnit() {
        assertThatThrownBy(() -> organisation.saveOffice("X", "NOPE", "77", "X", Office.Kind.DEPARTMENT, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOPE");
    }
}
