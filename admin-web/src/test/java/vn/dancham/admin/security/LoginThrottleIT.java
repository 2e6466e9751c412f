package vn.dancham.admin.security;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.support.WebIT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Guessing passwords is slowed per client address and per typed username, identically for names that exist and
 * names that do not, and never locks the owner out. The test profile makes each wait an hour (application-test.yml),
 * so "turned away" below never depends on how fast the machine is; LoginThrottlePolicyTest works the real figures.
 * Each test uses its own documentation addresses (RFC 5737) and names.
 */
class LoginThrottleIT extends WebIT {

    static final String WRONG = "not-the-password";
    static final List<String> FIVE_ERRORS_THEN_WAIT = List.of("/login?error", "/login?error", "/login?error",
            "/login?error", "/login?error", "/login?wait", "/login?wait", "/login?wait");

    @Autowired
    AuditLog auditLog;

    static MockHttpServletResponse logIn(MockMvc mvc, String client, String username, String password,
                                         Cookie device) throws Exception {
        var request = post("/login").param("username", username).param("password", password).with(csrf())
                .with(r -> {
                    r.setRemoteAddr(client);
                    return r;
                });
        if (device != null) {
            request.cookie(device);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** What a guesser can observe of one answer: status, where it sends them, which cookies it sets. */
    static String answer(MockHttpServletResponse response) {
        List<String> cookies = new ArrayList<>();
        for (Cookie c : response.getCookies()) {
            cookies.add(c.getName());
        }
        Collections.sort(cookies);
        return response.getStatus() + " " + response.getRedirectedUrl() + " " + cookies;
    }

    @Test
    void aNameThatExistsAndOneThatDoesNotGetTheSameAnswersTryAfterTry() throws Exception {
        users.create("enum-victim", "Enum Victim", PASSWORD, EnumSet.of(Role.HR), null, null);
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> knownUrls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // One address per name: both the client's and the name's counts are at work.
            var k = logIn(mvc, "192.0.2.10", "enum-victim", WRONG + i, null);
            var u = logIn(mvc, "192.0.2.11", "enum-nobody", WRONG + i, null);
            known.add(answer(k));
            unknown.add(answer(u));
            knownUrls.add(k.getRedirectedUrl());
        }
        assertThat(known).isEqualTo(unknown);
        assertThat(knownUrls).isEqualTo(FIVE_ERRORS_THEN_WAIT);

        known.clear();
        unknown.clear();
        knownUrls.clear();
        users.create("enum-victim2", "Enum Victim 2", PASSWORD, EnumSet.of(Role.HR), null, null);
        for (int i = 0; i < 8; i++) {
            // A new address for every try (a botnet): only the name's count is at work, still the same answers.
            var k = logIn(mvc, "192.0.2." + (100 + i), "enum-victim2", WRONG + i, null);
            var u = logIn(mvc, "192.0.2." + (120 + i), "enum-nobody2", WRONG + i, null);
            known.add(answer(k));
            unknown.add(answer(u));
            knownUrls.add(k.getRedirectedUrl());
        }
        assertThat(known).isEqualTo(unknown);
        assertThat(knownUrls).isEqualTo(FIVE_ERRORS_THEN_WAIT);
        // The wait turns away even the right password unseen: the answer cannot tell a good guess from a bad one.
        assertThat(logIn(mvc, "192.0.2.140", "enum-victim2", PASSWORD, null).getRedirectedUrl())
                .isEqualTo("/login?wait");
    }

    @Test
    void aClientGuessingManyNamesIsSlowedWhileTheUserLogsInFromElsewhere() throws Exception {
        users.create("spray-target", "Spray Target", PASSWORD, EnumSet.of(Role.LEADER), null, null);
        for (int i = 0; i < 5; i++) {
            assertThat(logIn(mvc, "198.51.100.7", "spray-" + i, WRONG, null).getRedirectedUrl())
                    .isEqualTo("/login?error");
        }
        // Five wrong tries from this address, each at a different name: the address waits, whatever it tries.
        assertThat(logIn(mvc, "198.51.100.7", "spray-target", PASSWORD, null).getRedirectedUrl())
                .isEqualTo("/login?wait");
        assertThat(logIn(mvc, "198.51.100.8", "spray-target", PASSWORD, null).getRedirectedUrl()).isEqualTo("/");
        assertThat(auditLog.search("198.51.100.7", 10, 0))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("LOGIN_THROTTLED"));
    }

    @Test
    void theOwnerLogsInFromTheirOwnBrowserWhileAStrangerHammersTheirAccount() throws Exception {
        users.create("hammered", "Hammered", PASSWORD, EnumSet.of(Role.ADMIN), null, null);
        users.create("other-user", "Other", PASSWORD, EnumSet.of(Role.HR), null, null);
        Cookie ownersBrowser = logIn(mvc, "203.0.113.20", "hammered", PASSWORD, null).getCookie("DANCHAM_DEVICE");
        Cookie otherUsersBrowser = logIn(mvc, "203.0.113.21", "other-user", PASSWORD, null).getCookie("DANCHAM_DEVICE");
        assertThat(ownersBrowser).isNotNull();
        assertThat(ownersBrowser.isHttpOnly()).isTrue();

        List<String> attacker = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            attacker.add(logIn(mvc, "203.0.113." + (30 + i % 3), "hammered", WRONG + i, null).getRedirectedUrl());
        }
        assertThat(attacker.subList(0, 5)).containsOnly("/login?error");
        assertThat(attacker.subList(5, 12)).containsOnly("/login?wait");

        // A browser that never signed in as "hammered" waits, even with the right password and a device cookie of
        // someone else; the owner's browser, from another address, is let in at once.
        assertThat(logIn(mvc, "203.0.113.50", "hammered", PASSWORD, null).getRedirectedUrl()).isEqualTo("/login?wait");
        assertThat(logIn(mvc, "203.0.113.21", "hammered", PASSWORD, otherUsersBrowser).getRedirectedUrl())
                .isEqualTo("/login?wait");
        assertThat(logIn(mvc, "203.0.113.20", "hammered", PASSWORD, ownersBrowser).getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void anAdministratorSeesWhoIsSlowedAndLetsThemTryAgain() throws Exception {
        users.create("slowed-user", "Slowed User", PASSWORD, EnumSet.of(Role.HR), null, null);
        for (int i = 0; i < 6; i++) {
            logIn(mvc, "203.0.113.77", "slowed-user", WRONG + i, null);
        }
        WebUser admin = userWith(Role.ADMIN);
        String page = mvc.perform(get("/admin/users").with(user(admin))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("<code>slowed-user</code>", "<code>203.0.113.77</code>", "Đăng nhập đang bị làm chậm");

        mvc.perform(post("/admin/login-throttle/clear").with(user(admin)).with(csrf())
                .param("kind", "ACCOUNT").param("key", "slowed-user"));
        mvc.perform(post("/admin/login-throttle/clear").with(user(admin)).with(csrf())
                .param("kind", "CLIENT").param("key", "203.0.113.77"));
        assertThat(logIn(mvc, "203.0.113.77", "slowed-user", PASSWORD, null).getRedirectedUrl()).isEqualTo("/");
        assertThat(auditLog.search("slowed-user", 10, 0)).extracting(AuditLog.Entry::action)
                .contains("LOGIN_THROTTLED", "LOGIN_THROTTLE_CLEARED");
        assertThat(mvc.perform(get("/admin/users").with(user(admin))).andReturn().getResponse()
                .getContentAsString()).doesNotContain("<code>slowed-user</code>");
    }

    @Test
    void aDisabledAccountGetsTheAnswerOfAWrongPassword() throws Exception {
        long id = users.create("gone-user", "Gone", PASSWORD, EnumSet.of(Role.HR), null, null);
        users.update(id, "Gone", EnumSet.of(Role.HR), null, null, false);
        assertThat(answer(logIn(mvc, "192.0.2.200", "gone-user", PASSWORD, null)))
                .isEqualTo(answer(logIn(mvc, "192.0.2.201", "gone-nobody", PASSWORD, null)));
    }
}
