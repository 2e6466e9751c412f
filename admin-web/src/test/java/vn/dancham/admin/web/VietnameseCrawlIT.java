package vn.dancham.admin.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.Ratings;
import vn.dancham.admin.support.WebIT;
import vn.dancham.complaint.Complaints;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.Dossiers;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.Incidents;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.ScoringMaintenance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Visits every GET page as every role, in Vietnamese (the default), on data that has a rated late dossier, a
 * harassment incident with its timeline and SMS, a complaint and an audited setting change, and fails on what a
 * leader or HR officer should never have to read: a raw enum code, an ISO period or duration, a cron string, a
 * programmer's key, or an English word. The pages are rendered through the whole MVC stack (MockMvc), which is what a
 * browser receives; only the visible text is checked (tags, scripts and attributes are not read by people).
 */
public class VietnameseCrawlIT extends WebIT {

    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;
    @Autowired Dossiers dossiers;
    @Autowired vn.dancham.rating.Ratings ratings;
    @Autowired ScoringMaintenance maintenance;
    @Autowired Complaints complaints;
    @Autowired vn.dancham.complaint.ReportIncidents reportIncidents;
    @Autowired Incidents incidents;
    @Autowired AuditLog auditLog;
    @Autowired vn.dancham.rating.RatingWriter writer;

    /** What people must not read, each with the reason it is reported. */
    static final Map<String, Pattern> FORBIDDEN = new LinkedHashMap<>();

    static {
        // OPENED, NO_ONE_ON_DUTY, ONE_STOP, PROVINCE…: two or more capitals, alone or joined by underscores. Known
        // abbreviations people do read (SMS, CSV, XLSX, API, UBND, HTTP…) are allowed below.
        FORBIDDEN.put("raw code", Pattern.compile("(?<![\\p{L}\\d.-])[A-Z]{2,}(?:_[A-Z0-9]+)*(?![\\p{L}\\d-])"));
        FORBIDDEN.put("ISO period", Pattern.compile("(?<![\\d/.-])\\d{4}-(?:0[1-9]|1[0-2]|Q[1-4]|W\\d{2})(?![\\d-])"));
        FORBIDDEN.put("ISO date", Pattern.compile("(?<![\\d/.-])\\d{4}-\\d{2}-\\d{2}"));
        FORBIDDEN.put("ISO duration", Pattern.compile("(?<![\\p{L}\\d])P(?:T\\d+[HMS]|\\d+[DWMY])"));
        FORBIDDEN.put("cron", Pattern.compile("(?:[\\d*?/,-]+ ){3,5}[*?]"));
        FORBIDDEN.put("snake_case key", Pattern.compile("(?<![\\p{L}\\d.@-])[a-z]+(?:_[a-z0-9]+)+(?![\\p{L}\\d@])"));
        FORBIDDEN.put("camelCase key", Pattern.compile("(?<![\\p{L}\\d])[a-z]+[A-Z][a-z]+[A-Za-z]*(?![\\p{L}\\d])"));
        FORBIDDEN.put("English word", Pattern.compile("(?i)(?<![\\p{L}\\d])(?:the|rating|ratings|score|weight|effective"
                + "|interval|satisfaction|over|with|and|of|none|unknown|pending|sent|delivered|failed|simulated"
                + "|acknowledged|resolved|opened|repeated|withdrawn|true|false|null|null"
                // Audit details once written in English by the code (issue 19).
                + "|rows|created|updated|unchanged|level|withheld|officers|assignee|retention|days|recorded)"
                + "(?![\\p{L}\\d])"));
    }

    /** Abbreviations that are Vietnamese usage too, or names of things people type. */
    static final Set<String> ALLOWED_CODES = Set.of("SMS", "CSV", "XLSX", "API", "UBND", "HĐND", "CCCD", "PDF", "URL",
            "OK", "ID", "HR", "IVR", "TP", "SHA", "UTF", "BOM", "HTTP", "HTTPS", "DTMF", "WAV", "CSRF", "VNĐ", "IP",
            "QR", "GPS", "ISO", "VI", "EN", "MB", "KB", "CB", "HS", "REST", "README");

    /** Examples of what people may type, shown on purpose (the CSV import's accepted date formats). */
    static final List<String> ALLOWED_TEXT = List.of("2026-03-01 08:30");

    @Test
    void everyPageAsEveryRoleSpeaksVietnamese() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        Ratings.rate(ratings, dossiers, receipt, "ATTITUDE", 1, p.applicantPhone(), Instant.now().minusSeconds(7200));
        Ratings.rate(ratings, dossiers, receipt, "OVERALL", 2, p.applicantPhone(), Instant.now().minusSeconds(7200));
        maintenance.snapshot(LocalDate.now().minusMonths(3), LocalDate.now());
        // An answer the rating writer sets aside (its question is not in the system), for HR's set-aside page.
        long dossierId = dossiers.status(new vn.dancham.dossier.ReceiptNumber(receipt)).orElseThrow().dossierId();
        ratings.submit(new vn.dancham.rating.RatingSubmission(null, dossierId, null, "RETIRED_QUESTION", 3,
                p.applicantPhone(), Instant.now().minusSeconds(600), vn.dancham.rating.RatingSubmission.Channel.PHONE,
                "crawl-set-aside-" + p.s()));
        writer.applyPending();
        long complaint = vn.dancham.admin.support.Incidents.harassmentReport(complaints, reportIncidents, p, null);
        long incident = incidents.list(new IncidentFilter(Set.of(), Set.of(), null, p.counterOfficeId(), null, null, 10, 0))
                .stream().findFirst().orElseThrow().id();
        // As SettingsController writes it.
        auditLog.recordAs("admin", "SETTING_CHANGED", "SETTING",
                vn.dancham.scoring.ScoringSetting.LOW_SCORE_THRESHOLD.property(), "60 → 55");
        long userId = userWith(Role.HR).id();
        // A user created through the page, as an administrator does it: its audit entry lists the roles.
        mvc.perform(post("/admin/users").with(user(userWith(Role.ADMIN))).with(csrf())
                .param("username", "crawl-" + p.s()).param("displayName", "Người dùng " + p.s())
                .param("roles", "HR", "LEADER"));

        Map<String, String> ids = Map.of(
                "/offices/{id}", String.valueOf(p.counterOfficeId()),
                "/officers/{id}", String.valueOf(p.counterOfficerId()),
                "/incidents/{id}", String.valueOf(incident),
                "/complaints/{id}", String.valueOf(complaint),
                "/dossiers/{receipt}", receipt,
                "/admin/users/{id}", String.valueOf(userId));
        // Views of one page that show other labels (periods, kinds of unit) than its default.
        List<String> extra = List.of("/scores?view=offices", "/scores?view=officers", "/scores?view=fields",
                "/scores?view=officers&period=m" + java.time.YearMonth.now().minusMonths(1),
                "/scores?view=offices&period=q" + LocalDate.now().getYear() + "-1", "/scores?period=y" + LocalDate.now().getYear(),
                "/officers/" + p.counterOfficerId() + "?period=30d", "/dossiers?q=" + receipt,
                "/dossiers/" + receipt + "/apology-letter", "/admin/sms-usage?month=" + java.time.YearMonth.now(),
                "/admin/audit?q=SETTING");

        Set<String> urls = new TreeSet<>(extra);
        for (var mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (var entry : mapping.getHandlerMethods().entrySet()) {
                var methods = entry.getKey().getMethodsCondition().getMethods();
                if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                    continue;
                }
                for (String pattern : entry.getKey().getPatternValues()) {
                    if (pattern.contains("{")) {
                        if (ids.containsKey(pattern)) {
                            urls.add(pattern.replaceAll("\\{[^}]+}", ids.get(pattern)));
                        }
                    } else if (!pattern.startsWith("/api/") && !pattern.startsWith("/twilio/")
                            && !pattern.equals("/error")) {
                        urls.add(pattern);
                    }
                }
            }
        }

        Map<String, WebUser> roles = new LinkedHashMap<>();
        roles.put("ADMIN", userWith(Role.ADMIN));
        roles.put("HR", userWith(Role.HR));
        roles.put("LEADER", userWith(Role.LEADER));
        roles.put("COMPLAINT_HANDLER", userWith(Role.COMPLAINT_HANDLER));
        roles.put("OFFICE_HEAD", userWith(p.counterOfficeId(), Role.OFFICE_HEAD));
        // An officer's own page (/toi) with the answers and complaint rated above.
        long officerLogin = users.create("crawl-officer-" + p.s(), "Cán bộ " + p.s(), PASSWORD,
                java.util.EnumSet.of(Role.OFFICER), null, null);
        users.linkOfficer(officerLogin, p.counterOfficerId());
        roles.put("OFFICER", users.load("crawl-officer-" + p.s()).orElseThrow());

        List<String> findings = new ArrayList<>();
        int pages = 0;
        for (var role : roles.entrySet()) {
            for (String url : urls) {
                MockHttpServletResponse r = mvc.perform(get(url).with(user(role.getValue()))).andReturn().getResponse();
                if (r.getStatus() != 200 || r.getContentType() == null || !r.getContentType().startsWith("text/html")) {
                    continue;
                }
                pages++;
                for (String finding : findings(visibleText(r.getContentAsString(StandardCharsets.UTF_8)))) {
                    findings.add(role.getKey() + " " + url + ": " + finding);
                }
            }
        }
        assertThat(pages).as("pages rendered").isGreaterThan(40);
        assertThat(findings).as("text a Vietnamese reader should not meet").isEmpty();
    }

    /**
     * The text a person reads: no scripts, styles or tags, entities decoded, blanks collapsed. What people type
     * themselves (office, officer and procedure codes in a {@code <code>} element, the content of a text box) is
     * theirs, not ours.
     */
    public static String visibleText(String html) {
        String text = html.replaceAll("(?is)<(script|style|svg|code|textarea)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?is)<option[^>]*>", " ")
                .replaceAll("(?s)<!--.*?-->", " ")
                .replaceAll("(?s)<[^>]+>", " ");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return text.replaceAll("\\s+", " ");
    }

    public static List<String> findings(String page) {
        String text = page;
        for (String allowed : ALLOWED_TEXT) {
            text = text.replace(allowed, " ");
        }
        List<String> found = new ArrayList<>();
        for (var rule : FORBIDDEN.entrySet()) {
            Matcher m = rule.getValue().matcher(text);
            while (m.find()) {
                if (rule.getKey().equals("raw code") && ALLOWED_CODES.contains(m.group())) {
                    continue;
                }
                int from = Math.max(0, m.start() - 30);
                int to = Math.min(text.length(), m.end() + 30);
                found.add(rule.getKey() + " «" + m.group() + "» in …" + text.substring(from, to) + "…");
            }
        }
        return found;
    }
}
