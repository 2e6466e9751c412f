package vn.dancham.admin.scores;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.support.Browser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.Ratings;
import vn.dancham.admin.support.WebIT;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.Dossiers;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Counter staff and specialists in tables of their own (issue 12, item 5): the selector on the scores page (in real
 * Chromium), kept in the URL and the export links; the exports carry the kind; the dashboard lists each kind.
 */
class OfficerKindTablesIT extends WebIT {

    static Browser browser;

    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;
    @Autowired Dossiers dossiers;
    @Autowired vn.dancham.rating.Ratings ratings;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The counter officer rated on attitude, the specialist (holding the dossier late) on timeliness. */
    private Fixtures.Place ratedPlace() {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        Ratings.rate(ratings, dossiers, receipt, "ATTITUDE", 4, p.applicantPhone(), Instant.now().minusSeconds(3600));
        Ratings.rate(ratings, dossiers, receipt, "TIMELINESS", 2, p.applicantPhone(), Instant.now().minusSeconds(3600));
        assertThat(organisation.officer(p.counterOfficerId()).orElseThrow().kind()).isEqualTo(Officer.Kind.COUNTER);
        assertThat(organisation.officer(p.specialistId()).orElseThrow().kind()).isEqualTo(Officer.Kind.SPECIALIST);
        return p;
    }

    private String html(String url, WebUser as) throws Exception {
        return mvc.perform(get(url).with(user(as))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theSelectorSwitchesBetweenCounterStaffAndSpecialistsAndTheUrlKeepsIt() {
        var p = ratedPlace();
        if (browser == null) {
            browser = Browser.open(baseUrl());
        }
        browser.driver().manage().deleteAllCookies();
        browser.logIn(userWith(Role.HR).getUsername(), PASSWORD);
        browser.go("/scores?view=officers&unit=" + p.districtId() + "&period=30d");
        // By default the counter staff's table: the specialist is not in it.
        String table = browser.find(By.cssSelector("table.board")).getText();
        assertThat(table).contains("Lê Thị Quầy " + p.s()).doesNotContain("Phạm Văn Chậm " + p.s());
        assertThat(browser.find(By.id("table-kind")).getText()).isEqualTo("(Bộ phận một cửa)");

        new Select(browser.find(By.id("officer-kind"))).selectByVisibleText("Chuyên viên");
        browser.find(By.cssSelector("#score-filters button[type=submit]")).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("kind=SPECIALIST"));
        table = browser.find(By.cssSelector("table.board")).getText();
        assertThat(table).contains("Phạm Văn Chậm " + p.s()).doesNotContain("Lê Thị Quầy " + p.s());
        assertThat(browser.find(By.id("table-kind")).getText()).isEqualTo("(Chuyên viên)");
        assertThat(new Select(browser.find(By.id("officer-kind"))).getFirstSelectedOption().getText())
                .isEqualTo("Chuyên viên");
        assertThat(browser.find(By.id("export-csv")).getAttribute("href")).contains("kind=SPECIALIST");
    }

    @Test
    void exportsCarryTheKindAndTheDashboardListsEachKind() throws Exception {
        var p = ratedPlace();
        var hr = userWith(Role.HR);
        var response = mvc.perform(get("/exports/scores.csv?view=officers&period=30d&kind=SPECIALIST&unit="
                + p.districtId()).with(user(hr))).andExpect(status().isOk()).andReturn().getResponse();
        String csv = response.getContentAsString(StandardCharsets.UTF_8);
        // The kind column, then the figures' time and what is pending (docs/scoring.md § 9d: nothing here).
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(
                ";Nhóm cán bộ;Số liệu tính lúc;Thay đổi sau giờ tính được tính chậm nhất lúc");
        assertThat(csv).contains("Phạm Văn Chậm " + p.s()).doesNotContain("Lê Thị Quầy " + p.s());
        assertThat(csv.lines().filter(l -> l.contains("Phạm Văn Chậm " + p.s())).findFirst().orElseThrow())
                .containsPattern(";Chuyên viên;\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2};$");
        assertThat(response.getHeader("Content-Disposition")).contains("dancham-officers-specialist-");
        // A wrong kind in the URL is no error: the default table, counter staff.
        assertThat(html("/scores?view=officers&unit=" + p.districtId() + "&period=30d&kind=x", hr))
                .contains("Lê Thị Quầy " + p.s()).doesNotContain("Phạm Văn Chậm " + p.s());
        String dashboard = html("/dashboard", userWith(Role.LEADER));
        assertThat(dashboard).contains("id=\"lowest-officers\"").contains("id=\"lowest-specialists\"")
                .contains("Cán bộ một cửa điểm thấp nhất").contains("Chuyên viên điểm thấp nhất");
        assertThat(html("/reports/monthly", hr)).contains("id=\"report-lowest\"").contains("Nhóm cán bộ");
    }
}
