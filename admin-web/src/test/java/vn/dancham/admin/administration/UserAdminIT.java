package vn.dancham.admin.administration;

import org.junit.jupiter.api.Test;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.WebIT;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Administrators manage users and roles; the new password is shown once and works. */
class UserAdminIT extends WebIT {

    @Test
    void adminCreatesAUserWhoCanLogInAndChangesTheirRoles() throws Exception {
        var admin = userWith(Role.ADMIN);
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        var result = mvc.perform(post("/admin/users").with(user(admin)).with(csrf())
                        .param("username", name).param("displayName", "Nguyễn Thị Hoa").param("roles", "HR"))
                .andExpect(redirectedUrl("/admin/users")).andExpect(flash().attributeExists("password")).andReturn();
        String password = ((String[]) result.getFlashMap().get("password"))[1];
        mvc.perform(formLogin().user(name).password(password)).andExpect(redirectedUrl("/"));

        var created = users.load(name).orElseThrow();
        assertThat(created.roles()).containsExactly(Role.HR);
        mvc.perform(post("/admin/users/" + created.id()).with(user(admin)).with(csrf())
                        .param("displayName", "Nguyễn Thị Hoa").param("roles", "HR", "LEADER").param("enabled", "true"))
                .andExpect(redirectedUrl("/admin/users"));
        assertThat(users.load(name).orElseThrow().roles()).containsExactlyInAnyOrder(Role.HR, Role.LEADER);

        String page = mvc.perform(get("/admin/users").with(user(admin))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(name).doesNotContain(password);
    }

    @Test
    void officeHeadNeedsAnOfficeAndBadUsernamesAreRefused() throws Exception {
        var admin = userWith(Role.ADMIN);
        mvc.perform(post("/admin/users").with(user(admin)).with(csrf())
                        .param("username", "head" + UUID.randomUUID().toString().substring(0, 6))
                        .param("displayName", "Trưởng").param("roles", "OFFICE_HEAD"))
                .andExpect(model().attribute("error", "admin.users.error.office"));
        mvc.perform(post("/admin/users").with(user(admin)).with(csrf())
                        .param("username", "Bad Name!").param("displayName", "X").param("roles", "HR"))
                .andExpect(model().attribute("error", "admin.users.error.username"));
    }

    @Test
    void anOfficerLoginIsLinkedByTheOfficersCodeAndNeedsOne() throws Exception {
        var admin = userWith(Role.ADMIN);
        String name = "off" + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/admin/users").with(user(admin)).with(csrf())
                        .param("username", name).param("displayName", "Cán bộ").param("roles", "OFFICER")
                        .param("officerCode", "NO-SUCH-CODE"))
                .andExpect(model().attribute("error", "admin.users.error.officer"));
        assertThat(users.exists(name)).isFalse();
        var place = vn.dancham.admin.support.Fixtures.place(organisationApi, procedures);
        long officerId = place.counterOfficerId();
        mvc.perform(post("/admin/users").with(user(admin)).with(csrf())
                        .param("username", name).param("displayName", "Cán bộ").param("roles", "OFFICER")
                        .param("officerCode", place.counterOfficerCode()))
                .andExpect(flash().attributeExists("password"));
        var created = users.load(name).orElseThrow();
        assertThat(created.officerId()).isEqualTo(officerId);
        mvc.perform(post("/admin/users/" + created.id()).with(user(admin)).with(csrf())
                        .param("displayName", "Cán bộ").param("roles", "HR").param("enabled", "true")
                        .param("officerCode", place.counterOfficerCode()))
                .andExpect(redirectedUrl("/admin/users"));
        assertThat(users.load(name).orElseThrow().officerId()).as("no OFFICER role, no link").isNull();
    }

    @org.springframework.beans.factory.annotation.Autowired
    vn.dancham.organisation.Organisation organisationApi;
    @org.springframework.beans.factory.annotation.Autowired
    vn.dancham.admin.procedures.Procedures procedures;

    @Test
    void organisationAndProceduresPagesRender() throws Exception {
        var admin = userWith(Role.ADMIN);
        mvc.perform(get("/admin/organisation").with(user(admin))).andExpect(status().isOk());
        mvc.perform(get("/admin/procedures").with(user(admin))).andExpect(status().isOk());
        mvc.perform(get("/admin").with(user(admin))).andExpect(status().isOk());
        String settings = mvc.perform(get("/admin/settings").with(user(admin))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(settings).contains("dancham.scoring.model.prior-weight").contains("dancham.scoring.model.halfLife")
                .contains("dancham.escalation.maxSegments")
                .contains("id=\"questions\"");
    }

    /** A refused create shows the form again with everything typed, says why, and creates nobody. */
    @Test
    void aRefusedNewUserKeepsWhatWasTypedAndABadPhoneIsRefused() throws Exception {
        var admin = userWith(Role.ADMIN);
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        String page = mvc.perform(post("/admin/users").with(user(admin)).with(csrf())
                        .param("username", name).param("displayName", "Trần Thị Điện Thoại")
                        .param("phone", "abc<script>").param("roles", "LEADER", "HR"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"user-error\"", "Số điện thoại không hợp lệ")
                .contains("value=\"" + name + "\"", "value=\"Trần Thị Điện Thoại\"", "value=\"abc&lt;script&gt;\"")
                .doesNotContain("abc<script>");
        assertThat(page).containsPattern("value=\"LEADER\"\\s+checked");
        assertThat(users.exists(name)).isFalse();

        mvc.perform(post("/admin/users").with(user(admin)).with(csrf())
                        .param("username", name).param("displayName", "Trần Thị Điện Thoại")
                        .param("phone", "0912 345 678").param("roles", "LEADER"))
                .andExpect(redirectedUrl("/admin/users"));
        assertThat(users.exists(name)).isTrue();
    }
}
