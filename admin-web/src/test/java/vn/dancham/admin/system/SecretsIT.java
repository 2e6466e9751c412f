package vn.dancham.admin.system;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.WebIT;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The pages that show configuration never show the Twilio auth token (the test profile sets one). */
class SecretsIT extends WebIT {

    @Value("${dancham.twilio.auth-token}")
    String token;

    @Test
    void settingsAndBacklogPagesNeverShowTheTwilioAuthToken() throws Exception {
        assertThat(token).isNotBlank();
        var admin = userWith(Role.ADMIN, Role.LEADER);
        for (String page : List.of("/admin", "/admin/settings", "/incidents/sms-backlog", "/actuator/health",
                "/actuator/info")) {
            String body = mvc.perform(get(page).with(user(admin))).andExpect(status().isOk()).andReturn()
                    .getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(body).as(page).doesNotContain(token);
        }
    }
}
