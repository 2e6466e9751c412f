package vn.dancham.admin.imports;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.WebIT;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.LeaderboardTable;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.Scores;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The CSV import over HTTP against real PostgreSQL: whole file or nothing, every bad row reported, idempotent. */
class ImportIT extends WebIT {

    @Autowired
    CsvImporter importer;

    @Autowired
    Organisation organisation;

    @Autowired
    AuditLog auditLog;

    @Autowired
    MessageSource messages;

    private static final Locale VI = Locale.forLanguageTag("vi-VN");

    private final String s = UUID.randomUUID().toString().substring(0, 6);

    private ImportReport importText(ImportKind kind, String csv) {
        return importer.importFile(kind, kind.name().toLowerCase() + ".csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private void province() {
        ImportReport units = importText(ImportKind.UNITS, """
                code,level,name,parent_code
                P%1$s,PROVINCE,Tỉnh %1$s,
                D%1$s,DISTRICT,Huyện %1$s,P%1$s
                """.formatted(s));
        assertThat(units.problems()).isEmpty();
    }

    private String dial(int n) {
        return String.valueOf(100000 + Math.abs((s + n).hashCode()) % 900000);
    }

    @Test
    void goodFileIsImportedWholeAndImportingItAgainChangesNothing() {
        province();
        String offices = """
                code,unit_code,dial_code,name,kind,active
                O1%1$s,D%1$s,%2$s,"Bộ phận một cửa, huyện %1$s",ONE_STOP,true
                O2%1$s,D%1$s,%3$s,Phòng Tài nguyên %1$s,DEPARTMENT,
                """.formatted(s, dial(1), dial(2));
        ImportReport first = importText(ImportKind.OFFICES, offices);
        assertThat(first.problems()).isEmpty();
        assertThat(first.created()).isEqualTo(2);
        assertThat(organisation.officeByCode("O1" + s).orElseThrow().name()).isEqualTo("Bộ phận một cửa, huyện " + s);

        ImportReport again = importText(ImportKind.OFFICES, offices);
        assertThat(again.committed()).isTrue();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(again.created() + again.updated()).isZero();

        ImportReport officers = importText(ImportKind.OFFICERS, """
                code,office_code,full_name,position,phone
                C1%1$s,O1%1$s,Nguyễn Thị Lan,Chuyên viên,0912 345 678
                """.formatted(s));
        assertThat(officers.created()).isEqualTo(1);
        assertThat(organisation.officerByCode("C1" + s).orElseThrow().phone()).isEqualTo("0912345678");
        // The kind of work: derived from the office when not given (a one-stop: counter staff), else as given;
        // a wrong value is refused with the allowed ones named, and nothing of that file is written.
        assertThat(organisation.officerByCode("C1" + s).orElseThrow().kind()).isEqualTo(Officer.Kind.COUNTER);
        ImportReport specialist = importText(ImportKind.OFFICERS, """
                code,office_code,full_name,position,kind
                C1%1$s,O1%1$s,Nguyễn Thị Lan,Chuyên viên,specialist
                """.formatted(s));
        assertThat(specialist.updated()).isEqualTo(1);
        assertThat(organisation.officerByCode("C1" + s).orElseThrow().kind()).isEqualTo(Officer.Kind.SPECIALIST);
        ImportReport wrong = importText(ImportKind.OFFICERS, """
                code,office_code,full_name,position,kind
                C1%1$s,O1%1$s,Nguyễn Thị Lan,Chuyên viên,COUNTER
                C2%1$s,O1%1$s,Trần Văn Quầy,Chuyên viên,thủ quỹ
                """.formatted(s));
        assertThat(wrong.committed()).isFalse();
        assertThat(wrong.problems()).anySatisfy(p -> assertThat(p.text(messages, VI)).contains("SPECIALIST (chuyên viên)"));
        assertThat(organisation.officerByCode("C1" + s).orElseThrow().kind()).isEqualTo(Officer.Kind.SPECIALIST);
        // The newest entry is the specialist file's: a code and its counts, worded in the reader's language on the
        // audit page (it was an English sentence, "1 rows: 0 created, …", before issue 19).
        assertThat(auditLog.search("IMPORT_OFFICERS", 10, 0)).first().satisfies(e -> {
            assertThat(e.detailText().code()).isEqualTo("audit.text.import");
            assertThat(e.detailText().args()).containsExactly("1", "0", "1", "0");
        });
    }

    @Test
    void fileWithBadRowsWritesNothingAndReportsEveryRowAndColumn() {
        province();
        ImportReport report = importText(ImportKind.OFFICES, """
                code,unit_code,dial_code,name,kind
                G1%1$s,D%1$s,%2$s,Good office,ONE_STOP
                G2%1$s,NOPE%1$s,12a,,SHOP
                G1%1$s,D%1$s,%3$s,Same code again,DEPARTMENT
                G4%1$s,D%1$s
                """.formatted(s, dial(3), dial(4)));
        assertThat(report.committed()).isFalse();
        assertThat(report.problems()).extracting(p -> p.row() + ":" + p.column()).containsExactlyInAnyOrder(
                "3:unit_code", "3:dial_code", "3:name", "3:kind", "4:code", "5:null");
        assertThat(organisation.officeByCode("G1" + s)).as("the good row was rolled back too").isEmpty();
    }

    /** The problems are keys and arguments; each reader gets them in their language, the row numbers included. */
    @Test
    void rowProblemsAreRenderedFromTheBundlesInVietnameseAndEnglish() {
        province();
        ImportReport report = importText(ImportKind.OFFICES, """
                code,unit_code,dial_code,name,kind
                G1%1$s,D%1$s,%2$s,Good office,ONE_STOP
                G1%1$s,NOPE%1$s,12a,Same code again,SHOP
                """.formatted(s, dial(5)));
        java.util.Map<String, ImportProblem> byColumn = new java.util.HashMap<>();
        report.problems().forEach(p -> byColumn.put(p.column(), p));
        assertThat(byColumn.get("code").row()).isEqualTo(3);
        assertThat(byColumn.get("code").text(messages, VI)).isEqualTo("Trùng với dòng 2");
        assertThat(byColumn.get("code").text(messages, Locale.ENGLISH)).isEqualTo("Same as row 2");
        assertThat(byColumn.get("unit_code").text(messages, VI)).isEqualTo("Không có đơn vị hành chính mã NOPE" + s);
        assertThat(byColumn.get("unit_code").text(messages, Locale.ENGLISH))
                .isEqualTo("No administrative unit with code NOPE" + s);
        // An argument that is itself a phrase of the bundles comes in the same language.
        assertThat(byColumn.get("dial_code").text(messages, VI)).isEqualTo("Không hợp lệ: cần 1 đến 6 chữ số");
        assertThat(byColumn.get("dial_code").text(messages, Locale.ENGLISH)).isEqualTo("Not valid: expected 1 to 6 digits");
        assertThat(byColumn.get("kind").text(messages, Locale.ENGLISH)).startsWith("Unknown value; allowed: ONE_STOP");
    }

    /** A problem the scoring core found (codes, no words) reaches the import report in the reader's language. */
    @Test
    void dossierRegistryProblemsAreRenderedInBothLanguages() {
        province();
        ImportReport report = importText(ImportKind.STAGES, """
                receipt_no,seq,office_code,name,started_at,due_at
                %1$s,1,NOSUCH,Tiếp nhận,2026-03-01 08:00,2026-03-02 08:00
                """.formatted(vn.dancham.admin.support.Fixtures.receipt()));
        assertThat(report.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.text(messages, VI))
                .contains("2:office_code:Không có cơ quan mã NOSUCH");
        assertThat(report.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.text(messages, Locale.ENGLISH))
                .contains("2:office_code:Unknown office code NOSUCH");
    }

    @Test
    void theReportPageSpeaksTheChosenLanguage() throws Exception {
        var admin = userWith(Role.ADMIN);
        var file = new MockMultipartFile("file", "units.csv", "text/csv",
                "code,level,name,parent_code\nA%1$s,PROVINCE,Tỉnh,\nA%1$s,PROVINCE,Tỉnh,\n".formatted(s)
                        .getBytes(StandardCharsets.UTF_8));
        String vi = mvc.perform(multipart("/imports").file(file).param("kind", "UNITS").with(user(admin)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(vi).contains("Trùng với dòng 2");
        String en = mvc.perform(multipart("/imports").file(file).param("kind", "UNITS").param("lang", "en")
                        .with(user(admin)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("Same as row 2").doesNotContain("Trùng với dòng");
    }

    @Autowired
    vn.dancham.admin.procedures.Procedures procedures;

    @Autowired
    vn.dancham.dossier.Dossiers dossiers;

    @Test
    void dossiersAndStagesAreImportedThroughTheRegistryAndItsProblemsNameTheColumn() {
        var p = vn.dancham.admin.support.Fixtures.place(organisation, procedures);
        String r1 = vn.dancham.admin.support.Fixtures.receipt();
        String r2 = vn.dancham.admin.support.Fixtures.receipt();
        String dossierCsv = """
                receipt_no,procedure_code,receiving_office_code,receiving_officer_code,applicant_name,applicant_phone,received_at,due_at,returned_at,status
                %s,%s,%s,%s,Nguyễn Văn An,0912 345 678,01/03/2026 08:30,15/03/2026 17:00,,IN_PROGRESS
                %s,%s,%s,,Trần Thị Bình,,2026-03-02 09:00,2026-03-16 17:00,2026-03-10 10:00,RETURNED
                """.formatted(r1, p.procedureCode(), p.counterOfficeCode(), p.counterOfficerCode(),
                r2, p.procedureCode(), p.counterOfficeCode());
        ImportReport first = importText(ImportKind.DOSSIERS, dossierCsv);
        assertThat(first.problems()).isEmpty();
        assertThat(first.created()).isEqualTo(2);
        assertThat(importText(ImportKind.DOSSIERS, dossierCsv).unchanged()).isEqualTo(2);

        ImportReport stages = importText(ImportKind.STAGES, """
                receipt_no,seq,office_code,officer_code,name,started_at,due_at,finished_at
                %s,1,%s,%s,Tiếp nhận,01/03/2026 08:30,02/03/2026 08:30,01/03/2026 09:00
                %s,2,%s,%s,Thẩm định,01/03/2026 09:00,08/03/2026 17:00,
                """.formatted(r1, p.counterOfficeCode(), p.counterOfficerCode(), r1, p.deptOfficeCode(), p.specialistCode()));
        assertThat(stages.problems()).isEmpty();
        assertThat(dossiers.timeline(new vn.dancham.dossier.ReceiptNumber(r1)).orElseThrow().stages()).hasSize(2);

        String r3 = vn.dancham.admin.support.Fixtures.receipt();
        ImportReport bad = importText(ImportKind.DOSSIERS, """
                receipt_no,procedure_code,receiving_office_code,applicant_name,received_at,due_at,status
                %s,%s,%s,Lê Văn Cường,01/03/2026 08:30,15/03/2026 17:00,IN_PROGRESS
                12,NO-SUCH-%s,%s,Lê Văn Cường,01/03/2026 08:30,31/02/2026,IN_PROGRESS
                """.formatted(r3, p.procedureCode(), p.counterOfficeCode(), p.s(), p.counterOfficeCode()));
        assertThat(bad.problems()).extracting(x -> x.row() + ":" + x.column())
                .containsExactlyInAnyOrder("3:receipt_no", "3:due_at");
        assertThat(dossiers.status(new vn.dancham.dossier.ReceiptNumber(r3))).isEmpty();

        ImportReport unknownCode = importText(ImportKind.DOSSIERS, """
                receipt_no,procedure_code,receiving_office_code,applicant_name,received_at,due_at,status
                %s,NO-SUCH-%s,%s,Lê Văn Cường,01/03/2026 08:30,15/03/2026 17:00,IN_PROGRESS
                """.formatted(r3, p.s(), p.counterOfficeCode()));
        assertThat(unknownCode.problems()).extracting(x -> x.row() + ":" + x.column()).containsExactly("2:procedure_code");
    }

    @Autowired
    Scores scores;

    /**
     * Issue 16: a league table is served as kept ready; an officers file that moves an officer to another office
     * marks the tables of both offices in the import's transaction, so the next page lists them where they now work.
     */
    @Test
    void anOfficerMovedByAnImportLeavesTheOldOfficesLeagueAndJoinsTheNew() {
        province();
        assertThat(importText(ImportKind.OFFICES, """
                code,unit_code,dial_code,name,kind,active
                M1%1$s,D%1$s,%2$s,Phòng Tư pháp %1$s,DEPARTMENT,true
                M2%1$s,D%1$s,%3$s,Phòng Tài nguyên %1$s,DEPARTMENT,true
                """.formatted(s, dial(11), dial(12))).problems()).isEmpty();
        String officer = """
                code,office_code,full_name,position
                MC%1$s,%2$s%1$s,Hoàng Văn Chuyển,Chuyên viên
                """;
        assertThat(importText(ImportKind.OFFICERS, officer.formatted(s, "M1")).created()).isEqualTo(1);
        long moved = organisation.officerByCode("MC" + s).orElseThrow().id();
        long first = organisation.officeByCode("M1" + s).orElseThrow().id();
        long second = organisation.officeByCode("M2" + s).orElseThrow().id();
        Period month = Period.month(YearMonth.now());
        assertThat(members(LeaderboardTable.officersInOffice(first), month)).contains(moved);
        assertThat(members(LeaderboardTable.officersInOffice(second), month)).doesNotContain(moved);

        assertThat(importText(ImportKind.OFFICERS, officer.formatted(s, "M2")).updated()).isEqualTo(1);
        assertThat(members(LeaderboardTable.officersInOffice(first), month)).doesNotContain(moved);
        assertThat(members(LeaderboardTable.officersInOffice(second), month)).contains(moved);
    }

    private List<Long> members(LeaderboardTable table, Period period) {
        return scores.leaderboard(table, period).entries().stream().map(e -> e.score().subject().id()).toList();
    }

    @Test
    void missingAndUnknownColumnsAreReportedOnTheHeaderRow() {
        ImportReport report = importText(ImportKind.OFFICERS, "code,name,colour\nX,Y,Z\n");
        assertThat(report.problems()).extracting(p -> p.row() + ":" + p.column()).contains(
                "1:office_code", "1:full_name", "1:position", "1:name", "1:colour");
    }

    @Test
    void notUtf8IsRefusedWithAClearMessage() {
        byte[] latin1 = "code,name\nA,Hué\n".getBytes(StandardCharsets.ISO_8859_1);
        ImportReport report = importer.importFile(ImportKind.UNITS, "x.csv", latin1);
        assertThat(report.problems().get(0).text(messages, Locale.ENGLISH)).contains("not UTF-8");
        assertThat(report.problems().get(0).text(messages, VI)).contains("không phải UTF-8");
    }

    @Test
    void uploadPageShowsTheRowReportAndHtmlInCellsIsEscaped() throws Exception {
        var admin = userWith(Role.ADMIN);
        var file = new MockMultipartFile("file", "<script>x</script>.csv", "text/csv",
                "code,unit_code,dial_code,name,kind\nA,NOPE,1,n,ONE_STOP\n".getBytes(StandardCharsets.UTF_8));
        MvcResult result = mvc.perform(multipart("/imports").file(file).param("kind", "OFFICES").with(user(admin)).with(csrf()))
                .andExpect(status().isOk()).andReturn();
        String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("id=\"import-problems\"").contains("unit_code").doesNotContain("<script>x</script>")
                .contains("&lt;script&gt;x&lt;/script&gt;.csv");
    }

    @Test
    void anOversizedUploadIsRefusedWithAClearMessageAndWritesNothing() throws Exception {
        var admin = userWith(Role.ADMIN);
        byte[] big = new byte[6 * 1024 * 1024]; // over dancham.web.max-import-bytes (5 MB), under the multipart cap
        java.util.Arrays.fill(big, (byte) 'a');
        var file = new MockMultipartFile("file", "big.csv", "text/csv", big);
        String html = mvc.perform(multipart("/imports").file(file).param("kind", "OFFICES").with(user(admin)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("Tệp quá lớn (tối đa 5 MB)").doesNotContain("id=\"import-problems\"");
    }

    @Test
    void templateHasTheHeaderRow() throws Exception {
        var admin = userWith(Role.ADMIN);
        String body = mvc.perform(get("/imports/template/officers").with(user(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).contains("code,office_code,full_name,position,phone,active");
    }
}
