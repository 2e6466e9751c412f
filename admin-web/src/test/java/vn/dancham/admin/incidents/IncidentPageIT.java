package vn.dancham.admin.incidents;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.complaint.Complaints;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Incidents;
import vn.dancham.organisation.Organisation;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The incident page a leader opens from the SMS: acknowledge, resolve with a note, timeline, SMS states. */
class IncidentPageIT extends WebIT {

    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired Complaints complaints;
    @Autowired vn.dancham.complaint.ReportIncidents reportIncidents;
    @Autowired Incidents incidents;
    @Autowired AuditLog auditLog;

    IncidentSummary incidentFor(Fixtures.Place p) {
        vn.dancham.admin.support.Incidents.harassmentReport(complaints, reportIncidents, p, null);
        return incidents.list(new IncidentFilter(Set.of(), Set.of(), null, p.counterOfficeId(), null, null, 10, 0))
                .stream().findFirst().orElseThrow(() -> new AssertionError("no incident from a harassment report"));
    }

    private String html(String url, WebUser as) throws Exception {
        return mvc.perform(get(url).with(user(as))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** The dashboard never links HR to a page HR cannot open: open incidents are listed, not linked. */
    @Test
    void theDashboardLinksIncidentsOnlyForThoseWhoMayOpenThem() throws Exception {
        IncidentSummary incident = incidentFor(Fixtures.place(organisation, procedures));
        String hr = html("/dashboard", userWith(Role.HR));
        assertThat(hr).contains(incident.code()).doesNotContain("href=\"/incidents/" + incident.id() + "\"")
                .doesNotContain("href=\"/incidents/sms-backlog\"");
        assertThat(html("/dashboard", userWith(Role.LEADER))).contains("href=\"/incidents/" + incident.id() + "\"");
    }

    @Test
    void leaderAcknowledgesThenResolvesWithANote() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        IncidentSummary incident = incidentFor(p);
        var leader = userWith(Role.LEADER);

        String page = html("/incidents/" + incident.id(), leader);
        assertThat(page).contains(incident.code()).contains("id=\"acknowledge\"").contains("id=\"incident-timeline\"");
        // The title is stored as a code and its argument; the list words it (issue 19).
        assertThat(html("/incidents", leader)).contains("href=\"/incidents/" + incident.id() + "\"")
                .contains("Phản ánh vòi vĩnh, hạch sách: ");

        mvc.perform(post("/incidents/" + incident.id() + "/acknowledge").with(user(leader)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(incidents.find(incident.id()).orElseThrow().incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(incidents.find(incident.id()).orElseThrow().incident().acknowledgedBy()).isEqualTo(leader.getUsername());

        var tooLong = mvc.perform(post("/incidents/" + incident.id() + "/resolve").with(user(leader)).with(csrf())
                        .param("note", "x".repeat(2001)))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(incidents.find(incident.id()).orElseThrow().incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        // The refusal is a code with its argument; the page says it in the reader's language.
        assertThat(mvc.perform(get("/incidents/" + incident.id()).flashAttrs(tooLong.getFlashMap()).with(user(leader)))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("Nội dung quá dài (tối đa 2000 ký tự).");
        assertThat(mvc.perform(get("/incidents/" + incident.id()).param("lang", "en").flashAttrs(tooLong.getFlashMap())
                        .with(user(leader)))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("The note is too long (at most 2000 characters).");
        mvc.perform(post("/incidents/" + incident.id() + "/resolve").with(user(leader)).with(csrf()).param("note", "   "))
                .andExpect(status().is3xxRedirection());
        assertThat(incidents.find(incident.id()).orElseThrow().incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);

        mvc.perform(post("/incidents/" + incident.id() + "/resolve").with(user(leader)).with(csrf())
                        .param("note", "Đã làm việc với cán bộ <b>và</b> người dân"))
                .andExpect(status().is3xxRedirection());
        var resolved = incidents.find(incident.id()).orElseThrow().incident();
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(html("/incidents/" + incident.id(), leader)).contains("Đã làm việc với cán bộ &lt;b&gt;và&lt;/b&gt; người dân");
        assertThat(auditLog.search("INCIDENT", 100, 0)).extracting(AuditLog.Entry::targetId).contains(String.valueOf(incident.id()));
    }

    @Test
    void officeHeadSeesOwnOfficesIncidentsOnly() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        IncidentSummary incident = incidentFor(p);
        var own = userWith(p.counterOfficeId(), Role.OFFICE_HEAD);
        assertThat(html("/incidents/" + incident.id(), own)).contains(incident.code());
        var other = userWith(p.deptOfficeId(), Role.OFFICE_HEAD);
        mvc.perform(get("/incidents/" + incident.id()).with(user(other))).andExpect(status().isNotFound());
        mvc.perform(post("/incidents/" + incident.id() + "/acknowledge").with(user(other)).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(html("/incidents", other)).doesNotContain("href=\"/incidents/" + incident.id() + "\"");
    }

    @Test
    void smsBacklogShowsWhetherTwilioIsReal() throws Exception {
        String page = html("/incidents/sms-backlog", userWith(Role.ADMIN));
        assertThat(page).contains("id=\"sms-waiting\"");
    }

    @Test
    void theShortLinkInAnSmsLeadsToTheIncidentPageBehindLogin() throws Exception {
        IncidentSummary incident = incidentFor(Fixtures.place(organisation, procedures));
        mvc.perform(get("/i/" + incident.id()).with(user(userWith(Role.LEADER))))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                        .redirectedUrl("/incidents/" + incident.id()));
        mvc.perform(get("/i/" + incident.id())).andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers
                        .redirectedUrl("/login"));
    }
}
