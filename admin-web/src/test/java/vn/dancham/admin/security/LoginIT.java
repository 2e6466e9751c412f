package vn.dancham.admin.security;

import org.junit.jupiter.api.Test;
import vn.dancham.admin.support.WebIT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Form login against app_user: bcrypt hashes, lock-out after repeated failures, CSRF, roles. */
class LoginIT extends WebIT {

    @Test
    void correctPasswordLogsInAndStoresOnlyABcryptHash() throws Exception {
        WebUser hr = userWith(Role.HR);
        assertThat(hr.getPassword()).startsWith("{bcrypt}$2");
        mvc.perform(formLogin().user(hr.getUsername()).password(PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void accountLocksAfterTheConfiguredNumberOfWrongPasswordsEvenForTheRightOne() throws Exception {
        long id = users.create("lockme", "Lock Me", PASSWORD, java.util.EnumSet.of(Role.HR), null, null);
        for (int i = 1; i <= 4; i++) {
            mvc.perform(formLogin().user("lockme").password("wrong-" + i)).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin().user("lockme").password("wrong-5")).andExpect(redirectedUrl("/login?locked"));
        // Locked: even the right password is refused until the lock expires or an administrator unlocks.
        mvc.perform(formLogin().user("lockme").password(PASSWORD)).andExpect(redirectedUrl("/login?locked"));
        users.unlock(id);
        mvc.perform(formLogin().user("lockme").password(PASSWORD)).andExpect(redirectedUrl("/"));
        assertThat(users.find(id).orElseThrow().failedLogins()).isZero();
    }

    @Test
    void unknownUserGetsTheSameAnswerAsAWrongPassword() throws Exception {
        mvc.perform(formLogin().user("nobody-here").password("x")).andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void postWithoutCsrfTokenIsRefused() throws Exception {
        WebUser hr = userWith(Role.HR);
        mvc.perform(post("/account/password").with(user(hr))
                        .param("current", PASSWORD).param("password", "x").param("repeat", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/login").param("username", hr.getUsername()).param("password", PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void anonymousIsSentToTheLoginPage() throws Exception {
        mvc.perform(get("/dashboard")).andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login"));
    }

    @Test
    void changingOwnPasswordNeedsTheCurrentOneAndIsAudited() throws Exception {
        long id = users.create("changeme", "Change Me", PASSWORD, java.util.EnumSet.of(Role.LEADER), null, null);
        WebUser me = users.load("changeme").orElseThrow();
        mvc.perform(post("/account/password").with(user(me)).with(csrf())
                        .param("current", "wrong").param("password", "new-password-99").param("repeat", "new-password-99"))
                .andExpect(redirectedUrl("/account"));
        mvc.perform(formLogin().user("changeme").password("new-password-99")).andExpect(redirectedUrl("/login?error"));
        users.unlock(id);
        mvc.perform(post("/account/password").with(user(me)).with(csrf())
                        .param("current", PASSWORD).param("password", "new-password-99").param("repeat", "new-password-99"))
                .andExpect(redirectedUrl("/account"));
        mvc.perform(formLogin().user("changeme").password("new-password-99")).andExpect(redirectedUrl("/"));
    }
}
