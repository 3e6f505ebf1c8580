package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import ma.masar.time.AgencyTime;
import org.junit.jupiter.api.AfterAll;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pages in a real browser (Debian's headless Chromium), against the embedded application started here on a
 * random port with no demo data: the centres are opened through the API. A social worker registers a woman, enrols
 * her and sees the timeline follow; a youth moves from vocational orientation to apprenticeship after a refusal shown
 * next to the field; the manager's dashboard changes after a command sent through the API, without a reload; the
 * pages turn right to left in Arabic; an auditor runs a rebuild. Page loads and the dashboard's delay are measured
 * and written to target/screenshots/measurements.txt next to the screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesInBrowserTest {

    private static final Duration LIVE = Duration.ofSeconds(10);
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper json = new ObjectMapper();
    private static final List<String> measurements = new ArrayList<>();

    private static ConfigurableApplicationContext app;
    private static BrowserSession browser;
    private static String base;
    private static String educationCentre;
    private static String orientationCentre;
    private static String apprenticeshipCentre;
    private static String salma;

    /** What the browser showed when a test failed. */
    @RegisterExtension
    static final TestWatcher pictureOfFailures = BrowserSession.pictureOfFailures(() -> browser, "failed-");

    @BeforeAll
    static void startMasarAndTheBrowser() throws Exception {
        assumeTrue(BrowserSession.available(), "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("masar-ui-");
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + dataDir, "--server.port=0",
                "--masar.demo.enabled=false", "--axon.update-check.disabled=true"));
        args.addAll(TestUsers.args());
        app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        base = "http://127.0.0.1:" + port;
        educationCentre = openCentre("EDUCATION_TRAINING_CENTRE", "مركز التربية والتكوين فاس", "CEF Fès", 40);
        orientationCentre = openCentre("VOCATIONAL_FAMILIARISATION_CENTRE", "مركز الاستئناس المهني فاس", "CFP Fès", 30);
        apprenticeshipCentre = openCentre("APPRENTICESHIP_CENTRE", "مركز التدرج المهني فاس", "CFA Fès", 30);
        browser = new BrowserSession();
        logIn();
        try (var old = Files.list(BrowserSession.SCREENSHOTS)) {
            for (Path picture : old.filter(f -> f.getFileName().toString().endsWith(".png")).toList()) {
                Files.delete(picture);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (!measurements.isEmpty()) {
            Files.write(BrowserSession.SCREENSHOTS.resolve("measurements.txt"), measurements,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        }
    }

    @Test
    @Order(1)
    void registersAPersonEnrolsHerAndTheTimelineFollows() throws Exception {
        open("/worker?lang=fr");
        WebElement search = browser.driver.findElement(By.id("q"));
        search.sendKeys("Salma Bennani");
        // search as you type: results (none here) and the way to register appear without submitting
        browser.waitUntil(LIVE, d -> d.findElements(By.id("register-new")).size() == 1);
        browser.driver.findElement(By.id("register-new")).click();

        browser.waitUntil(LIVE, d -> d.findElements(By.id("register-form")).size() == 1);
        type("givenNameAr", "سلمى");
        type("familyNameAr", "بناني");
        type("givenNameLatin", "Salma");
        type("familyNameLatin", "Bennani");
        browser.setDate(browser.driver.findElement(By.id("dateOfBirth")), "1996-03-04");
        choose("sex", "FEMALE");
        choose("region", "FES_MEKNES");
        type("province", "Fès");
        choose("household", "POOR_HOUSEHOLD");
        browser.screenshot("01-register-fr");
        browser.driver.findElement(By.id("register-submit")).click();

        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/worker/cases/"));
        salma = browser.driver.getCurrentUrl().replaceAll(".*/worker/cases/([^?#]+).*", "$1");
        waitForEntry("BeneficiaryRegistered");
        // the case page says who she is, in both scripts (the timeline itself carries no name)
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#who .names")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#who .names")).getText()).contains("سلمى بناني", "Salma Bennani");
        browser.screenshot("02-case-registered-fr");

        browser.driver.findElement(By.id("act-enrol")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-enrol")).size() == 1);
        choose("programme", "EDUCATION_TRAINING");
        chooseWhenOffered("centreId", educationCentre);
        // the application's day is Casablanca's: from 23:00 UTC in winter a UTC date is the day before, older than the
        // registration's, and the enrolment was not the newest entry (CI at 23:08 UTC)
        browser.setDate(browser.driver.findElement(By.id("enrolledOn")), LocalDate.now(AgencyTime.ZONE).toString());
        long submitted = System.nanoTime();
        browser.driver.findElement(By.cssSelector("#form-enrol .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done")).size() == 1);
        // the new entry arrives through the timeline's live stream: no reload
        waitForEntry("EnrolledInProgramme");
        measurements.add("case timeline shows a new enrolment after submit: " + millisSince(submitted) + " ms");
        assertThat(browser.driver.findElement(By.cssSelector("tr.enrolment[data-programme='EDUCATION_TRAINING']"))
                .getAttribute("data-status")).isEqualTo("ACTIVE");
        // newest first
        assertThat(browser.driver.findElements(By.cssSelector("#timeline .entry")).get(0).getAttribute("data-type"))
                .isEqualTo("EnrolledInProgramme");
        browser.screenshot("03-case-enrolled-fr");

        measurePageLoad("case page", browser.driver.getCurrentUrl());
    }

    @Test
    @Order(2)
    void movesAYouthFromOrientationToApprenticeshipAfterARefusalShownAtTheField() throws Exception {
        String youth = registerThroughApi("يوسف", "العلوي", "Youssef", "Alaoui", "2006-05-10", "MALE");
        open("/worker/cases/" + youth + "?lang=fr");
        waitForEntry("BeneficiaryRegistered");

        // a young man in an education and training centre: the server refuses, in French, next to the programme
        browser.driver.findElement(By.id("act-enrol")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-enrol")).size() == 1);
        choose("programme", "EDUCATION_TRAINING");
        chooseWhenOffered("centreId", educationCentre);
        browser.setDate(browser.driver.findElement(By.id("enrolledOn")), LocalDate.now().minusMonths(6).toString());
        browser.driver.findElement(By.cssSelector("#form-enrol .submit")).click();
        WebElement error = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector(".field.invalid .error")).stream()
                .findFirst().orElse(null));
        assertThat(error.getText()).contains("filles et les femmes");
        assertThat(browser.driver.findElement(By.id("programme")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("04-refusal-at-the-field-fr");

        choose("programme", "VOCATIONAL_ORIENTATION");
        chooseWhenOffered("centreId", orientationCentre);
        browser.driver.findElement(By.cssSelector("#form-enrol .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done")).size() == 1);
        waitForEntry("EnrolledInProgramme");

        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector(".act-apprenticeship")).size() == 1);
        browser.driver.findElement(By.cssSelector(".act-apprenticeship")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-apprenticeship")).size() == 1);
        chooseWhenOffered("apprenticeshipCentreId", apprenticeshipCentre);
        type("hostCompany", "Atelier Fès Cuir");
        browser.setDate(browser.driver.findElement(By.id("contractDate")), LocalDate.now().minusMonths(1).toString());
        browser.driver.findElement(By.cssSelector("#form-apprenticeship .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done")).size() == 1);
        waitForEntry("MovedToApprenticeship");
        browser.waitUntil(LIVE, d -> d.findElements(
                By.cssSelector("tr.enrolment[data-programme='APPRENTICESHIP'][data-status='ACTIVE']")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("tr.enrolment[data-programme='VOCATIONAL_ORIENTATION']"))
                .getAttribute("data-status")).isEqualTo("MOVED_TO_APPRENTICESHIP");
        // he is "passé", not "passé(e)"
        assertThat(browser.driver.findElement(By.cssSelector("tr.enrolment[data-programme='VOCATIONAL_ORIENTATION'] .badge"))
                .getText()).isEqualTo("Passé en apprentissage");
        browser.screenshot("05-moved-to-apprenticeship-fr");
    }

    @Test
    @Order(3)
    void dashboardCountChangesAfterACommandSentThroughTheApiWithoutReload() throws Exception {
        measurePageLoad("dashboard", base + "/manager?lang=fr");
        open("/manager?lang=fr");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector(".panel[data-enrolled]")).size() == 1);
        // the earlier tests' events have all been counted and shown: only ours change the count from here
        browser.waitUntil(LIVE, d -> enrolledOnDashboard() == enrolledThroughApi());
        long before = enrolledOnDashboard();
        browser.js("window.masarNotReloaded = true;");
        browser.screenshot("06-dashboard-fr");

        List<Long> counts = new ArrayList<>();
        List<Long> panels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String person = registerThroughApi("مريم", "الإدريسي", "Meryem", "Idrissi" + "abcde".charAt(i),
                    "1990-01-0" + (i + 1), "FEMALE");
            long expected = before + i + 1;
            long sent = enrolThroughApi(person, educationCentre, "EDUCATION_TRAINING");
            long answeredAt = System.currentTimeMillis();
            browser.waitUntil(LIVE, d -> enrolledOnDashboard() == expected);
            counts.add(millisSince(sent));
            // then the charts and tables, drawn again by the server (same machine: the clocks agree)
            browser.waitUntil(LIVE, d -> ((Number) browser.js("return window.masarPanelUpdatedAt || 0;")).longValue() > answeredAt
                    && ((Number) browser.js("return Number(document.querySelector('.panel').getAttribute('data-enrolled'));")).longValue() == expected);
            panels.add(((Number) browser.js("return window.masarPanelUpdatedAt;")).longValue() - answeredAt);
        }
        assertThat(browser.js("return window.masarNotReloaded === true;")).isEqualTo(true);
        measurements.add("dashboard: the count changes after the API answered an enrolment: " + counts
                + " ms; charts and tables redrawn after: " + panels + " ms");
        assertThat(counts).allSatisfy(ms -> assertThat(ms).isLessThan(3000));
        assertThat(browser.driver.findElement(By.cssSelector("#tile-enrolled .tile-number")).getText())
                .isEqualTo(String.valueOf(before + 5));
        browser.screenshot("07-dashboard-after-update-fr");
    }

    @Test
    @Order(4)
    void switchesToArabicAndThePagesAreRightToLeft() throws Exception {
        open("/manager?lang=fr");
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("ltr");
        browser.driver.findElement(By.id("lang-ar")).click();
        browser.waitUntil(LIVE, d -> "rtl".equals(d.findElement(By.tagName("html")).getAttribute("dir")));
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("لوحة قيادة البرامج");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector(".panel[data-enrolled]")).size() == 1);
        // numbers in Western digits, as Moroccan administration writes them
        assertThat(browser.driver.findElement(By.cssSelector("#tile-enrolled .tile-number")).getText()).matches("[0-9.]+");
        browser.screenshot("08-dashboard-ar");

        // the choice is kept (cookie): the next page is Arabic without asking again
        open("/worker");
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        browser.driver.findElement(By.id("q")).sendKeys("Salma");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("tr.person")).size() >= 1);
        browser.screenshot("09-search-ar");
        browser.driver.findElement(By.cssSelector("tr.person .open-case")).click();
        waitForEntry("EnrolledInProgramme");
        // the live part may be redrawn while it is read (its stream speaks as the page opens): read inside the wait
        browser.waitUntil(LIVE, d -> {
            try {
                return d.findElement(By.cssSelector("#timeline .entry .entry-text")).getText().contains("التحاق");
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
        browser.screenshot("10-case-ar");

        // registering her again: the page names her before the form is sent
        open("/worker/register");
        type("givenNameAr", "سلمى");
        type("familyNameAr", "بناني");
        browser.setDate(browser.driver.findElement(By.id("dateOfBirth")), "1996-07-01");
        // htmx may swap the panel again while it is read: read it inside the wait, retrying a stale element
        String match = browser.waitUntil(LIVE, d -> {
            try {
                var matches = d.findElements(By.cssSelector("#matches .match"));
                return matches.size() == 1 && matches.get(0).getText().contains("Salma Bennani")
                        ? matches.get(0).getText() : null;
            } catch (org.openqa.selenium.StaleElementReferenceException swapped) {
                return null;
            }
        });
        assertThat(match).contains("Salma Bennani");
        browser.screenshot("11-register-already-known-ar");

        open("/?lang=ar");
        browser.screenshot("12-home-ar");
        open("/?lang=fr");
        browser.screenshot("13-home-fr");
    }

    @Test
    @Order(5)
    void auditorRunsARebuildAndSeesTheProgressBarFinish() throws Exception {
        awaitEndpoint("GET", "/api/audit/rebuilds/none");
        open("/auditor/rebuilds?lang=fr");
        new Select(browser.driver.findElement(By.id("readModel"))).selectByValue("timeline");
        browser.driver.findElement(By.id("start-rebuild")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.id("rebuild-bar")).size() == 1);
        browser.screenshot("18-rebuild-running-fr");
        // the bar asks every half second and is replaced each time: read it inside the page
        browser.waitUntil(Duration.ofSeconds(60), d -> "DONE".equals(browser.js(
                "const p = document.querySelector('.rebuild-progress'); return p && p.getAttribute('data-state');")));
        assertThat(browser.js("return document.getElementById('rebuild-bar').value;")).isEqualTo(100L);
        browser.screenshot("19-rebuild-done-fr");
    }

    @Test
    @Order(6)
    void auditorReadsTheLogACaseAsOfAMomentWhatChangedAndAVerification() throws Exception {
        awaitEndpoint("GET", "/api/audit/events?limit=1");
        awaitEndpoint("GET", "/api/audit/beneficiaries/" + salma);
        open("/auditor/events?lang=fr&beneficiaryId=" + salma);
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("tr.event")).size() >= 2);
        assertThat(browser.driver.findElements(By.cssSelector(".audit-problem"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("tr.event code")).stream().map(WebElement::getText))
                .contains("BeneficiaryRegistered", "EnrolledInProgramme");
        browser.screenshot("14-auditor-event-log-fr");

        open("/auditor/cases?lang=fr&beneficiaryId=" + salma + "&from=2000-01-01T00:00&to=2099-12-31T23:59");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("as-of")).size() == 1);
        assertThat(browser.driver.findElements(By.cssSelector("#diff table.changes tr.added"))).isNotEmpty();
        browser.screenshot("15-auditor-case-as-of-and-diff-fr");

        open("/auditor/verifications?lang=ar");
        browser.driver.findElement(By.id("run-verification")).click();
        browser.waitUntil(Duration.ofSeconds(60), d -> d.findElements(By.cssSelector(".verification .results")).size() == 1);
        browser.screenshot("16-auditor-verification-ar");

        open("/auditor/dead-letters?lang=fr");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector(".letters")).size() == 1);
        assertThat(browser.driver.findElements(By.cssSelector(".audit-problem"))).isEmpty();
        browser.screenshot("17-auditor-dead-letters-fr");
    }

    @Test
    @Order(7)
    void consentHasAChipInItsOwnWords() throws Exception {
        post("/api/beneficiaries/" + salma + "/consents", """
                {"scope":"REFERRAL","purpose":"orientation vers un hébergement"}""");
        Map<String, String> chip = Map.of("fr", "Consentement", "ar", "موافقة");
        for (String language : List.of("fr", "ar")) {
            open("/worker/cases/" + salma + "?lang=" + language);
            waitForEntry("ConsentGiven");
            String words = browser.waitUntil(LIVE, d -> {
                try {
                    return d.findElement(By.cssSelector("#timeline .entry[data-type='ConsentGiven'] .badge.type")).getText();
                } catch (org.openqa.selenium.StaleElementReferenceException swapped) {
                    return null;
                }
            });
            assertThat(words).as(language).isEqualTo(chip.get(language));
        }
    }

    @Test
    @Order(8)
    void aLongUnbrokenNoteStaysInsideThePage() throws Exception {
        post("/api/beneficiaries/" + salma + "/notes", """
                {"text":"%s"}""".formatted("ب".repeat(2500) + "x".repeat(2500)));
        for (String language : List.of("fr", "ar")) {
            open("/worker/cases/" + salma + "?lang=" + language);
            waitForEntry("CaseNoteAdded");
            assertThat(overflow()).as("the case page in " + language + " is wider than the window by").isLessThanOrEqualTo(0);
        }
        browser.screenshot("20-long-note-ar");
        open("/auditor/events?lang=fr&beneficiaryId=" + salma);
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("tr.event")).size() >= 3);
        assertThat(overflow()).as("the event log is wider than the window by").isLessThanOrEqualTo(0);
    }

    /**
     * Every page, in both languages, with what it does as it loads (htmx requests, the live streams, a search as
     * one types): nothing in the browser's console, in particular no refusal of the content security policy.
     */
    @Test
    @Order(9)
    void noPageWritesAnErrorToTheConsole() throws Exception {
        browser.consoleErrors();
        List<String> errors = new ArrayList<>();
        for (String language : List.of("fr", "ar")) {
            for (String page : List.of("/login", "/", "/worker", "/worker/register", "/worker/cases/" + salma, "/manager",
                    "/auditor/events", "/auditor/cases?beneficiaryId=" + salma, "/auditor/rebuilds",
                    "/auditor/verifications", "/auditor/dead-letters")) {
                String url = page + (page.contains("?") ? "&" : "?") + "lang=" + language;
                open(url);
                browser.waitUntil(LIVE, d -> "complete".equals(browser.js("return document.readyState")));
                if (page.equals("/worker")) {
                    browser.driver.findElement(By.id("q")).sendKeys("Salma");
                    browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("tr.person")).size() >= 1);
                }
                if (page.startsWith("/worker/cases/")) {
                    waitForEntry("EnrolledInProgramme");
                    // an action's form, and the centres it offers once a programme is chosen
                    browser.driver.findElement(By.id("act-enrol")).click();
                    browser.waitUntil(LIVE, d -> d.findElements(By.id("form-enrol")).size() == 1);
                    choose("programme", "EDUCATION_TRAINING");
                    browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector(
                            "#centreId option[value='" + educationCentre + "']")).size() == 1);
                }
                if (page.equals("/worker/register")) {
                    type("givenNameAr", "سلمى");
                    type("familyNameAr", "بناني");
                    browser.setDate(browser.driver.findElement(By.id("dateOfBirth")), "1996-07-01");
                    browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#matches .match")).size() >= 1);
                }
                if (page.equals("/manager")) {
                    browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector(".panel[data-enrolled]")).size() == 1);
                }
                Thread.sleep(700); // the live streams connect, htmx's first requests answer
                browser.consoleErrors().forEach(error -> errors.add(url + ": " + error));
            }
        }
        open("/");
        assertThat(errors).isEmpty();
    }

    /** Not "2 conventions signées" next to "1 partenaires", nor "2 اتفاقية": the words take the form of the number. */
    @Test
    @Order(10)
    void partnershipCountsTakeTheFormOfTheirNumber() throws Exception {
        for (String subject : List.of("Alphabétisation des femmes", "Couture et broderie")) {
            post("/api/partnerships", """
                    {"partnerId":"association-fes","partnerName":"Association Fès Solidarité","partnerType":"NATIONAL_NGO",
                     "subject":"%s","amountMad":50000,"startsOn":"%s","endsOn":"%s",
                     "centreIds":["%s"],"signedOn":"%s"}""".formatted(subject, LocalDate.now(),
                    LocalDate.now().plusYears(2), educationCentre, LocalDate.now().minusDays(1)));
        }
        Map<String, List<String>> expected = Map.of("fr", List.of("2 conventions signées", "1 partenaire"),
                "ar", List.of("اتفاقيتان موقعتان", "شريك واحد"));
        for (String language : List.of("fr", "ar")) {
            open("/manager?lang=" + language);
            String row = browser.waitUntil(LIVE, d -> {
                Object text = browser.js("const t = document.querySelector('table.partnerships');"
                                         + "return t ? t.innerText : null;");
                if (text == null || !text.toString().contains(expected.get(language).get(0))) {
                    d.navigate().refresh();
                    return null;
                }
                return text.toString();
            });
            assertThat(row).as(language).contains(expected.get(language));
        }
        browser.screenshot("21-dashboard-partnerships-ar");
    }

    /** How many pixels the page is wider than the window (a horizontal scroll bar when positive). */
    private static long overflow() {
        return ((Number) browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                .longValue();
    }

    // ---- the API, as any other client

    private static String openCentre(String type, String nameAr, String nameFr, int capacity) throws Exception {
        return post("/api/centres", """
                {"type":"%s","nameAr":"%s","nameFr":"%s","region":"FES_MEKNES","province":"Fès","capacity":%d,
                 "openedOn":"2005-01-01"}""".formatted(type, nameAr, nameFr, capacity)).path("centreId").asText();
    }

    private static String registerThroughApi(String givenAr, String familyAr, String given, String family, String born,
                                             String sex) throws Exception {
        return post("/api/beneficiaries", """
                {"givenNameAr":"%s","familyNameAr":"%s","givenNameLatin":"%s","familyNameLatin":"%s",
                 "dateOfBirth":"%s","sex":"%s","region":"FES_MEKNES","province":"Fès","household":"POOR_HOUSEHOLD"}"""
                .formatted(givenAr, familyAr, given, family, born, sex)).path("beneficiaryId").asText();
    }

    /** Returns when the API answered (System.nanoTime()). */
    private static long enrolThroughApi(String beneficiaryId, String centreId, String programme) throws Exception {
        post("/api/beneficiaries/" + beneficiaryId + "/enrolments", """
                {"centreId":"%s","programme":"%s","enrolledOn":"%s"}"""
                .formatted(centreId, programme, LocalDate.now().minusDays(1)));
        return System.nanoTime();
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", TestUsers.basic())
                .header("Content-Type", "application/json").header("Accept-Language", "fr")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }

    /** Waits a little for an audit endpoint to be served (it answers anything but Spring's "no such path" 404). */
    private static void awaitEndpoint(String method, String path) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", TestUsers.basic())
                    .method(method, method.equals("POST")
                            ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            boolean served = !(response.statusCode() == 404 && response.body().contains("No static resource"));
            if (served || System.nanoTime() > until) {
                assertThat(served).as(method + " " + path + " is served").isTrue();
                return;
            }
            Thread.sleep(200);
        }
    }

    // ---- the browser

    /** Logs in through the login form (its CSRF token included); the session then serves every page. */
    private static void logIn() {
        open("/worker?lang=fr");
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/login"));
        type("username", TestUsers.CLERK);
        type("password", TestUsers.PASSWORD);
        browser.driver.findElement(By.id("login")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/worker"));
    }

    private static void open(String path) {
        browser.driver.get(path.startsWith("http") ? path : base + path);
    }

    private static void type(String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void choose(String id, String value) {
        new Select(browser.driver.findElement(By.id(id))).selectByValue(value);
    }

    /** The centre list follows the programme and region chosen: wait for the centre to be offered. */
    private static void chooseWhenOffered(String id, String value) {
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#" + id + " option[value='" + value + "']")).size() == 1);
        choose(id, value);
    }

    private static void waitForEntry(String type) {
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#timeline .entry[data-type='" + type + "']")).size() >= 1);
    }

    private static long enrolledThroughApi() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/stats/programmes")).header("Authorization", TestUsers.basic())
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body()).path("total").path("enrolled").asLong();
        } catch (Exception e) {
            return -2;
        }
    }

    private static long enrolledOnDashboard() {
        // read in the page: the panel may be swapped between finding it and reading it
        Object enrolled = browser.js("const p = document.querySelector('.panel[data-enrolled]');"
                                     + "return p ? p.getAttribute('data-enrolled') : null;");
        return enrolled == null ? -1 : Long.parseLong(enrolled.toString());
    }

    /** Loads a page five times (the first warms up) and records the median of the other four. */
    private static void measurePageLoad(String name, String url) {
        List<Map<String, Object>> timings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            browser.driver.get(url);
            browser.waitUntil(LIVE, d -> "complete".equals(browser.js("return document.readyState")));
            browser.waitUntil(LIVE, d -> ((Number) browser.navigationTiming().get("load")).doubleValue() > 0);
            if (i > 0) {
                timings.add(browser.navigationTiming());
            }
        }
        measurements.add(name + " load: server answer (TTFB) " + median(timings, "ttfb") + " ms, DOMContentLoaded "
                + median(timings, "domContentLoaded") + " ms, load " + median(timings, "load") + " ms, "
                + median(timings, "transferSize") + " bytes of HTML");
    }

    private static long median(List<Map<String, Object>> timings, String key) {
        List<Double> values = timings.stream().map(t -> ((Number) t.get(key)).doubleValue()).sorted().toList();
        int n = values.size();
        return Math.round(n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2);
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
