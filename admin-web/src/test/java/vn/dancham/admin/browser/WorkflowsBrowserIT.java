package vn.dancham.admin.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.Browser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.Incidents;
import vn.dancham.admin.support.Ratings;
import vn.dancham.admin.support.WebIT;
import vn.dancham.complaint.Complaints;
import vn.dancham.complaint.NewComplaint;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.Dossiers;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.ScoringMaintenance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff's main journeys in real headless Chromium against the running application and PostgreSQL: the
 * dashboard, drilling from an office to an officer's chart, playing a complaint recording, acknowledging an
 * incident, a CSV import with a bad row, a test call that rates a dossier, seen on the officer's page, and an
 * administrator changing a scoring setting (refused, then saved and audited).
 */
class WorkflowsBrowserIT extends WebIT {

    static Browser browser;

    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;
    @Autowired Dossiers dossiers;
    @Autowired vn.dancham.rating.Ratings ratings;
    @Autowired ScoringMaintenance maintenance;
    @Autowired Complaints complaints;
    @Autowired vn.dancham.complaint.ReportIncidents reportIncidents;
    @Autowired vn.dancham.escalation.Incidents incidents;
    @Autowired vn.dancham.scoring.ScoringSettings scoringSettings;
    @Autowired vn.dancham.scoring.ScoringSettingsEditor scoringEditor;
    @Autowired vn.dancham.rating.RatingWriter writer;
    @Autowired org.jooq.DSLContext dsl;

    @Value("${dancham.ivr.recordings-directory}")
    String recordingsDirectory;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** One browser for the class, logged in as a user with every role needed here. */
    private Browser as(Role... roles) {
        if (browser == null) {
            browser = Browser.open(baseUrl());
        }
        browser.driver().manage().deleteAllCookies();
        var user = userWith(roles);
        browser.logIn(user.getUsername(), PASSWORD);
        return browser;
    }

    @Test
    void leaderOpensTheDashboard() {
        Browser b = as(Role.LEADER);
        b.go("/dashboard");
        assertThat(b.find(By.id("calls-today")).getText()).contains("Cuộc gọi đường dây nóng hôm nay");
        b.find(By.id("districts"));
        b.find(By.id("lowest-officers"));
    }

    @Test
    void hrDrillsFromAnOfficeToAnOfficerAndSeesTheTrendChart() {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        Ratings.rate(ratings, dossiers, receipt, "ATTITUDE", 4, p.applicantPhone(), Instant.now().minusSeconds(3600));
        maintenance.snapshot(LocalDate.now().minusMonths(1), LocalDate.now());

        Browser b = as(Role.HR);
        b.go("/offices/" + p.counterOfficeId());
        b.find(By.linkText("Lê Thị Quầy " + p.s())).click();
        b.waitUntil(d -> d.getCurrentUrl().contains("/officers/" + p.counterOfficerId()));
        WebElement canvas = b.find(By.id("trend-chart"));
        Object points = b.waitUntil(d -> canvas.getDomAttribute("data-rendered"));
        assertThat(Integer.parseInt(points.toString())).isPositive();
        assertThat(b.script("return Chart.getChart(document.getElementById('trend-chart')) != null")).isEqualTo(true);
        // The explanation reads as sentences, with a Vietnamese decimal comma.
        assertThat(b.find(By.id("formulas")).getText()).contains("câu trả lời").doesNotContain("Σ");
        b.script("document.getElementById('formulas').scrollIntoView()");
        screenshot(b, "officer-score-account");
    }

    @Test
    void complaintHandlerPlaysARecording() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        String relative = "it/" + UUID.randomUUID() + ".wav";
        Path file = Path.of(recordingsDirectory).resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, vn.dancham.admin.support.Wav.silence(8000));
        long id = complaints.record(new NewComplaint(NewComplaint.Kind.COMPLAINT, null, null, null, p.counterOfficeId(),
                null, "0987654321", relative, 1, NewComplaint.RecordingState.RECORDED, Instant.now()));

        Browser b = as(Role.COMPLAINT_HANDLER);
        b.go("/complaints/" + id);
        b.find(By.id("recording"));
        b.script("document.getElementById('recording').play()");
        Object played = b.waitUntil(d -> {
            Object v = b.script("var a = document.getElementById('recording');"
                    + " return a.error ? 'error ' + a.error.code : (a.ended || a.currentTime > 0 ? 'played' : null);");
            return v;
        });
        assertThat(played).isEqualTo("played");
        assertThat(b.script("return document.getElementById('recording').duration")).asString().startsWith("1");
    }

    @Test
    void leaderAcknowledgesAnIncidentFromItsPage() {
        var p = Fixtures.place(organisation, procedures);
        Incidents.harassmentReport(complaints, reportIncidents, p, null);
        long id = incidents.list(new IncidentFilter(Set.of(), Set.of(), null, p.counterOfficeId(), null, null, 5, 0))
                .getFirst().id();

        Browser b = as(Role.LEADER);
        b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844)); // a phone
        try {
            b.go("/incidents/" + id);
            screenshot(b, "incident-phone-before-ack");
            // The button the SMS is sent for is on the first screen of a 390 × 844 phone, without scrolling.
            Object bottom = b.script("var r = document.getElementById('acknowledge').getBoundingClientRect();"
                    + " return r.bottom <= window.innerHeight && r.top >= 0;");
            assertThat(bottom).as("acknowledge button above the fold").isEqualTo(true);
            // Nothing wider than the phone (the SMS used to be a table that scrolled sideways).
            assertThat(b.script("return document.documentElement.scrollWidth <= window.innerWidth;")).isEqualTo(true);
            String timeline = b.find(By.id("incident-timeline")).getText();
            assertThat(timeline).contains("Sự vụ được mở").doesNotContainPattern("\\b[A-Z]{2,}_[A-Z_]+\\b|\\bOPENED\\b");
            assertThat(b.find(By.id("incident-facts")).getText()).contains("Cán bộ").doesNotContain("officerName")
                    .doesNotContain("complaintId").doesNotContain("callId");
            b.find(By.id("acknowledge")).click();
            b.find(By.id("incident-done"));
            assertThat(b.find(By.id("incident-state")).getText()).isEqualTo("Đã có người nhận xử lý");
            screenshot(b, "incident-phone-after-ack");
        } finally {
            b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    /** The incidents list on a 390 px phone: one card per incident, its title on whole lines, nothing to scroll sideways. */
    @Test
    void theIncidentsListIsStackedOnAPhone() {
        var p = Fixtures.place(organisation, procedures);
        Incidents.harassmentReport(complaints, reportIncidents, p, null);
        long id = incidents.list(new IncidentFilter(Set.of(), Set.of(), null, p.counterOfficeId(), null, null, 5, 0))
                .getFirst().id();
        Browser b = as(Role.LEADER);
        b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            b.go("/incidents?show=all");
            screenshot(b, "incidents-list-phone");
            assertThat(b.script("return document.documentElement.scrollWidth <= window.innerWidth;")).isEqualTo(true);
            // The title cell takes the card's width (on a five-column table it was squeezed to a word per line).
            Object width = b.script("var a = document.querySelector('#incidents a[href$=\"/incidents/" + id + "\"]');"
                    + " var cells = a.closest('tr').querySelectorAll('td');"
                    + " return Math.round(cells[2].getBoundingClientRect().width / window.innerWidth * 100);");
            assertThat(((Number) width).intValue()).as("title cell width in %% of the screen").isGreaterThanOrEqualTo(75);
            b.go("/incidents/sms-backlog");
            assertThat(b.script("return document.documentElement.scrollWidth <= window.innerWidth;")).isEqualTo(true);
        } finally {
            b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    @Test
    void adminImportsACsvWithOneBadRowAndSeesTheRowReport() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        Path csv = Files.createTempFile("officers-", ".csv");
        Files.writeString(csv, """
                code,office_code,full_name,position
                B1%1$s,%2$s,Hoàng Văn Một,Chuyên viên
                B2%1$s,NO-SUCH-OFFICE,Hoàng Văn Hai,Chuyên viên
                B3%1$s,%2$s,Hoàng Văn Ba,Chuyên viên
                """.formatted(p.s(), p.counterOfficeCode()), StandardCharsets.UTF_8);
        try {
            Browser b = as(Role.ADMIN);
            b.go("/imports");
            new org.openqa.selenium.support.ui.Select(b.find(By.id("import-kind"))).selectByValue("OFFICERS");
            b.find(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
            b.clickAndLoad(By.id("import-submit"));
            WebElement table = b.find(By.id("import-problems"));
            List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().getText()).startsWith("3 office_code").contains("NO-SUCH-OFFICE");
            assertThat(organisation.officerByCode("B1" + p.s())).isEmpty();
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    @Test
    void testCallRatesADossierAsATestThatTheOfficersPageDoesNotCount() {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());

        Browser b = as(Role.HR);
        b.go("/test-call");
        assertThat(b.driver().findElements(By.id("caller"))).as("the caller number is not the tester's to choose")
                .isEmpty();
        assertThat(b.find(By.id("caller-note")).getText()).contains("luôn ẩn số");
        b.find(By.id("dial")).click();
        b.find(By.id("keypad"));
        // withheld, so the knowledge check is asked: # skips it
        String keys = "21" + receipt + "#1#425";
        for (char k : keys.toCharArray()) {
            b.find(By.cssSelector("#keypad button[data-key='" + k + "']")).click();
        }
        b.waitUntil(d -> !d.findElements(By.cssSelector("#prompts li[data-file*='rating-thanks']")).isEmpty());
        assertThat(b.find(By.id("prompts")).getText()).contains("4 số cuối của số điện thoại");
        assertThat(b.find(By.cssSelector("#prompts li[data-kind='NOTE']")).getText())
                .startsWith("Cuộc gọi thử: các câu trả lời được lưu là thử, điểm không được tính");
        b.find(By.id("hangup")).click();

        b.go("/officers/" + p.counterOfficerId() + "?period=30d");
        b.find(By.tagName("h1"));
        assertThat(b.driver().findElements(By.id("ratings"))).as("the officer's ratings list no test answer")
                .allSatisfy(table -> assertThat(table.getText()).doesNotContain(receipt));
    }

    @Test
    void adminChangesTheDailyCapOnTheSettingsPageAndSeesItInTheAuditLog() {
        String original = scoringSettings.current().antiGaming().dailyCap() + "";
        String changed = original.equals("12") ? "13" : "12";
        try {
            Browser b = as(Role.ADMIN);
            b.go("/admin/settings");
            assertThat(b.find(By.id("questions-audio-note")).getText()).contains("bản ghi âm");
            WebElement cap = b.find(By.id("setting-DAILY_CAP"));
            cap.clear();
            cap.sendKeys("mười");
            b.find(By.id("scoring-save")).click();
            assertThat(b.find(By.id("error-DAILY_CAP")).getText()).isEqualTo("Phải là một số không âm (ví dụ 0,6).");

            cap = b.find(By.id("setting-DAILY_CAP"));
            cap.clear();
            cap.sendKeys(changed);
            b.find(By.id("scoring-save")).click();
            assertThat(b.find(By.id("settings-saved")).getText()).startsWith("Đã lưu cách tính điểm");
            assertThat(b.find(By.id("setting-DAILY_CAP")).getAttribute("value")).isEqualTo(changed);
            assertThat(scoringSettings.current().antiGaming().dailyCap()).isEqualTo(Integer.parseInt(changed));

            b.go("/admin/audit?q=daily-cap");
            assertThat(b.find(By.id("audit-table")).getText()).contains("Đổi thông số tính điểm")
                    .contains(original + " → " + changed);
        } finally {
            var values = new java.util.EnumMap<vn.dancham.scoring.ScoringSetting, String>(
                    vn.dancham.scoring.ScoringSetting.class);
            scoringEditor.values().forEach(v -> values.put(v.setting(), v.effective()));
            values.put(vn.dancham.scoring.ScoringSetting.DAILY_CAP, original);
            assertThat(scoringEditor.update(values, "test").accepted()).isTrue();
        }
    }

    /**
     * HR, from the flagged ratings, follows the alert to the answers the writer set aside, reads why one waits, and
     * counts it again once the question it answers is back.
     */
    @Test
    void hrFollowsTheAlertToAnAnswerSetAsideAndCountsItAgain() {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        long dossierId = dossiers.status(new vn.dancham.dossier.ReceiptNumber(receipt)).orElseThrow().dossierId();
        String question = "B" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String key = "browser-set-aside-" + p.s();
        ratings.submit(new vn.dancham.rating.RatingSubmission(null, dossierId, null, question, 5, p.applicantPhone(),
                Instant.now().minusSeconds(300), vn.dancham.rating.RatingSubmission.Channel.PHONE, key));
        writer.applyPending();
        long id = dsl.fetchOne("SELECT id FROM rating_inbox WHERE answer_key = ?", key).get(0, Long.class);

        Browser b = as(Role.HR);
        b.go("/ratings/flagged");
        b.find(By.id("set-aside-alert")).findElement(By.tagName("a")).click();
        b.waitUntil(d -> d.getCurrentUrl().endsWith("/ratings/set-aside"));
        WebElement row = b.find(By.id("set-aside-" + id));
        assertThat(row.getText()).contains(receipt).contains("Câu hỏi này không có trong hệ thống").contains(question);
        screenshot(b, "answers-set-aside");

        dsl.execute("INSERT INTO rating_question (code, criterion, seq, prompt_vi, prompt_en, active) "
                + "VALUES (?, 'OVERALL', 91, 'Câu hỏi cũ', 'Old question', false)", question);
        b.find(By.id("retry-" + id)).click();
        assertThat(b.find(By.id("set-aside-done")).getText())
                .isEqualTo("Đã tính lại: câu trả lời được tính vào điểm.");
        assertThat(b.driver().findElements(By.id("set-aside-" + id))).isEmpty();
        assertThat(dsl.fetchOne("SELECT status FROM rating WHERE answer_key = ?", key).get(0, String.class))
                .isEqualTo("COUNTED");
    }

    /** With -Ddancham.screenshots=DIR, a PNG of the page for people to look at (kept out of the repository). */
    private static void screenshot(Browser b, String name) {
        String dir = System.getProperty("dancham.screenshots");
        if (dir == null) {
            return;
        }
        try {
            byte[] png = ((org.openqa.selenium.TakesScreenshot) b.driver()).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
            java.nio.file.Files.write(java.nio.file.Path.of(dir, name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
