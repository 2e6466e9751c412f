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

/** Form login against app_user: bcrypt hashes, no lock-out (LoginThrottleIT has the slow-down), CSRF, roles. */
class LoginIT extends WebIT {

    @Test
    void correctPasswordLogsInAndStoresOnlyABcryptHash() throws Exception {
        WebUser hr = userWith(Role.HR);
        assertThat(hr.getPassword()).startsWith("{bcrypt}$2");
        mvc.perform(formLogin().user(hr.getUsername()).password(PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"));
    }

    /** Nothing locks: an account a stranger has hammered lets its owner in at once from the owner's own browser. */
    @Test
    void wrongPasswordsNeverLockTheAccountForTheOwnersBrowser() throws Exception {
        users.create("lockme", "Lock Me", PASSWORD, java.util.EnumSet.of(Role.HR), null, null);
        var owner = LoginThrottleIT.logIn(mvc, "198.51.100.40", "lockme", PASSWORD, null);
        for (int i = 1; i <= 8; i++) {
            LoginThrottleIT.logIn(mvc, "198.51.100.41", "lockme", "wrong-" + i, null);
        }
        assertThat(LoginThrottleIT.logIn(mvc, "198.51.100.40", "lockme", PASSWORD,
                owner.getCookie("DANCHAM_DEVICE")).getRedirectedUrl()).isEqualTo("/");
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
        users.create("changeme", "Change Me", PASSWORD, java.util.EnumSet.of(Role.LEADER), null, null);
        WebUser me = users.load("changeme").orElseThrow();
        mvc.perform(post("/account/password").with(user(me)).with(csrf())
                        .param("current", "wrong").param("password", "new-password-99").param("repeat", "new-password-99"))
                .andExpect(redirectedUrl("/account"));
        mvc.perform(formLogin().user("changeme").password("new-password-99")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/account/password").with(user(me)).with(csrf())
                        .param("current", PASSWORD).param("password", "new-password-99").param("repeat", "new-password-99"))
                .andExpect(redirectedUrl("/account"));
        mvc.perform(formLogin().user("changeme").password("new-password-99")).andExpect(redirectedUrl("/"));
    }
}
