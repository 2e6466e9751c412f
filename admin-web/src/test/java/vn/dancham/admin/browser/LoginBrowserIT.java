package vn.dancham.admin.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.Browser;
import vn.dancham.admin.support.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/** In real headless Chromium: a leader logs in, lands on the dashboard, switches to English, logs out. */
class LoginBrowserIT extends WebIT {

    static Browser browser;

    @BeforeAll
    static void openBrowser() {
        // The port is known only per instance; the browser opens lazily in the first test.
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private Browser browser() {
        if (browser == null) {
            browser = Browser.open(baseUrl());
        }
        return browser;
    }

    @Test
    void leaderLogsInLandsOnTheDashboardInVietnameseAndCanSwitchToEnglish() {
        var leader = userWith(Role.LEADER);
        Browser b = browser();
        b.logIn(leader.getUsername(), PASSWORD);
        b.find(By.id("dashboard"));
        assertThat(b.currentPath()).startsWith("/dashboard");
        assertThat(b.find(By.tagName("h1")).getText()).isEqualTo("Tổng quan");

        b.go("/dashboard?lang=en");
        assertThat(b.find(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        b.go("/dashboard?lang=vi");

        b.find(By.cssSelector("form[action$='/logout'] button")).click();
        b.find(By.id("login-form"));
        assertThat(b.currentPath()).startsWith("/login");
    }

    @Test
    void wrongPasswordIsRefusedWithAMessage() {
        var hr = userWith(Role.HR);
        Browser b = browser();
        b.driver().manage().deleteAllCookies();
        b.logIn(hr.getUsername(), "not-the-password");
        assertThat(b.find(By.cssSelector(".alert.error")).getText()).contains("Sai tên đăng nhập");
    }
}
