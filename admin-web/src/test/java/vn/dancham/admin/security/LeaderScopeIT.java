package vn.dancham.admin.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.complaint.Complaints;
import vn.dancham.escalation.DutyShiftDraft;
import vn.dancham.escalation.DutyShiftQuery;
import vn.dancham.escalation.DutyShifts;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Incidents;
import vn.dancham.escalation.RosterChange;
import vn.dancham.organisation.Organisation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A district leader acts on their own district only: every incident and roster mapping that changes something is
 * walked with another district's incident or shift (403, nothing changed) and with their own (done). A leader
 * without a district acts on all.
 */
class LeaderScopeIT extends WebIT {

    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired Complaints complaints;
    @Autowired vn.dancham.complaint.ReportIncidents reportIncidents;
    @Autowired Incidents incidents;
    @Autowired DutyShifts shifts;

    IncidentSummary incidentIn(Fixtures.Place p) {
        vn.dancham.admin.support.Incidents.harassmentReport(complaints, reportIncidents, p, null);
        return incidents.list(new IncidentFilter(Set.of(), Set.of(), null, p.counterOfficeId(), null, null, 10, 0))
                .stream().findFirst().orElseThrow();
    }

    long shiftIn(Fixtures.Place p) {
        Instant start = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        var change = shifts.add(new DutyShiftDraft(null, p.districtId(), 2, "Người trực " + p.s(), "0912345678", null,
                start, start.plus(1, ChronoUnit.DAYS), null));
        return ((RosterChange.Saved) change).shift().id();
    }

    WebUser leaderOf(Fixtures.Place p) {
        String name = "leader-" + p.s();
        users.create(name, "Lãnh đạo " + p.s(), PASSWORD, EnumSet.of(Role.LEADER), null, null, p.districtId());
        return users.load(name).orElseThrow();
    }

    @Test
    void aDistrictLeaderActsOnTheirOwnDistrictsIncidentsOnly() throws Exception {
        var mine = Fixtures.place(organisation, procedures);
        var theirs = Fixtures.place(organisation, procedures);
        WebUser leader = leaderOf(mine);
        IncidentSummary own = incidentIn(mine);
        IncidentSummary other = incidentIn(theirs);

        String page = mvc.perform(get("/incidents/" + other.id()).with(user(leader))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"not-your-area\"").doesNotContain("id=\"acknowledge\"", "id=\"resolve\"");
        mvc.perform(post("/incidents/" + other.id() + "/acknowledge").with(user(leader)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/incidents/" + other.id() + "/resolve").param("note", "xong").with(user(leader)).with(csrf()))
                .andExpect(status().isForbidden());
        var untouched = incidents.find(other.id()).orElseThrow().incident();
        assertThat(untouched.acknowledgedBy()).isNull();
        assertThat(untouched.state()).isNotIn(IncidentState.ACKNOWLEDGED, IncidentState.RESOLVED);

        mvc.perform(post("/incidents/" + own.id() + "/acknowledge").with(user(leader)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(incidents.find(own.id()).orElseThrow().incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);

        // A province leader (no district) acts on any district's incident.
        WebUser province = userWith(Role.LEADER);
        mvc.perform(post("/incidents/" + other.id() + "/acknowledge").with(user(province)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(incidents.find(other.id()).orElseThrow().incident().acknowledgedBy()).isEqualTo(province.getUsername());
    }

    @Test
    void aDistrictLeaderEditsTheirOwnDistrictsRosterOnly() throws Exception {
        var mine = Fixtures.place(organisation, procedures);
        var theirs = Fixtures.place(organisation, procedures);
        WebUser leader = leaderOf(mine);
        long otherShift = shiftIn(theirs);
        long ownShift = shiftIn(mine);

        String form = mvc.perform(get("/roster/new").with(user(leader))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("Huyện " + mine.s()).doesNotContain("Huyện " + theirs.s(), "Tỉnh " + theirs.s());

        mvc.perform(post("/roster").with(user(leader)).with(csrf()).param("place", "u" + theirs.districtId())
                        .param("level", "2").param("personName", "Kẻ lạ").param("phone", "0912345678")
                        .param("startsAt", "2031-01-01T07:30").param("endsAt", "2031-01-02T07:30"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/roster").with(user(leader)).with(csrf()).param("place", "o" + theirs.counterOfficeId())
                        .param("level", "1").param("personName", "Kẻ lạ").param("phone", "0912345678")
                        .param("startsAt", "2031-01-01T07:30").param("endsAt", "2031-01-02T07:30"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/roster/" + otherShift).with(user(leader))).andExpect(status().isForbidden());
        mvc.perform(post("/roster/" + otherShift).with(user(leader)).with(csrf()).param("place", "u" + theirs.districtId())
                        .param("level", "3").param("personName", "Đổi tên").param("phone", "0912345678")
                        .param("startsAt", "2031-01-01T07:30").param("endsAt", "2031-01-02T07:30"))
                .andExpect(status().isForbidden());
        // Moving one's own shift into another district is refused too.
        mvc.perform(post("/roster/" + ownShift).with(user(leader)).with(csrf()).param("place", "u" + theirs.districtId())
                        .param("level", "3").param("personName", "Dời đi").param("phone", "0912345678")
                        .param("startsAt", "2031-01-01T07:30").param("endsAt", "2031-01-02T07:30"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/roster/" + otherShift + "/delete").param("confirm", "true").with(user(leader)).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(shifts.find(otherShift).orElseThrow().personName()).isEqualTo("Người trực " + theirs.s());
        assertThat(shifts.list(new DutyShiftQuery(null, theirs.districtId(), null, null, 10))).hasSize(1);

        mvc.perform(post("/roster").with(user(leader)).with(csrf()).param("place", "o" + mine.counterOfficeId())
                        .param("level", "1").param("personName", "Trưởng bộ phận " + mine.s()).param("phone", "0912345678")
                        .param("startsAt", "2031-01-01T07:30").param("endsAt", "2031-01-02T07:30"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/roster/" + ownShift + "/delete").param("confirm", "true").with(user(leader)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(shifts.find(ownShift)).isEmpty();
    }
}
