package vn.dancham.admin.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.db.test.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.APP_USER;

/** First start with an empty user table: one administrator with a random password; never a second time. */
class FirstAdministratorIT {

    @Test
    void createsAdminOnceWhenThereAreNoUsers() {
        try (TestDatabase db = TestDatabase.fresh()) {
            var properties = new WebProperties(new WebProperties.Login(5, Duration.ofSeconds(1),
                    Duration.ofMinutes(15), Duration.ofHours(1)), ZoneId.of("Asia/Ho_Chi_Minh"), true,
                    1000, Duration.ofDays(365), "0 30 3 * * ?");
            var users = new AppUsers(db.dsl(), PasswordEncoderFactories.createDelegatingPasswordEncoder());
            var first = new FirstAdministrator(users, properties);

            first.createWhenNoUsers();
            WebUser admin = users.load("admin").orElseThrow();
            assertThat(admin.roles()).containsExactly(Role.ADMIN);
            assertThat(admin.getPassword()).startsWith("{bcrypt}");
            String hash = admin.getPassword();

            first.createWhenNoUsers();
            assertThat(db.dsl().fetchCount(APP_USER)).isEqualTo(1);
            assertThat(users.load("admin").orElseThrow().getPassword()).isEqualTo(hash);
        }
    }

    @Test
    void randomPasswordsDiffer() {
        assertThat(FirstAdministrator.randomPassword()).hasSize(16).isNotEqualTo(FirstAdministrator.randomPassword());
    }
}
