package vn.dancham.admin.incidents;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.complaint.Complaints;
import vn.dancham.escalation.EscalationPolicies;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Incidents;
import vn.dancham.escalation.Severity;
import vn.dancham.organisation.Organisation;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Texts the application stores for later (an incident's title, summary and timeline, an audit detail) are shown in
 * the reader's language (issue 19): an English reader sees no Vietnamese words except names, and a Vietnamese reader
 * sees what the pages said before.
 */
class StoredTextPagesIT extends WebIT {

    private static final Pattern VIETNAMESE = Pattern.compile(
            "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", Pattern.CASE_INSENSITIVE);

    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired Complaints complaints;
    @Autowired vn.dancham.complaint.ReportIncidents reportIncidents;
    @Autowired Incidents incidents;
    @Autowired EscalationPolicies policies;

    private String html(String url, WebUser as) throws Exception {
        return mvc.perform(get(url).with(user(as))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** The text of the element with this id (the first one), tags removed. */
    private static String element(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>(.*?)</(p|ol|dl|ul)>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("element #" + id).isTrue();
        return m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
    }

    /** What is left of a text once the names it quotes (offices, people) are taken out. */
    private static String withoutNames(String text, String... names) {
        for (String n : names) {
            text = text.replace(n, "");
        }
        return text;
    }

    @Test
    void anIncidentReadInEnglishShowsItsTitleSummaryFactsAndTimelineInEnglish() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        vn.dancham.admin.support.Incidents.harassmentReport(complaints, reportIncidents, p, null);
        IncidentSummary incident = incidents.list(new IncidentFilter(Set.of(), Set.of(), null, p.counterOfficeId(),
                null, null, 10, 0)).getFirst();
        var leader = userWith(Role.LEADER);
        mvc.perform(post("/incidents/" + incident.id() + "/acknowledge").with(user(leader)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        var facts = incidents.find(incident.id()).orElseThrow().facts();
        String[] names = {facts.getOrDefault("officeName", "~"), facts.getOrDefault("officerName", "~")};

        String en = html("/incidents/" + incident.id() + "?lang=en", leader);
        String summary = element(en, "incident-summary");
        String timeline = element(en, "incident-timeline");
        assertThat(summary).startsWith("harassment report at ");
        assertThat(withoutNames(summary, names)).doesNotContainPattern(VIETNAMESE);
        assertThat(timeline).contains("Complaint #").contains("Taken on through the web");
        assertThat(withoutNames(timeline, names)).doesNotContainPattern(VIETNAMESE);
        assertThat(en).contains("Report of harassment or bribe-seeking: ");
        assertThat(html("/incidents?lang=en", leader)).contains("Report of harassment or bribe-seeking: ")
                .contains("harassment report at ").doesNotContain("Phản ánh vòi vĩnh").doesNotContain("phản ánh vòi vĩnh");

        // Read in Vietnamese, the same rows say what the pages always said.
        String vi = html("/incidents/" + incident.id(), leader);
        assertThat(element(vi, "incident-summary")).startsWith("phản ánh vòi vĩnh tại ");
        assertThat(element(vi, "incident-timeline")).contains("Phản ánh #").contains("Nhận xử lý qua web");
        // The alert SMS still says it in its own (Vietnamese) words.
        assertThat(incident.summary()).startsWith("phản ánh vòi vĩnh tại ");
    }

    @Test
    void anAuditDetailReadInEnglishIsInEnglish() throws Exception {
        EscalationPolicies.Policy urgent = policies.all().getFirst();
        var admin = userWith(Role.ADMIN);
        try {
            int wait = urgent.waitMinutes() == 12 ? 13 : 12;
            mvc.perform(post("/admin/settings/escalation").with(user(admin)).with(csrf())
                            .param("severity", "URGENT").param("waitMinutes", String.valueOf(wait))
                            .param("maxLevel", String.valueOf(urgent.maxLevel()))
                            .param("repeats", String.valueOf(urgent.repeats())))
                    .andExpect(status().is3xxRedirection());

            String en = html("/admin/audit?lang=en&q=ESCALATION_POLICY_CHANGED", admin);
            assertThat(en).contains("wait for acknowledgement " + urgent.waitMinutes() + " → " + wait + " minutes")
                    .doesNotContain("chờ xác nhận");
            assertThat(html("/admin/audit?q=ESCALATION_POLICY_CHANGED", admin))
                    .contains("chờ xác nhận " + urgent.waitMinutes() + " → " + wait + " phút");
        } finally {
            policies.update(Severity.URGENT, String.valueOf(urgent.waitMinutes()), String.valueOf(urgent.maxLevel()),
                    String.valueOf(urgent.repeats()));
        }
    }
}
