package vn.dancham.admin.scores;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.Ratings;
import vn.dancham.admin.support.WebIT;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.Dossiers;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.ScoringMaintenance;
import vn.dancham.scoring.ScoringSetting;

import java.io.ByteArrayInputStream;
import org.jooq.DSLContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.HOTLINE_CALL;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Scores pages, officer page, exports and the monthly report on real ratings in PostgreSQL. */
class ScoresPageIT extends WebIT {

    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;
    @Autowired Dossiers dossiers;
    @Autowired vn.dancham.rating.Ratings ratings;
    @Autowired ScoringMaintenance maintenance;
    @Autowired AuditLog auditLog;
    @Autowired DSLContext dsl;
    @Autowired vn.dancham.scoring.ScoringSettingsEditor settingsEditor;
    @Autowired vn.dancham.scoring.internal.LeagueCache leagueCache;

    private String html(String url, WebUser as) throws Exception {
        return mvc.perform(get(url).with(user(as))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private Fixtures.Place ratedPlace() {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        Ratings.rate(ratings, dossiers, receipt, "ATTITUDE", 2, p.applicantPhone(), Instant.now().minusSeconds(7200));
        Ratings.rate(ratings, dossiers, receipt, "OVERALL", 4, p.applicantPhone(), Instant.now().minusSeconds(7200));
        maintenance.snapshot(LocalDate.now().minusMonths(2), LocalDate.now());
        return p;
    }

    @Test
    void officePageListsItsOfficersAndTheOfficerPageExplainsTheScore() throws Exception {
        var p = ratedPlace();
        var hr = userWith(Role.HR);
        String office = html("/offices/" + p.counterOfficeId(), hr);
        assertThat(office).contains("Lê Thị Quầy " + p.s()).contains("id=\"trend-chart\"").contains("data-trend=\"[");
        assertThat(office).contains("/officers/" + p.counterOfficerId());
        // Whole dossiers beside the stage figure: the one received here is overdue and not returned, so late.
        assertThat(office).contains("id=\"dossier-timeliness\"")
                .contains("0 hồ sơ đã trả, 0 đúng hạn; 1 hồ sơ quá hạn chưa trả (tính là trễ)");
        assertThat(html("/scores?view=offices&unit=" + p.districtId(), hr)).contains("Hồ sơ trả đúng hạn (%)")
                .contains("class=\"dossier-on-time\"");

        String officer = html("/officers/" + p.counterOfficerId() + "?period=30d", hr);
        assertThat(officer).contains("Lê Thị Quầy " + p.s()).contains("id=\"by-question\"").contains("Thái độ phục vụ")
                .contains("id=\"formulas\"").contains("n=1");
        // the ratings behind the score are listed with why they count for this officer
        assertThat(officer).contains("Cán bộ tiếp nhận hồ sơ");
        // the explanation is a Vietnamese account HR can print, not engineers' formulas with decimal points
        assertThat(officer).contains("Điểm được tính như thế nào")
                .contains("1 câu trả lời của người dân được tính")
                .contains("1 câu từ đúng số điện thoại người nộp hồ sơ (mỗi câu tính 1 phần)")
                .containsPattern("điểm thật của cán bộ nằm trong khoảng từ \\d+,\\d đến \\d+,\\d với độ tin cậy 90 %")
                // the interval takes a call's related answers into account, said in words
                .contains("Các câu trả lời trong cùng một cuộc gọi thường giống nhau")
                .doesNotContain("Σ").doesNotContain("Wilson").doesNotContain("effective n");
    }

    @Test
    void scoresListFiltersByOfficeAndShowsSampleSizeAndInterval() throws Exception {
        var p = ratedPlace();
        String page = html("/scores?view=officers&office=" + p.counterOfficeId() + "&period=30d", userWith(Role.LEADER));
        assertThat(page).contains("Lê Thị Quầy " + p.s()).contains("n=1").containsPattern("\\[\\d+–\\d+\\]");
        // Served from the table kept ready (issue 16): the page says when its figures were computed.
        assertThat(page).containsPattern("Bảng xếp hạng tính lúc \\d{2}/\\d{2}/\\d{4}");
        assertThat(html("/scores", userWith(Role.HR))).contains("Các huyện");
        assertThat(html("/scores?view=fields&period=m2026-01", userWith(Role.HR))).contains("Các lĩnh vực");
    }

    @Test
    void aTableRestingOnVeryManyAnswersSaysWhichChangesAreStillToBeCounted() throws Exception {
        var p = ratedPlace();
        String url = "/scores?view=officers&office=" + p.counterOfficeId() + "&period=30d";
        var leader = userWith(Role.LEADER);
        assertThat(html(url, leader)).doesNotContain("chưa được tính");
        String export = "/exports/scores.csv?view=officers&period=30d&office=" + p.counterOfficeId();
        var hr = userWith(Role.HR);
        String fresh = mvc.perform(get(export).with(user(hr))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        // Every line of the file says when its figures were computed; nothing is pending.
        assertThat(fresh).contains(";Nhóm cán bộ;Số liệu tính lúc;Thay đổi sau giờ tính được tính chậm nhất lúc\r\n")
                .containsPattern("Lê Thị Quầy " + p.s() + ";.*;\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2};\r\n");
        // As the country's tables are at 10 M ratings (docs/scoring.md § 9d): its header says it rests on 200,000
        // ratings, and a change marked it since. Served as stored, and the page says what that means.
        dsl.execute("UPDATE league_ready SET ratings = 200000, stale = true, generation = generation + 1 "
                + "WHERE table_kind = 'OFFICERS_IN_OFFICE' AND parent_id = ?", p.counterOfficeId());
        assertThat(leagueCache.sync(dsl, java.time.Duration.ofSeconds(10))).isTrue();
        assertThat(html(url, leader)).contains("Lê Thị Quầy " + p.s()).containsPattern("Bảng xếp hạng tính lúc "
                + "\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\. Bảng này dựa trên rất nhiều đánh giá nên được tính lại "
                + "định kỳ, không sau mỗi thay đổi: đánh giá, bước hồ sơ và kết luận phản ánh mới từ sau thời điểm đó "
                + "chưa được tính, và sẽ được tính chậm nhất lúc \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\.");
        // So does the file: a table taken to a meeting says what it does not count yet, on each line.
        String pending = mvc.perform(get(export).with(user(hr))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(pending).containsPattern("Lê Thị Quầy " + p.s()
                + ";.*;\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2};\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\r\n");
    }

    @Test
    void withTheMinimumOffTwoOverlappingMembersShowTheRanksTheirIntervalsAllow() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        // Numbers of their own, so no other test's ratings today reach the daily cap. Attitude reaches the counter
        // office, timeliness on the late dossier the department office: two rated offices, few ratings each.
        String caller = "09" + (10_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(89_999_999));
        Ratings.rate(ratings, dossiers, receipt, "ATTITUDE", 4, caller, Instant.now().minusSeconds(3600));
        Ratings.rate(ratings, dossiers, receipt, "TIMELINESS", 2, caller, Instant.now().minusSeconds(3600));
        Map<ScoringSetting, String> proposed = new EnumMap<>(ScoringSetting.class);
        settingsEditor.values().forEach(v -> proposed.put(v.setting(), v.effective()));
        String before = proposed.get(ScoringSetting.MIN_EFFECTIVE_N);
        proposed.put(ScoringSetting.MIN_EFFECTIVE_N, "0");
        assertThat(settingsEditor.update(proposed, "it").accepted()).isTrue();
        try {
            String page = html("/scores?view=offices&unit=" + p.districtId() + "&period=30d", userWith(Role.HR));
            assertThat(page).contains("class=\"muted rank-range\"").doesNotContain("not-enough");
        } finally {
            proposed.put(ScoringSetting.MIN_EFFECTIVE_N, before);
            settingsEditor.update(proposed, "it");
        }
    }

    @Test
    void officeHeadIsKeptToOwnOffice() throws Exception {
        var p = ratedPlace();
        var other = Fixtures.place(organisation, procedures);
        var head = userWith(other.counterOfficeId(), Role.OFFICE_HEAD);
        mvc.perform(get("/officers/" + p.counterOfficerId()).with(user(head))).andExpect(status().isNotFound());
        mvc.perform(get("/offices/" + p.counterOfficeId()).with(user(head))).andExpect(status().isNotFound());
        assertThat(html("/scores?view=districts", head)).doesNotContain("Lê Thị Quầy " + p.s());
    }

    /** Filter lists and "calls today" show an office head their own office only, not the province's. */
    @Test
    void anOfficeHeadsFilterListsAndCallsTodayAreTheirOwnOffice() throws Exception {
        var p = ratedPlace();
        var other = Fixtures.place(organisation, procedures);
        var head = userWith(other.counterOfficeId(), Role.OFFICE_HEAD);
        String scores = html("/scores?view=officers", head);
        assertThat(scores).contains("Bộ phận một cửa " + other.s()).doesNotContain("Bộ phận một cửa " + p.s())
                .doesNotContain("Huyện " + p.s());
        // A call today about another office: the province's count has it, the office head's does not.
        dsl.insertInto(HOTLINE_CALL).set(HOTLINE_CALL.ASTERISK_UNIQUE_ID, "calls-today-" + p.s())
                .set(HOTLINE_CALL.STARTED_AT, java.time.OffsetDateTime.now()).execute();
        String mine = html("/dashboard", head);
        assertThat(mine).contains("Cuộc gọi hôm nay về cơ quan của bạn");
        assertThat(bigNumber(mine, "calls-today")).isZero();
        assertThat(bigNumber(html("/dashboard", userWith(Role.HR)), "calls-today")).isPositive();
    }

    private static int bigNumber(String page, String sectionId) {
        var m = java.util.regex.Pattern.compile("id=\"" + sectionId + "\"[\\s\\S]*?<p class=\"big\">([0-9.]+)</p>")
                .matcher(page);
        assertThat(m.find()).as("%s on the page", sectionId).isTrue();
        return Integer.parseInt(m.group(1).replace(".", ""));
    }

    /** The officer card counts every stage in the on-time rate (n), not just the 50 the table below lists. */
    @Test
    void theOfficerCardCountsEveryStageNotJustTheListedOnes() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        Instant now = Instant.now();
        for (int i = 0; i < 55; i++) {
            var r = new vn.dancham.dossier.ReceiptNumber(Fixtures.receipt());
            Instant received = now.minusSeconds(5 * 86400 + 600L * i);
            registry.upsert(new vn.dancham.dossier.DossierData(r, p.procedureCode(), p.counterOfficeCode(),
                    p.counterOfficerCode(), "Nguyễn Văn Dân", p.applicantPhone(), received, now.plusSeconds(86400),
                    null, "IN_PROGRESS"));
            registry.upsertStage(new vn.dancham.dossier.StageData(r, 1, p.counterOfficeCode(), p.counterOfficerCode(),
                    "Tiếp nhận", received, received.plusSeconds(86400), received.plusSeconds(3600)));
        }
        String officer = html("/officers/" + p.counterOfficerId() + "?period=30d", userWith(Role.HR));
        var m = java.util.regex.Pattern.compile("id=\"stages-handled\">([^<]*)<").matcher(officer);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).startsWith("55 bước hồ sơ được tính").contains("liệt kê 50 bước");
    }

    @Test
    void exportsNeutraliseFormulasAndAreAudited() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        organisation.saveOfficer("FO" + p.s(), p.counterOfficeCode(), "=HYPERLINK(\"http://x\")", "Chuyên viên", null, true);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        Ratings.rate(ratings, dossiers, receipt, "ATTITUDE", 5, p.applicantPhone(), Instant.now().minusSeconds(3600));
        var hr = userWith(Role.HR);

        var csvResponse = mvc.perform(get("/exports/scores.csv?view=officers&period=30d&office=" + p.counterOfficeId()).with(user(hr)))
                .andExpect(status().isOk()).andReturn().getResponse();
        String csv = csvResponse.getContentAsString(StandardCharsets.UTF_8);
        // For Excel with Vietnamese regional settings: BOM, ';' between cells, Vietnamese headers, office and district.
        assertThat(csv).startsWith("\uFEFFHạng;Tên;Loại;Cơ quan;Huyện;")
                .contains("\"'=HYPERLINK(\"\"http://x\"\")\";Cán bộ;Bộ phận một cửa " + p.s() + ";Huyện " + p.s() + ";");
        assertThat(csvResponse.getHeader("Content-Disposition"))
                .matches("attachment; filename=\"dancham-officers-counter-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
        assertThat(csv).contains(";Tình trạng xếp hạng;Cỡ mẫu hiệu dụng;Điểm tổng hợp: từ;Điểm tổng hợp: đến;")
                .contains("Chưa đủ đánh giá");

        byte[] xlsx = mvc.perform(get("/exports/scores.xlsx?view=officers&period=30d&office=" + p.counterOfficeId()).with(user(hr)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Tên");
            assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("Cơ quan");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\")");
            assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("Bộ phận một cửa " + p.s());
            assertThat(sheet.getRow(1).getCell(6).getNumericCellValue()).isEqualTo(1.0);
        }
        assertThat(auditLog.search("EXPORT_SCORES", 10, 0)).extracting(AuditLog.Entry::actor).contains(hr.getUsername());
    }

    @Test
    void monthlyReportDashboardAndFlaggedRatingsRender() throws Exception {
        var p = ratedPlace();
        // A number of its own (others' ratings today may have reached 0912345678's daily cap): counted for sure.
        String caller = "09" + (10_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(89_999_999));
        Ratings.rate(ratings, dossiers, Fixtures.lateDossier(registry, p, Instant.now()), "ATTITUDE", 1, caller,
                Instant.now().minusSeconds(3600));
        assertThat(html("/reports/monthly", userWith(Role.HR))).contains("id=\"report-lowest\"");
        String dashboard = html("/dashboard", userWith(Role.LEADER));
        assertThat(dashboard).contains("id=\"calls-today\"").contains("id=\"districts\"").contains("id=\"lowest-officers\"");
        // A rating of 1 is too little to rank: the officer is in the table as "chưa đủ đánh giá", not among the lowest.
        String lowest = dashboard.substring(dashboard.indexOf("id=\"lowest-officers\""));
        lowest = lowest.substring(0, lowest.indexOf("</section>"));
        assertThat(lowest).doesNotContain("Lê Thị Quầy " + p.s());
        assertThat(html("/scores?view=officers&office=" + p.counterOfficeId() + "&period=30d", userWith(Role.HR)))
                .contains("class=\"num muted not-enough\"");
        assertThat(html("/ratings/flagged", userWith(Role.HR))).contains("id=\"flagged\"");
    }
}
