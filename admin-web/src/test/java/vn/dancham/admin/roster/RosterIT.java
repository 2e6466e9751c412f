package vn.dancham.admin.roster;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.WebIT;
import vn.dancham.escalation.DutyShiftQuery;
import vn.dancham.escalation.DutyShifts;
import vn.dancham.organisation.AdminUnit;
import vn.dancham.organisation.Organisation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A leader edits the duty roster: add, reject with reasons, change, delete; every change audited. */
class RosterIT extends WebIT {

    @Autowired
    Organisation organisation;

    @Autowired
    DutyShifts shifts;

    @Autowired
    AuditLog auditLog;

    @Test
    void leaderAddsChangesAndDeletesAShift() throws Exception {
        var leader = userWith(Role.LEADER);
        String s = UUID.randomUUID().toString().substring(0, 6);
        long province = organisation.saveUnit("RP" + s, AdminUnit.Level.PROVINCE, "Tỉnh " + s, null);
        String person = "Trần Văn Trực " + s;

        mvc.perform(post("/roster").with(user(leader)).with(csrf())
                        .param("place", "u" + province).param("level", "2").param("personName", person)
                        .param("phone", "0912 345 678").param("startsAt", "2030-01-01T07:30").param("endsAt", "2030-01-02T07:30"))
                .andExpect(redirectedUrl("/roster"));
        var saved = shifts.list(new DutyShiftQuery(null, province, null, null, 10));
        assertThat(saved).singleElement().satisfies(shift -> {
            assertThat(shift.personName()).isEqualTo(person);
            assertThat(shift.phone()).isEqualTo("+84912345678");
            assertThat(shift.startsAt()).hasToString("2030-01-01T00:30:00Z");
        });
        long id = saved.get(0).id();

        String page = mvc.perform(get("/roster").param("place", "u" + province).param("from", "2030-01-01").with(user(leader)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(person).contains("01/01/2030 07:30");

        String rejected = mvc.perform(post("/roster/" + id).with(user(leader)).with(csrf())
                        .param("place", "u" + province).param("level", "2").param("personName", person)
                        .param("phone", "12").param("startsAt", "2030-01-02T07:30").param("endsAt", "2030-01-01T07:30"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(rejected).contains("id=\"roster-problems\"")
                .contains("Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc +84912345678).")
                .contains("Thời điểm kết thúc phải sau thời điểm bắt đầu.");
        String rejectedEn = mvc.perform(post("/roster/" + id).param("lang", "en").with(user(leader)).with(csrf())
                        .param("place", "u" + province).param("level", "2").param("personName", "x".repeat(121))
                        .param("phone", "12").param("startsAt", "2030-01-02T07:30").param("endsAt", "nonsense"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(rejectedEn).contains("Not a valid time").doesNotContain("Thời gian không hợp lệ");
        String rejectedEnByCore = mvc.perform(post("/roster/" + id).param("lang", "en").with(user(leader)).with(csrf())
                        .param("place", "u" + province).param("level", "2").param("personName", "x".repeat(121))
                        .param("phone", "12").param("startsAt", "2030-01-02T07:30").param("endsAt", "2030-01-01T07:30"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(rejectedEnByCore).contains("Name is too long (at most 120 characters).")
                .contains("Invalid phone number (e.g. 0912 345 678 or +84912345678).");
        assertThat(shifts.find(id).orElseThrow().phone()).isEqualTo("+84912345678");

        mvc.perform(post("/roster/" + id).with(user(leader)).with(csrf())
                        .param("place", "u" + province).param("level", "3").param("personName", person)
                        .param("phone", "0987654321").param("startsAt", "2030-01-01T07:30").param("endsAt", "2030-01-02T07:30"))
                .andExpect(redirectedUrl("/roster"));
        assertThat(shifts.find(id).orElseThrow().level()).isEqualTo(3);

        // Deleting asks first: without the confirmation box ticked nothing goes, and the form says why.
        mvc.perform(post("/roster/" + id + "/delete").with(user(leader)).with(csrf())).andExpect(redirectedUrl("/roster/" + id));
        assertThat(shifts.find(id)).isPresent();
        String form = mvc.perform(get("/roster/" + id).with(user(leader))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("id=\"roster-delete-confirm\"");
        mvc.perform(post("/roster/" + id + "/delete").param("confirm", "true").with(user(leader)).with(csrf()))
                .andExpect(redirectedUrl("/roster"));
        assertThat(shifts.find(id)).isEmpty();
        assertThat(auditLog.search("DUTY_SHIFT", 50, 0)).extracting(AuditLog.Entry::action)
                .contains("ROSTER_SHIFT_ADDED", "ROSTER_SHIFT_CHANGED", "ROSTER_SHIFT_DELETED");
    }
}
