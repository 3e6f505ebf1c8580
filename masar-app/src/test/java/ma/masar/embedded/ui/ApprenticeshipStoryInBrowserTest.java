package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.embedded.MasarApplication;
import ma.masar.time.AgencyTime;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 18: the design's own story runs with a demo login, as an evaluator would try it after the README's first
 * command: the demo data (a tiny scale of it) assigns the demo social worker {@code worker} to a
 * vocational-familiarisation centre and an apprenticeship centre; she logs in with her password, registers a youth,
 * enrols him in vocational orientation at CFP-0001 and moves him to apprenticeship at CFA-0001 with a host company,
 * in Arabic, right to left. No console error.
 */
class ApprenticeshipStoryInBrowserTest {

    private static final Duration LIVE = Duration.ofSeconds(30);
    private static final String WORKER = "worker";
    private static final String PASSWORD = "worker-demo";
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper json = new ObjectMapper();

    private static ConfigurableApplicationContext app;
    private static BrowserSession browser;
    private static String base;

    @RegisterExtension
    static final TestWatcher pictureOfFailures = BrowserSession.pictureOfFailures(() -> browser, "failed-story-");

    @BeforeAll
    static void startWithTheDemoData() throws Exception {
        assumeTrue(BrowserSession.available(), "Debian's chromium and chromium-driver are not installed");
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("masar-story-");
        // the demo people of masar-embedded.yml, and a demo population small enough to load in seconds
        app = SpringApplication.run(MasarApplication.class, "--masar.data-dir=" + dataDir, "--server.port=0",
                "--masar.demo.scale=0.0005", "--axon.update-check.disabled=true");
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (!"DONE".equals(api("/api/demo/progress").path("state").asText())) {
            assertThat(Instant.now()).as("demo data loaded").isBefore(deadline);
            Thread.sleep(500);
        }
        browser = new BrowserSession();
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
    void theDemoWorkerMovesAYouthFromOrientationToApprenticeship() throws Exception {
        String orientationRegion = regionOf("CFP-0001", "VOCATIONAL_FAMILIARISATION_CENTRE");
        String apprenticeshipRegion = regionOf("CFA-0001", "APPRENTICESHIP_CENTRE");

        browser.driver.get(base + "/worker?lang=ar");
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/login"));
        browser.driver.findElement(By.id("username")).sendKeys(WORKER);
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.id("login")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.id("q")).size() == 1);
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");

        browser.driver.findElement(By.id("q")).sendKeys("Anouar Bakkali");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("register-new")).size() == 1);
        browser.driver.findElement(By.id("register-new")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.id("register-form")).size() == 1);
        browser.type("givenNameAr", "أنور");
        browser.type("familyNameAr", "البقالي");
        browser.type("givenNameLatin", "Anouar");
        browser.type("familyNameLatin", "Bakkali");
        LocalDate today = LocalDate.now(AgencyTime.ZONE);
        browser.setDate(browser.driver.findElement(By.id("dateOfBirth")), today.minusYears(16).minusMonths(2).toString());
        browser.choose("sex", "MALE");
        browser.choose("region", orientationRegion);
        browser.type("province", "Province");
        browser.choose("household", "POOR_HOUSEHOLD");
        browser.driver.findElement(By.id("register-submit")).click();
        // a demo population may hold someone of a near name: then the form lists likely matches and asks again
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/worker/cases/")
                || !d.findElements(By.id("likely-matches")).isEmpty());
        if (!browser.driver.getCurrentUrl().contains("/worker/cases/")) {
            browser.driver.findElement(By.id("register-submit")).click();
            browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/worker/cases/"));
        }
        browser.waitForEntry("BeneficiaryRegistered", LIVE);

        browser.driver.findElement(By.id("act-enrol")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-enrol")).size() == 1);
        browser.choose("programme", "VOCATIONAL_ORIENTATION");
        browser.choose("enrol-region", orientationRegion);
        browser.chooseWhenOffered("centreId", "CFP-0001", LIVE);
        browser.setDate(browser.driver.findElement(By.id("enrolledOn")), today.minusMonths(3).toString());
        browser.driver.findElement(By.cssSelector("#form-enrol .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done")).size() == 1);
        browser.waitForEntry("EnrolledInProgramme", LIVE);

        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector(".act-apprenticeship")).size() == 1);
        browser.driver.findElement(By.cssSelector(".act-apprenticeship")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-apprenticeship")).size() == 1);
        browser.choose("apprenticeship-region", apprenticeshipRegion);
        browser.chooseWhenOffered("apprenticeshipCentreId", "CFA-0001", LIVE);
        browser.type("hostCompany", "ورشة النجارة الحديثة");
        browser.setDate(browser.driver.findElement(By.id("contractDate")), today.minusMonths(1).toString());
        browser.driver.findElement(By.cssSelector("#form-apprenticeship .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done")).size() == 1);
        browser.waitForEntry("MovedToApprenticeship", LIVE);
        browser.waitUntil(LIVE, d -> d.findElements(
                By.cssSelector("tr.enrolment[data-programme='APPRENTICESHIP'][data-status='ACTIVE']")).size() == 1);
        WebElement orientation = browser.driver.findElement(
                By.cssSelector("tr.enrolment[data-programme='VOCATIONAL_ORIENTATION']"));
        assertThat(orientation.getAttribute("data-status")).isEqualTo("MOVED_TO_APPRENTICESHIP");
        browser.screenshot("story-apprenticeship-ar");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Where the demo placed the centre (the demo picks regions at random). */
    private static String regionOf(String centreId, String type) throws Exception {
        for (JsonNode centre : api("/api/centres?type=" + type + "&size=100").path("items")) {
            if (centreId.equals(centre.path("centreId").asText())) {
                return centre.path("region").asText();
            }
        }
        throw new AssertionError(centreId + " is not in the demo data");
    }

    private static JsonNode api(String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString((WORKER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? json.readTree(answer.body()) : json.createObjectNode();
    }
}
