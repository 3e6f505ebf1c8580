package ma.masar.embedded.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven by its own chromedriver: both paths given, so Selenium Manager never runs and
 * nothing is downloaded. A fresh profile each time. Screenshots go to target/screenshots/.
 */
final class BrowserSession implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int WIDTH = 1280;

    final WebDriver driver;
    private final Path profile;

    BrowserSession() throws IOException {
        profile = Files.createTempDirectory("masar-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",1000", "--lang=fr-FR");
        // the console's messages, read by consoleErrors() (a refusal of the content security policy is one)
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(20));
        return wait.until(condition::apply);
    }

    Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** A date field set as the browser's date picker would (typing depends on the browser's locale). */
    void setDate(WebElement input, String isoDate) {
        js("arguments[0].value = arguments[1];"
           + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
           + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, isoDate);
    }

    /**
     * What the pages wrote to the browser's console as errors (level SEVERE: script errors, refusals of the content
     * security policy, failed requests) since the last call; the console is emptied by reading it.
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Navigation Timing of the page just loaded, in milliseconds. */
    @SuppressWarnings("unchecked")
    Map<String, Object> navigationTiming() {
        return (Map<String, Object>) js("""
                const n = performance.getEntriesByType('navigation')[0];
                return {ttfb: n.responseStart - n.requestStart, domContentLoaded: n.domContentLoadedEventEnd,
                        load: n.loadEventEnd, transferSize: n.transferSize};""");
    }

    /** Types into a field as a person would, after clearing what it held. */
    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Picks an option of a list by its value. */
    void choose(String id, String value) {
        new Select(driver.findElement(By.id(id))).selectByValue(value);
    }

    /** A list that follows other fields (the centres of a programme and region): waits for the option, then picks it. */
    void chooseWhenOffered(String id, String value, Duration timeout) {
        waitUntil(timeout, d -> d.findElements(By.cssSelector("#" + id + " option[value='" + value + "']")).size() == 1);
        choose(id, value);
    }

    /** Waits for an entry of this type on the case timeline (it arrives through the live stream, without a reload). */
    void waitForEntry(String type, Duration timeout) {
        waitUntil(timeout, d -> d.findElements(By.cssSelector("#timeline .entry[data-type='" + type + "']")).size() >= 1);
    }

    /** A test extension that keeps a picture of what the browser showed when a test failed ({@code prefix} + its name). */
    static org.junit.jupiter.api.extension.TestWatcher pictureOfFailures(java.util.function.Supplier<BrowserSession> browser,
                                                                         String prefix) {
        return new org.junit.jupiter.api.extension.TestWatcher() {
            @Override
            public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
                try {
                    if (browser.get() != null) {
                        browser.get().screenshot(prefix + context.getRequiredTestMethod().getName());
                    }
                } catch (Exception e) {
                    // the failure itself is what matters
                }
            }
        };
    }

    /** The whole page, not only the window: the window is stretched to the page's height for the picture. */
    Path screenshot(String name) throws IOException {
        Number height = (Number) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(WIDTH, Math.min(Math.max(height.intValue() + 40, 700), 5000)));
        try {
            File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
