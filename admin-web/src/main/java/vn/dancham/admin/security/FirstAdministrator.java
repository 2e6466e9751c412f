package vn.dancham.admin.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.dancham.admin.web.WebProperties;

import java.security.SecureRandom;
import java.util.EnumSet;

/**
 * On a start with an empty user table (no demo data either), creates {@code admin} with a random password and
 * prints it once. Runs after everything else so the demo-data loader, if it runs, gets there first.
 */
@Component
class FirstAdministrator {

    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AppUsers users;
    private final WebProperties properties;

    FirstAdministrator(AppUsers users, WebProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void createWhenNoUsers() {
        if (!properties.createFirstAdministrator() || !users.noUsers()) {
            return;
        }
        String password = randomPassword();
        users.create("admin", "Quản trị viên", password, EnumSet.of(Role.ADMIN), null, null);
        // Printed once, on purpose: there is no other way for the operator to learn it. Change it after login.
        log.warn("""

                *** No web users existed: created administrator 'admin' with password: {}
                *** It is shown only this once. Log in and change it (Quản trị → Người dùng).""", password);
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
