package io.keel.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console (README "Console") opened in headless Chromium. Needs Debian's chromium and chromium-driver
 * (.ci/run installs them); a test that opens it is skipped where they are missing.
 */
final class ConsoleBrowser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    final WebDriver driver;
    final WebDriverWait wait;

    private ConsoleBrowser(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        // What the console reported last (an error answer of the CSE, say) explains most timeouts.
        wait.withMessage(() -> "console status: " + driver.findElement(By.id("status")).getText());
    }

    /** The console of the CSE at base; skips the test where there is no Chromium. */
    static ConsoleBrowser open(String base) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        // Both paths given: Selenium Manager has nothing to look for and downloads nothing.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory("keel-console-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ConsoleBrowser browser = new ConsoleBrowser(new ChromeDriver(service, options));
        browser.driver.get((base.endsWith("/") ? base : base + "/") + ".well-known/keel/console/");
        return browser;
    }

    void quit() {
        driver.quit();
    }
}
