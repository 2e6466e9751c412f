package vn.dancham.admin.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import vn.dancham.admin.security.AppUsers;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * The one Spring context every admin-web integration test shares (same annotations as {@code ApplicationIT}, no
 * test-specific beans or properties, so Spring's context cache starts one application and one embedded
 * PostgreSQL for all of them). Tests create the data they need with unique names; they never rely on order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class WebIT {

    public static final String PASSWORD = "test-password-1234";

    @LocalServerPort
    protected int port;

    @Autowired
    protected WebApplicationContext context;

    @Autowired
    protected AppUsers users;

    protected MockMvc mvc;

    @BeforeEach
    void setUpMockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A user holding exactly these roles (created once, password {@link #PASSWORD}), e.g. {@code t-hr}. */
    protected WebUser userWith(Role... roles) {
        return userWith(null, roles);
    }

    /** An office head limited to {@code officeId}, or any role set with an office. */
    protected WebUser userWith(Long officeId, Role... roles) {
        String name = "t-" + Arrays.stream(roles).map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining("-")) + (officeId == null ? "" : "-o" + officeId);
        synchronized (WebIT.class) {
            if (!users.exists(name)) {
                users.create(name, "Test " + name, PASSWORD, roles.length == 0 ? EnumSet.noneOf(Role.class)
                        : EnumSet.copyOf(Arrays.asList(roles)), officeId, null);
            }
        }
        return users.load(name).orElseThrow();
    }
}
