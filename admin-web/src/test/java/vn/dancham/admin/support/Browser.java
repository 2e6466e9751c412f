package vn.dancham.admin.support;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Debian's real Chromium, headless, driven through Debian's chromedriver (no downloads, no Selenium Manager), with
 * a fresh profile per browser that is deleted when it closes.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("dancham.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("dancham.chromedriver", "/usr/bin/chromedriver");
    /** Generous: a wait for the page to get there on a busy shared machine, not a performance assertion. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    public static Browser open(String baseUrl) {
        try {
            Path profile = Files.createTempDirectory("dancham-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--window-size=1280,1000", "--autoplay-policy=no-user-gesture-required",
                    "--lang=vi-VN", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(PATIENCE);
            return new Browser(driver, profile, baseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public Browser logIn(String username, String password) {
        go("/login");
        find(By.id("username")).sendKeys(username);
        find(By.id("password")).sendKeys(password);
        find(By.id("login-submit")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("/login") || !d.findElements(By.cssSelector(".alert.error")).isEmpty());
        return this;
    }

    public WebElement find(By by) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    /**
     * Clicks a button that submits a form (or a link) and waits for the next page: without the wait, a {@link #find} right after
     * can return an element of the page being left (a form shown again with its error has the same ids), which goes
     * stale under the caller's hands when the new page arrives.
     */
    public Browser clickAndLoad(By by) {
        WebElement root = driver.findElement(By.tagName("html"));
        find(by).click();
        new WebDriverWait(driver, PATIENCE).until(d -> {
            try {
                root.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException e) {
                // Stale, or (mid-navigation) Chrome's "Node with given id does not belong to the document", which
                // ExpectedConditions.stalenessOf does not take for stale: either way the old page is gone.
                return true;
            }
        });
        return this;
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).until(condition::apply);
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    public String currentPath() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A leftover temp profile is harmless; the browser is gone.
            }
        }
    }
}
