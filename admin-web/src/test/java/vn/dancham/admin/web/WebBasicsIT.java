package vn.dancham.admin.web;

import org.junit.jupiter.api.Test;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.HttpSession;
import vn.dancham.admin.support.WebIT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every page shares, over real HTTP: the session cookie's SameSite, a favicon, static files under
 * content-versioned URLs a browser may keep, and a language switch that keeps the page's query and never leads to a
 * 405 after a refused form.
 */
class WebBasicsIT extends WebIT {

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndHttpOnly() throws Exception {
        HttpResponse<byte[]> login = fetch(baseUrl() + "/login");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly");
    }

    @Test
    void everyPageHasAFaviconAndStaticFilesAreVersionedAndCacheable() throws Exception {
        HttpSession hr = new HttpSession(baseUrl());
        assertThat(hr.logIn(userWith(Role.HR).getUsername(), PASSWORD)).isTrue();
        String page = hr.get("/dashboard").body();
        assertThat(fetch(baseUrl() + "/favicon.ico").statusCode()).isEqualTo(200);

        // (No webjar on the dashboard since htmx went: chart.js is on the two chart pages, under the same rule.)
        for (String pattern : new String[]{"href=\"(/css/app-[0-9a-f]{32}\\.css)\"", "src=\"(/js/app-[0-9a-f]{32}\\.js)\"",
                "href=\"(/favicon-[0-9a-f]{32}\\.ico)\""}) {
            Matcher m = Pattern.compile(pattern).matcher(page);
            assertThat(m.find()).as("%s on the dashboard", pattern).isTrue();
            HttpResponse<byte[]> file = fetch(baseUrl() + m.group(1));
            assertThat(file.statusCode()).as(m.group(1)).isEqualTo(200);
            String cache = file.headers().firstValue("Cache-Control").orElse("");
            assertThat(cache).as("Cache-Control of %s", m.group(1)).contains("max-age=31536000")
                    .doesNotContain("no-store").doesNotContain("no-cache");
        }
    }

    @Test
    void theLanguageSwitchKeepsTheQueryAndNeverLeadsToA405AfterARefusedForm() throws Exception {
        HttpSession admin = new HttpSession(baseUrl());
        assertThat(admin.logIn(userWith(Role.ADMIN).getUsername(), PASSWORD)).isTrue();
        String scores = admin.get("/scores?view=offices&period=30d").body();
        assertThat(scores).contains("href=\"/scores?view=offices&amp;period=30d&amp;lang=en\"");

        // A refused form is answered with the page at the form's POST address; the switch goes back to the page
        // the form was on instead of to that address (which only takes POST: 405).
        admin.get("/admin/settings");
        var refused = admin.postWithReferer("/admin/settings/scoring", Map.of("SATISFACTION_WEIGHT", "abc"),
                baseUrl() + "/admin/settings");
        assertThat(refused.body()).contains("href=\"/admin/settings?lang=en\"")
                .doesNotContain("href=\"/admin/settings/scoring?lang=en\"");
        assertThat(admin.get("/admin/settings?lang=en").statusCode()).isEqualTo(200);
        admin.get("/admin/settings?lang=vi");
    }
}
