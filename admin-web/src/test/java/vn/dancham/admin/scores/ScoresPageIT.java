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

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
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

        String officer = html("/officers/" + p.counterOfficerId() + "?period=30d", hr);
        assertThat(officer).contains("Lê Thị Quầy " + p.s()).contains("id=\"by-question\"").contains("Thái độ phục vụ")
                .contains("id=\"formulas\"").contains("n=1");
        // the ratings behind the score are listed with why they count for this officer
        assertThat(officer).contains("Cán bộ tiếp nhận hồ sơ");
    }

    @Test
    void scoresListFiltersByOfficeAndShowsSampleSizeAndInterval() throws Exception {
        var p = ratedPlace();
        String page = html("/scores?view=officers&office=" + p.counterOfficeId() + "&period=30d", userWith(Role.LEADER));
        assertThat(page).contains("Lê Thị Quầy " + p.s()).contains("n=1").containsPattern("\\[\\d+–\\d+\\]");
        assertThat(html("/scores", userWith(Role.HR))).contains("Các huyện");
        assertThat(html("/scores?view=fields&period=m2026-01", userWith(Role.HR))).contains("Các lĩnh vực");
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

    @Test
    void exportsNeutraliseFormulasAndAreAudited() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        organisation.saveOfficer("FO" + p.s(), p.counterOfficeCode(), "=HYPERLINK(\"http://x\")", "Chuyên viên", null, true);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        Ratings.rate(ratings, dossiers, receipt, "ATTITUDE", 5, p.applicantPhone(), Instant.now().minusSeconds(3600));
        var hr = userWith(Role.HR);

        String csv = mvc.perform(get("/exports/scores.csv?view=officers&period=30d&office=" + p.counterOfficeId()).with(user(hr)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains("rank,name,type").contains("\"'=HYPERLINK(\"\"http://x\"\")\"");

        byte[] xlsx = mvc.perform(get("/exports/scores.xlsx?view=officers&period=30d&office=" + p.counterOfficeId()).with(user(hr)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("name");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://x\")");
            assertThat(sheet.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(1.0);
        }
        assertThat(auditLog.search("EXPORT_SCORES", 10, 0)).extracting(AuditLog.Entry::actor).contains(hr.getUsername());
    }

    @Test
    void monthlyReportDashboardAndFlaggedRatingsRender() throws Exception {
        ratedPlace();
        assertThat(html("/reports/monthly", userWith(Role.HR))).contains("id=\"report-lowest\"");
        String dashboard = html("/dashboard", userWith(Role.LEADER));
        assertThat(dashboard).contains("id=\"calls-today\"").contains("id=\"districts\"").contains("id=\"lowest-officers\"");
        assertThat(html("/ratings/flagged", userWith(Role.HR))).contains("id=\"flagged\"");
    }
}
