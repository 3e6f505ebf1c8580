package ma.masar.embedded.ui;

import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 16: an administrator imports the sample files of docs/import/ from her page, in French then in Arabic: the
 * progress bar runs to its end, the counts say what was imported, and the rows refused (the sample enrolments name
 * the demo's centres, which this empty Masar lacks) show the rule in her language. No console error.
 */
class ImportInBrowserTest {

    private static final Duration LIVE = Duration.ofSeconds(30);
    private static final Path SAMPLES = Path.of("..", "docs", "import");

    private static ConfigurableApplicationContext app;
    private static BrowserSession browser;
    private static String base;

    @RegisterExtension
    static final TestWatcher pictureOfFailures = BrowserSession.pictureOfFailures(() -> browser, "failed-import-");

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(BrowserSession.available(), "Debian's chromium and chromium-driver are not installed");
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("masar-import-ui-");
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + dataDir, "--server.port=0",
                "--masar.demo.enabled=false", "--axon.update-check.disabled=true"));
        args.addAll(TestUsers.args());
        app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        browser = new BrowserSession();
        browser.driver.get(base + "/admin/imports?lang=fr");
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/login"));
        browser.driver.findElement(By.id("username")).sendKeys(TestUsers.CLERK);
        browser.driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.driver.findElement(By.id("login")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/admin/imports"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theSampleRegisterIsImportedWithAProgressBarAndTheRefusedRowsNameTheirRule() throws Exception {
        browser.driver.get(base + "/admin/imports?lang=fr");
        upload("people", "people.csv");
        awaitEnded();
        assertThat(browser.driver.findElement(By.id("import-bar")).getAttribute("value")).isEqualTo("100");
        assertThat(browser.driver.findElement(By.id("import-counts")).getText())
                .contains("3 lignes traitées sur 3", "3 importées", "0 refusées");
        browser.screenshot("import-people-fr");
        assertThat(browser.consoleErrors()).isEmpty();

        browser.driver.get(base + "/admin/imports?lang=ar");
        upload("enrolments", "enrolments.csv");
        awaitEnded();
        List<WebElement> refused = browser.driver.findElements(By.cssSelector("#import-refusals tr.refusal"));
        assertThat(refused).hasSize(2);
        assertThat(refused).allSatisfy(row -> assertThat(row.getAttribute("data-rule")).isEqualTo("CentreNotFound"));
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        assertThat(browser.driver.findElement(By.id("import-counts")).getText()).contains("مرفوضة");
        browser.screenshot("import-enrolments-ar");
        assertThat(browser.consoleErrors()).isEmpty();

        // the runs are listed, newest first
        browser.driver.get(base + "/admin/imports?lang=fr");
        assertThat(browser.driver.findElements(By.cssSelector("#import-runs tbody tr"))).hasSize(2);
    }

    /** The progress part is replaced every second while the import runs (htmx): read it afresh each time. */
    private static void awaitEnded() {
        browser.waitUntil(LIVE, d -> {
            try {
                return "ENDED".equals(d.findElement(By.cssSelector(".import-progress")).getAttribute("data-state"));
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return false;
            }
        });
    }

    private static void upload(String kind, String sample) {
        browser.choose("kind", kind);
        browser.driver.findElement(By.id("file")).sendKeys(SAMPLES.resolve(sample).toAbsolutePath().normalize().toString());
        browser.driver.findElement(By.id("start-import")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector(".import-progress")).size() == 1);
    }
}
