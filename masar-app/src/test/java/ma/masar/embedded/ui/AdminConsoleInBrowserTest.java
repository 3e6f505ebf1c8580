package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The administrator's console in a real browser, logged in as the demo {@code admin} through the login form: she
 * opens a centre, changes its capacity and converts it; a change the rules refuse (a capacity below the people
 * enrolled, closing a centre that still has them, an agreement that ends before it starts, ending it twice) shows the
 * rule's words in the page's language, next to the field, and records nothing; she signs, amends and ends an
 * agreement in Arabic, lifts a paused login and takes a backup. No page writes an error to the console.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleInBrowserTest {

    private static final Duration LIVE = Duration.ofSeconds(10);
    /** The demo administrator of masar-embedded.yml, given again because the tests' list replaces the demo one. */
    private static final String ADMIN_HASH = "{bcrypt}$2a$10$VV25UH7gisoVKrWIz6FwBucGlrsar0ndlvsbBx4CtmjI6tR1yDAcq";
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper json = new ObjectMapper();
    private static final List<String> measurements = new ArrayList<>();

    private static ConfigurableApplicationContext app;
    private static BrowserSession browser;
    private static String base;
    private static Path dataDir;

    @RegisterExtension
    static final TestWatcher pictureOfFailures = BrowserSession.pictureOfFailures(() -> browser, "failed-admin-");

    @BeforeAll
    static void startMasarAndTheBrowser() throws Exception {
        assumeTrue(BrowserSession.available(), "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        System.setProperty("axoniq.update-checker.disabled", "true");
        dataDir = Files.createTempDirectory("masar-admin-");
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + dataDir, "--server.port=0",
                "--masar.demo.enabled=false", "--axon.update-check.disabled=true",
                // the backup endpoint, as an operator opens it (docs/OPERATIONS.md)
                "--management.endpoints.web.exposure.include=health,info,prometheus,metrics,eventstorebackup"));
        args.addAll(TestUsers.args());
        args.addAll(List.of("--masar.security.users[1].username=admin", "--masar.security.users[1].password=" + ADMIN_HASH,
                "--masar.security.users[1].roles=ADMINISTRATOR"));
        app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        browser = new BrowserSession();
        logInAsAdmin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null && app != null) {
            for (String page : List.of("/admin", "/admin/centres", "/admin/operations")) {
                measurePageLoad(page);
            }
        }
        if (!measurements.isEmpty()) {
            Files.write(BrowserSession.SCREENSHOTS.resolve("admin-measurements.txt"), measurements);
        }
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void noPageWroteAnErrorToTheConsole() {
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(1)
    void opensACentreChangesItsCapacityAndConvertsIt() throws Exception {
        open("/admin/centres?lang=fr");
        browser.driver.findElement(By.id("open-centre")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-open")).size() == 1);
        choose("type", "VOCATIONAL_FAMILIARISATION_CENTRE");
        type("nameAr", "مركز الاستئناس المهني صفرو");
        type("nameFr", "CFP Sefrou");
        choose("region", "FES_MEKNES");
        type("province", "Sefrou");
        type("capacity", "30");
        browser.setDate(browser.driver.findElement(By.id("openedOn")), "2009-09-01");
        browser.screenshot("admin-01-open-centre-fr");
        long submitted = System.nanoTime();
        browser.driver.findElement(By.id("open-submit")).click();

        browser.waitUntil(LIVE, d -> d.getCurrentUrl().matches(".*/admin/centres/[A-Za-z0-9_-]+$"));
        String centreId = browser.driver.getCurrentUrl().replaceAll(".*/admin/centres/", "");
        assertThat(browser.driver.findElement(By.id("done")).getText()).isEqualTo("Centre ouvert.");
        // the page asks again until the centre list, which follows the events, shows the new centre
        waitForAttribute("centre-capacity", "data-capacity", "30");
        measurements.add("a centre opened in the form is on its page: " + millisSince(submitted) + " ms after submit");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).contains("CFP Sefrou");
        assertThat(occupancy(centreId).path("capacity").asInt()).isEqualTo(30);

        type("capacity", "35");
        browser.setDate(browser.driver.findElement(By.id("effectiveOn")), LocalDate.now().minusDays(1).toString());
        submitted = System.nanoTime();
        browser.driver.findElement(By.cssSelector("#form-capacity .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#done[data-done='capacity']")).size() == 1);
        waitForAttribute("centre-capacity", "data-capacity", "35");
        measurements.add("a new capacity is on the centre's page: " + millisSince(submitted) + " ms after submit");
        assertThat(occupancy(centreId).path("capacity").asInt()).isEqualTo(35);
        browser.screenshot("admin-02-capacity-changed-fr");

        browser.setDate(browser.driver.findElement(By.id("convertedOn")), LocalDate.now().toString());
        browser.driver.findElement(By.cssSelector("#form-conversion .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#done[data-done='conversion']")).size() == 1);
        waitForAttribute("centre-type", "data-type", "APPRENTICESHIP_CENTRE");
        assertThat(browser.driver.findElement(By.id("centre-type")).getText())
                .isEqualTo("Centre de formation par apprentissage (CFA)");
        // an apprenticeship centre does not convert again: the form is no longer offered
        assertThat(browser.driver.findElements(By.id("form-conversion"))).isEmpty();

        // the list, filtered by region and type, shows it among the apprenticeship centres
        open("/admin/centres?lang=fr");
        choose("filter-region", "FES_MEKNES");
        choose("filter-type", "APPRENTICESHIP_CENTRE");
        browser.driver.findElement(By.id("filter-submit")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("type=APPRENTICESHIP_CENTRE"));
        assertThat(browser.driver.findElements(By.cssSelector("tr.centre[data-centre='" + centreId + "']"))).hasSize(1);
        choose("filter-type", "KINDERGARTEN");
        browser.driver.findElement(By.id("filter-submit")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("type=KINDERGARTEN"));
        assertThat(browser.driver.findElements(By.cssSelector("tr.centre[data-centre='" + centreId + "']"))).isEmpty();
    }

    @Test
    @Order(2)
    void aRefusedChangeShowsTheRuleInFrenchAndRecordsNothing() throws Exception {
        String centreId = openCentreThroughApi("EDUCATION_TRAINING_CENTRE", "مركز التربية والتكوين صفرو", "CEF Sefrou", 5);
        String woman = post("/api/beneficiaries", """
                {"givenNameAr":"سلمى","familyNameAr":"بناني","givenNameLatin":"Salma","familyNameLatin":"Bennani",
                 "dateOfBirth":"1996-03-04","sex":"FEMALE","region":"FES_MEKNES","province":"Sefrou",
                 "household":"POOR_HOUSEHOLD"}""").path("beneficiaryId").asText();
        post("/api/beneficiaries/" + woman + "/enrolments", """
                {"centreId":"%s","programme":"EDUCATION_TRAINING","enrolledOn":"%s"}"""
                .formatted(centreId, LocalDate.now().minusDays(3)));
        // the seat taken reaches the centre list a moment after the enrolment
        browser.waitUntil(LIVE, d -> occupied(centreId) == 1);
        open("/admin/centres/" + centreId + "?lang=fr");
        waitForAttribute("centre-occupied", "data-occupied", "1");

        type("capacity", "0");
        browser.setDate(browser.driver.findElement(By.id("effectiveOn")), LocalDate.now().toString());
        browser.driver.findElement(By.cssSelector("#form-capacity .submit")).click();
        WebElement error = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#form-capacity .field.invalid .error"))
                .stream().findFirst().orElse(null));
        assertThat(error.getText()).isEqualTo("Capacité inférieure à l'occupation actuelle");
        assertThat(browser.driver.findElement(By.id("capacity")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.driver.findElement(By.id("capacity")).getAttribute("value")).isEqualTo("0");
        browser.screenshot("admin-03-refused-capacity-fr");
        assertThat(occupancy(centreId).path("capacity").asInt()).as("nothing recorded").isEqualTo(5);

        browser.setDate(browser.driver.findElement(By.id("closedOn")), LocalDate.now().toString());
        type("reason", "Regroupement avec le CEF de Fès");
        browser.driver.findElement(By.cssSelector("#form-closure .submit")).click();
        WebElement refused = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#form-closure .problem"))
                .stream().findFirst().orElse(null));
        assertThat(refused.getText()).isEqualTo("Le centre a encore des inscriptions actives");
        assertThat(occupancy(centreId).path("status").asText()).as("nothing recorded").isEqualTo("OPEN");

        // a centre nobody is enrolled in closes
        String empty = openCentreThroughApi("KINDERGARTEN", "روض الأطفال صفرو", "Jardin d'enfants Sefrou", 20);
        browser.waitUntil(LIVE, d -> occupied(empty) == 0);
        open("/admin/centres/" + empty + "?lang=fr");
        waitForAttribute("centre-status", "data-status", "OPEN");
        browser.setDate(browser.driver.findElement(By.id("closedOn")), LocalDate.now().toString());
        type("reason", "Locaux rendus à la commune");
        browser.driver.findElement(By.cssSelector("#form-closure .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#done[data-done='closure']")).size() == 1);
        waitForAttribute("centre-status", "data-status", "CLOSED");
        assertThat(browser.driver.findElements(By.id("form-closure"))).as("a closed centre offers no change").isEmpty();
        assertThat(occupancy(empty).path("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    @Order(3)
    void signsAmendsAndEndsAnAgreementInArabic() throws Exception {
        open("/admin/partnerships?lang=ar");
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        type("partnerId", "COMMUNE-SEFROU");
        type("partnerName", "جماعة صفرو");
        choose("partnerType", "COMMUNE");
        type("subject", "تمويل مركز التربية والتكوين صفرو");
        type("amountMad", "150000");
        browser.setDate(browser.driver.findElement(By.id("startsOn")), "2010-01-01");
        browser.setDate(browser.driver.findElement(By.id("endsOn")), "2009-06-30");
        browser.setDate(browser.driver.findElement(By.id("signedOn")), "2009-12-15");
        browser.driver.findElement(By.id("sign-submit")).click();
        WebElement error = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#form-sign .field.invalid .error"))
                .stream().findFirst().orElse(null));
        assertThat(error.getText()).isEqualTo("تنتهي الاتفاقية قبل بدايتها");
        assertThat(browser.driver.findElement(By.id("endsOn")).getAttribute("aria-invalid")).isEqualTo("true");
        // what she typed stays, Arabic included
        assertThat(browser.driver.findElement(By.id("partnerName")).getAttribute("value")).isEqualTo("جماعة صفرو");
        browser.screenshot("admin-04-refused-agreement-ar");
        assertThat(signedAgreements()).as("nothing recorded").isZero();

        browser.setDate(browser.driver.findElement(By.id("endsOn")), "2012-12-31");
        browser.driver.findElement(By.id("sign-submit")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().matches(".*/admin/partnerships/[A-Za-z0-9_-]+$"));
        assertThat(browser.driver.findElement(By.id("done")).getText()).isEqualTo("وُقّعت الاتفاقية.");
        String partnershipId = browser.driver.getCurrentUrl().replaceAll("^.*/admin/partnerships/", "");
        browser.waitUntil(LIVE, d -> signedAgreements() == 1);

        type("amend-subject", "تمويل وتجهيز مركز التربية والتكوين صفرو");
        type("amend-amountMad", "180000");
        browser.setDate(browser.driver.findElement(By.id("amend-endsOn")), "2013-06-30");
        browser.setDate(browser.driver.findElement(By.id("amend-amendedOn")), "2011-03-01");
        type("amend-reason", "تجهيز ورشة الخياطة");
        browser.driver.findElement(By.cssSelector("#form-amendments .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#done[data-done='amendments']")).size() == 1);

        browser.setDate(browser.driver.findElement(By.id("end-endedOn")), "2012-12-31");
        type("end-reason", "انتهاء المدة");
        browser.driver.findElement(By.cssSelector("#form-end .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#done[data-done='end']")).size() == 1);
        assertThat(browser.driver.findElement(By.id("done")).getText()).isEqualTo("أُنهيت الاتفاقية.");
        browser.screenshot("admin-05-agreement-ended-ar");

        // ending it again is refused, in Arabic, above the form
        browser.setDate(browser.driver.findElement(By.id("end-endedOn")), "2012-12-31");
        type("end-reason", "انتهاء المدة");
        browser.driver.findElement(By.cssSelector("#form-end .submit")).click();
        WebElement refused = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#form-end .problem"))
                .stream().findFirst().orElse(null));
        assertThat(refused.getText()).isEqualTo("الاتفاقية منتهية مسبقاً");

        // the list of agreements shows it as amended and ended, and opens it
        open("/admin/partnerships?lang=ar");
        WebElement row = browser.waitUntil(LIVE, d -> d.findElements(
                By.cssSelector("#agreements tr[data-partnership='" + partnershipId + "']")).stream().findFirst()
                .orElse(null));
        assertThat(row.getText()).contains("جماعة صفرو", "تمويل وتجهيز مركز التربية والتكوين صفرو", "2012-12-31");
        row.findElement(By.tagName("a")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().endsWith("/admin/partnerships/" + partnershipId));
    }

    @Test
    @Order(4)
    void seesAPausedLoginOnHerHomePageAndLiftsIt() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/centres"))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("ghost:wrong".getBytes(StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isIn(401, 429);
        }
        open("/admin?lang=fr");
        assertThat(browser.driver.findElement(By.id("attention-paused-logins")).getAttribute("data-count")).isEqualTo("1");
        assertThat(browser.driver.findElement(By.id("attention-dead-letters")).getAttribute("data-count")).isEqualTo("0");
        browser.screenshot("admin-06-home-fr");

        browser.driver.findElement(By.id("attention-paused-logins")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/admin/operations"));
        assertThat(browser.driver.findElements(By.id("no-letters"))).hasSize(1);
        WebElement ghost = browser.driver.findElement(By.cssSelector("tr.failure[data-key='ghost']"));
        assertThat(ghost.getAttribute("data-paused")).isEqualTo("true");
        ghost.findElement(By.cssSelector(".release")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#done[data-done='released']")).size() == 1);
        assertThat(browser.driver.findElements(By.cssSelector("tr.failure[data-key='ghost']"))).isEmpty();
        open("/admin?lang=fr");
        assertThat(browser.driver.findElement(By.id("attention-paused-logins")).getAttribute("data-count")).isEqualTo("0");
    }

    @Test
    @Order(5)
    void takesABackupOfTheEventStore() throws Exception {
        open("/admin/operations?lang=fr");
        browser.driver.findElement(By.id("backup")).click();
        WebElement written = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#backup-file code"))
                .stream().findFirst().orElse(null));
        Path file = Path.of(written.getText());
        assertThat(file).startsWith(dataDir.toAbsolutePath().normalize().resolve("backups")).exists();
        assertThat(Files.size(file)).isPositive();
    }

    // ---- the API, as any other client (the tests' clerk holds every role)

    private static String openCentreThroughApi(String type, String nameAr, String nameFr, int capacity) throws Exception {
        return post("/api/centres", """
                {"type":"%s","nameAr":"%s","nameFr":"%s","region":"FES_MEKNES","province":"Sefrou","capacity":%d,
                 "openedOn":"2005-01-01"}""".formatted(type, nameAr, nameFr, capacity)).path("centreId").asText();
    }

    private static JsonNode occupancy(String centreId) throws Exception {
        return json.readTree(get("/api/centres/" + centreId + "/occupancy"));
    }

    private static int occupied(String centreId) {
        try {
            return occupancy(centreId).path("occupied").asInt(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static long signedAgreements() {
        try {
            return json.readTree(get("/api/stats/partnerships")).path("agreementsSigned").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", TestUsers.basic())
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", TestUsers.basic()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }

    // ---- the browser

    /** Through the login form, as a person does: the administrator lands on her console. */
    private static void logInAsAdmin() {
        open("/login?lang=fr");
        type("username", "admin");
        type("password", "admin-demo");
        browser.driver.findElement(By.id("login")).click();
        browser.waitUntil(LIVE, d -> URI.create(d.getCurrentUrl()).getPath().equals("/admin"));
    }

    private static void open(String path) {
        browser.driver.get(base + path);
    }

    private static void type(String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void choose(String id, String value) {
        new Select(browser.driver.findElement(By.id(id))).selectByValue(value);
    }

    /** Loads a page five times (the first warms up) and records the median server answer and load of the other four. */
    private static void measurePageLoad(String path) {
        List<Double> ttfb = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open(path + "?lang=fr");
            browser.waitUntil(LIVE, d -> "complete".equals(browser.js("return document.readyState")));
            browser.waitUntil(LIVE, d -> ((Number) browser.navigationTiming().get("load")).doubleValue() > 0);
            if (i > 0) {
                ttfb.add(((Number) browser.navigationTiming().get("ttfb")).doubleValue());
                load.add(((Number) browser.navigationTiming().get("load")).doubleValue());
            }
        }
        measurements.add(path + ": server answer (TTFB) " + median(ttfb) + " ms, load " + median(load) + " ms (median of 4)");
    }

    private static long median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return Math.round((sorted.get(1) + sorted.get(2)) / 2);
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    private static void waitForAttribute(String id, String attribute, String value) {
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#" + id + "[" + attribute + "='" + value + "']")).size() == 1);
    }
}
