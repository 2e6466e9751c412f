package vn.dancham.admin.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.dancham.admin.support.WebIT;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static vn.dancham.admin.security.Role.ADMIN;
import static vn.dancham.admin.security.Role.COMPLAINT_HANDLER;
import static vn.dancham.admin.security.Role.HR;
import static vn.dancham.admin.security.Role.LEADER;
import static vn.dancham.admin.security.Role.OFFICE_HEAD;
import static vn.dancham.admin.security.Role.OFFICER;

/**
 * Walks every request mapping the application has (from {@link RequestMappingHandlerMapping}) and checks that
 * anonymous users and every role that must not see it are refused. A mapping missing from {@link #EXPECTED}
 * fails the test: a new endpoint cannot be forgotten.
 */
class AuthorisationIT extends WebIT {

    /** Who may use a mapping. */
    sealed interface Access permits Public, Roles, ApiKey, TwilioSigned {
    }

    record Public() implements Access {
    }

    record Roles(Set<Role> allowed) implements Access {
    }

    /** The one-stop system's REST API: API keys only, no web user of any role. */
    record ApiKey() implements Access {
    }

    /** Twilio's webhooks: no login, refused (403) without a valid X-Twilio-Signature. */
    record TwilioSigned() implements Access {
    }

    static Roles roles(Role... roles) {
        return new Roles(EnumSet.copyOf(List.of(roles)));
    }

    static final Roles ANY = new Roles(EnumSet.allOf(Role.class));
    static final Roles SCORES = roles(HR, LEADER, ADMIN, OFFICE_HEAD);

    /** Pattern → access. Keep in step with SecurityConfiguration (and the pages' own office checks). */
    static final Map<String, Access> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("/login", new Public());
        EXPECTED.put("/error", new Public());
        // The REST API's description, generated from the controllers: public like any integration contract.
        EXPECTED.put("/v3/api-docs", new Public());
        EXPECTED.put("/v3/api-docs.yaml", new Public());
        EXPECTED.put("/v3/api-docs/swagger-config", new Public());
        EXPECTED.put("/swagger-ui.html", roles(ADMIN));
        EXPECTED.put("/tra-cuu", new Public());
        EXPECTED.put("/tra-cuu/ho-so", new Public());
        EXPECTED.put("/tra-cuu/danh-gia", new Public());
        EXPECTED.put("/gop-y", new Public());
        EXPECTED.put("/gop-y/da-gui", new Public());
        EXPECTED.put("/", ANY);
        EXPECTED.put("/account", ANY);
        EXPECTED.put("/account/password", ANY);
        EXPECTED.put("/dashboard", SCORES);
        EXPECTED.put("/admin/audit", roles(ADMIN));
        EXPECTED.put("/imports", roles(ADMIN));
        EXPECTED.put("/imports/template/{kind}", roles(ADMIN));
        // Timelines name every officer who held a stage: not for an officer's own login.
        Roles dossiers = roles(ADMIN, HR, LEADER, COMPLAINT_HANDLER, OFFICE_HEAD);
        EXPECTED.put("/dossiers", dossiers);
        EXPECTED.put("/dossiers/{receipt}", dossiers);
        EXPECTED.put("/toi", roles(OFFICER));
        EXPECTED.put("/toi/de-nghi", roles(OFFICER));
        EXPECTED.put("/ratings/appeals", roles(HR, ADMIN));
        EXPECTED.put("/ratings/appeals/{id}/decide", roles(HR, ADMIN));
        EXPECTED.put("/api/v1/dossiers/{receipt}", new ApiKey());
        EXPECTED.put("/api/v1/dossiers/{receipt}/stages/{seq}", new ApiKey());
        EXPECTED.put("/admin", roles(ADMIN));
        EXPECTED.put("/admin/api-keys", roles(ADMIN));
        EXPECTED.put("/admin/users", roles(ADMIN));
        EXPECTED.put("/admin/users/{id}", roles(ADMIN));
        EXPECTED.put("/admin/users/{id}/unlock", roles(ADMIN));
        EXPECTED.put("/admin/login-throttle/clear", roles(ADMIN));
        EXPECTED.put("/admin/users/{id}/password", roles(ADMIN));
        EXPECTED.put("/admin/organisation", roles(ADMIN));
        EXPECTED.put("/admin/procedures", roles(ADMIN));
        EXPECTED.put("/admin/settings", roles(ADMIN));
        EXPECTED.put("/admin/settings/scoring", roles(ADMIN));
        EXPECTED.put("/admin/settings/questions", roles(ADMIN));
        EXPECTED.put("/admin/settings/escalation", roles(ADMIN));
        EXPECTED.put("/admin/api-keys/{id}/revoke", roles(ADMIN));
        EXPECTED.put("/incidents", roles(LEADER, ADMIN, OFFICE_HEAD));
        EXPECTED.put("/i/{id}", roles(LEADER, ADMIN, OFFICE_HEAD));
        EXPECTED.put("/incidents/{id}", roles(LEADER, ADMIN, OFFICE_HEAD));
        EXPECTED.put("/incidents/{id}/acknowledge", roles(LEADER, ADMIN, OFFICE_HEAD));
        EXPECTED.put("/incidents/{id}/resolve", roles(LEADER, ADMIN, OFFICE_HEAD));
        EXPECTED.put("/incidents/sms-backlog", roles(LEADER, ADMIN));
        EXPECTED.put("/scores", SCORES);
        EXPECTED.put("/offices/{id}", SCORES);
        EXPECTED.put("/officers/{id}", SCORES);
        EXPECTED.put("/exports/scores.csv", SCORES);
        EXPECTED.put("/exports/scores.xlsx", SCORES);
        EXPECTED.put("/reports/monthly", SCORES);
        // Citizen SMS (issue 17): apologised dossiers and the letter for those who see dossiers' scores; templates
        // and the monthly SMS cost for administrators.
        EXPECTED.put("/reports/apologies", SCORES);
        EXPECTED.put("/dossiers/{receipt}/apology-letter", dossiers);
        EXPECTED.put("/admin/settings/citizen-sms", roles(ADMIN));
        EXPECTED.put("/admin/sms-usage", roles(ADMIN));
        EXPECTED.put("/ratings/flagged", roles(HR, ADMIN));
        EXPECTED.put("/ratings/{id}/review", roles(HR, ADMIN));
        EXPECTED.put("/ratings/set-aside", roles(HR, ADMIN));
        EXPECTED.put("/ratings/set-aside/{id}/retry", roles(HR, ADMIN));
        EXPECTED.put("/ratings/set-aside/{id}/discard", roles(HR, ADMIN));
        Roles complaints = roles(COMPLAINT_HANDLER, LEADER, ADMIN);
        EXPECTED.put("/complaints", complaints);
        EXPECTED.put("/complaints/{id}", complaints);
        EXPECTED.put("/complaints/{id}/recording", complaints);
        EXPECTED.put("/complaints/{id}/assign", complaints);
        EXPECTED.put("/complaints/{id}/answer", complaints);
        EXPECTED.put("/complaints/{id}/resolve", complaints);
        EXPECTED.put("/complaints/{id}/incident", complaints);
        EXPECTED.put("/complaints/{id}/verdict", complaints);
        // Web feedback (issue 18): citizens' files and the review mark only for those who handle complaints.
        EXPECTED.put("/complaints/{id}/attachments/{attachmentId}", roles(COMPLAINT_HANDLER, ADMIN));
        EXPECTED.put("/complaints/{id}/review", roles(COMPLAINT_HANDLER, ADMIN));
        EXPECTED.put("/admin/settings/offensive-words", roles(ADMIN));
        EXPECTED.put("/admin/sms-codes", roles(ADMIN));
        EXPECTED.put("/admin/settings/offensive-words/{id}/delete", roles(ADMIN));
        Roles testCall = roles(ADMIN, HR, LEADER, COMPLAINT_HANDLER);
        EXPECTED.put("/test-call", testCall);
        EXPECTED.put("/test-call/{id}", testCall);
        EXPECTED.put("/test-call/{id}/progress", testCall);
        EXPECTED.put("/test-call/{id}/keys", testCall);
        EXPECTED.put("/test-call/{id}/hangup", testCall);
        EXPECTED.put("/test-call/{id}/audio/{seq}", testCall);
        EXPECTED.put("/roster", roles(LEADER, ADMIN));
        EXPECTED.put("/roster/new", roles(LEADER, ADMIN));
        EXPECTED.put("/roster/{id}", roles(LEADER, ADMIN));
        EXPECTED.put("/roster/{id}/delete", roles(LEADER, ADMIN));
    }

    /** A value for each path variable that makes the URL well-formed. */
    static String concrete(String pattern) {
        return pattern
                .replace("{receipt}", "20260001")
                .replace("{kind}", "offices")
                .replaceAll("\\{[^}]+}", "1");
    }

    @Test
    void everyMappingIsInTheTableAndRefusesAnonymousAndWrongRoles() throws Exception {
        Map<String, WebUserHolder> users = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            users.put(role.name(), new WebUserHolder(role, userWith(role)));
        }
        List<String> unknown = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (var mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, ?> entry : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    methods = EnumSet.of(RequestMethod.GET, RequestMethod.POST);
                }
                for (String pattern : info.getPatternValues()) {
                    // Twilio's webhooks (vn.dancham.admin.twilio) check their own signature: all of them, by prefix.
                    Access access = pattern.startsWith("/twilio/") ? new TwilioSigned() : EXPECTED.get(pattern);
                    if (access == null) {
                        unknown.add(pattern + " " + methods + " → " + entry.getValue());
                        continue;
                    }
                    seen.add(pattern);
                    for (RequestMethod method : methods) {
                        check(method, pattern, access, users, failures);
                    }
                }
            }
        }
        assertThat(unknown).as("mappings without an access rule in AuthorisationIT.EXPECTED").isEmpty();
        assertThat(failures).as("access violations").isEmpty();
        assertThat(seen).as("rules for mappings that no longer exist").containsAll(EXPECTED.keySet());
    }

    private record WebUserHolder(Role role, WebUser user) {
    }

    private void check(RequestMethod method, String pattern, Access access, Map<String, WebUserHolder> users,
                       List<String> failures) throws Exception {
        String url = concrete(pattern);
        String what = method + " " + url;
        int anonymous = access instanceof TwilioSigned
                ? mvc.perform(request(HttpMethod.valueOf(method.name()), url)
                        .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                        .param("From", "+84912345678").param("Body", "OK 1234")).andReturn().getResponse().getStatus()
                : perform(method, url, null).getResponse().getStatus();
        switch (access) {
            case Public p -> {
                return;
            }
            case TwilioSigned t -> {
                if (anonymous != 403) {
                    failures.add(what + " unsigned gave " + anonymous + ", expected 403");
                }
                return;
            }
            case ApiKey a -> {
                if (anonymous != 401) {
                    failures.add(what + " without key gave " + anonymous + ", expected 401");
                }
                for (WebUserHolder u : users.values()) {
                    int status = perform(method, url, u.user()).getResponse().getStatus();
                    if (status != 401 && status != 403) {
                        failures.add(what + " as web user " + u.role() + " gave " + status + ", expected 401/403");
                    }
                }
                return;
            }
            case Roles r -> {
                MvcResult anon = perform(method, url, null);
                String location = anon.getResponse().getRedirectedUrl();
                if (anon.getResponse().getStatus() != 302 || location == null || !location.endsWith("/login")) {
                    failures.add(what + " anonymous gave " + anon.getResponse().getStatus() + " → " + location
                            + ", expected a redirect to /login");
                }
                for (WebUserHolder u : users.values()) {
                    int status;
                    try {
                        status = perform(method, url, u.user()).getResponse().getStatus();
                    } catch (Exception e) {
                        // Past security, but the page broke: a bug worth failing on, though not an access violation.
                        failures.add(what + " as " + u.role() + " threw " + e);
                        continue;
                    }
                    boolean allowed = r.allowed().contains(u.role());
                    if (!allowed && status != 403) {
                        failures.add(what + " as " + u.role() + " gave " + status + ", expected 403");
                    }
                    if (allowed && (status == 403 || status == 401)) {
                        failures.add(what + " as " + u.role() + " gave " + status + ", expected access");
                    }
                }
            }
        }
    }

    private MvcResult perform(RequestMethod method, String url, WebUser as) throws Exception {
        MockHttpServletRequestBuilder builder = request(HttpMethod.valueOf(method.name()), url).with(csrf());
        if (as != null) {
            builder = builder.with(user(as));
        }
        return mvc.perform(builder).andReturn();
    }
}
