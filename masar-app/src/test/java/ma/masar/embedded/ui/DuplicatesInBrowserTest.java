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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.URLEncoder;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 17, item 4, end to end against the embedded application with no demo data: over HTTP (likely matches, the
 * statement recorded with a registration, a merge, a command refused on the duplicate, the undo), then in a real
 * browser in French and in Arabic: the likely matches shown before registering, with their reasons and without the
 * names of a case outside the worker's centres, registering anyway, a merge and its undo; while merged, the
 * survivor's enrolment table lists the duplicate's enrolment too, marked, and no longer once undone. No console error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DuplicatesInBrowserTest {

    private static final Duration LIVE = Duration.ofSeconds(15);
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper json = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(AgencyTime.ZONE);
    private static final String CENTRE_KEY = "dupes-centre-" + UUID.randomUUID();
    private static final String CENTRE = UUID.nameUUIDFromBytes((TestUsers.CLERK + "\n" + CENTRE_KEY + "\ncentre")
            .getBytes(StandardCharsets.UTF_8)).toString();
    private static final String WORKER = "assistante";

    private static ConfigurableApplicationContext app;
    private static BrowserSession browser;
    private static String base;

    @RegisterExtension
    static final TestWatcher pictureOfFailures = BrowserSession.pictureOfFailures(() -> browser, "failed-dupes-");

    @BeforeAll
    static void startMasar() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("masar-dupes-ui-");
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + dataDir, "--server.port=0",
                "--masar.demo.enabled=false", "--axon.update-check.disabled=true"));
        args.addAll(TestUsers.args());
        args.addAll(List.of("--masar.security.users[1].username=" + WORKER,
                "--masar.security.users[1].password={bcrypt}$2a$04$nU.2dH2wcBt5vICAco6iOOV7WzIRu5AyYkKcI1pCZkh7qsPpBobj6",
                "--masar.security.users[1].roles=SOCIAL_WORKER",
                "--masar.security.users[1].centres=" + CENTRE));
        app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        String opened = post(TestUsers.CLERK, "/api/centres", CENTRE_KEY, """
                {"type":"EDUCATION_TRAINING_CENTRE","nameAr":"مركز التربية والتكوين صفرو","nameFr":"CEF Sefrou",
                 "region":"FES_MEKNES","province":"Sefrou","capacity":40,"openedOn":"2005-01-01"}""", 201)
                .path("centreId").asText();
        assertThat(opened).isEqualTo(CENTRE);
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
    @Order(1)
    void overHttpTheStatementIsRecordedAndAMergeIsRefusedOnTheDuplicateUntilUndone() throws Exception {
        String first = person(TestUsers.CLERK, "نادية", "الشرقاوي", "Nadia", "Cherkaoui", "1988-01-02", true);
        String second = person(TestUsers.CLERK, "نادية", "الشرقاوي", "Nadia", "Cherqaoui", "1989-06-02", true);
        awaitFound("Nadia Cherkaoui", 2);

        JsonNode matches = get(TestUsers.CLERK, "/api/beneficiaries/likely-matches?givenNameLatin=Nadia"
                + "&familyNameLatin=Cherkaoui&givenNameAr=" + url("نادية") + "&familyNameAr=" + url("الشرقاوي")
                + "&birthYear=1988&sex=FEMALE&region=FES_MEKNES", "fr", 200).get("matches");
        assertThat(ids(matches)).containsExactly(first, second);
        assertThat(matches.get(0).toString()).contains("SAME_BIRTH_YEAR", "SAME_REGION");

        // a statement about a case that does not exist: refused, nothing registered
        int before = events("BeneficiaryRegistered");
        JsonNode refused = post(TestUsers.CLERK, "/api/beneficiaries", null,
                registration("Nadia", "Cherkaoui", "1988-01-02", "[\"" + first + "\",\"nobody\"]"), 404);
        assertThat(refused.path("rule").asText()).isEqualTo("BeneficiaryNotFound");
        assertThat(events("BeneficiaryRegistered")).isEqualTo(before);

        String third = post(TestUsers.CLERK, "/api/beneficiaries", null,
                registration("Nadia", "Cherkaoui", "1988-01-02", "[\"" + first + "\",\"" + second + "\"]"), 201)
                .path("beneficiaryId").asText();
        JsonNode stated = get(TestUsers.CLERK, "/api/audit/events?type=DifferentPersonStated&beneficiaryId=" + third,
                "fr", 200);
        assertThat(stated.toString()).contains(first, second);
        awaitFound("Nadia Cherkaoui", 3);

        // a merge without a real reason: 400, nothing recorded
        post(TestUsers.CLERK, "/api/beneficiaries/" + first + "/merges", null,
                "{\"duplicateId\":\"" + second + "\",\"reason\":\"..\"}", 400);
        post(TestUsers.CLERK, "/api/beneficiaries/" + first + "/merges", null,
                "{\"duplicateId\":\"" + second + "\",\"reason\":\"Même acte de naissance\"}", 204);
        // a fact about the duplicate: refused in the caller's language, naming the survivor
        JsonNode onDuplicate = post(TestUsers.CLERK, "/api/beneficiaries/" + second + "/notes", null,
                "{\"text\":\"Vue aujourd’hui\"}", 409, "ar");
        assertThat(onDuplicate.path("rule").asText()).isEqualTo("BeneficiaryMerged");
        assertThat(onDuplicate.path("title").asText()).isEqualTo("هذا الملف مدمج في ملف آخر");
        assertThat(onDuplicate.path("detail").asText()).contains(first);
        awaitFound("Nadia Cherkaoui", 2); // the survivor and the third record; the duplicate is gone
        assertThat(ids(get(TestUsers.CLERK, "/api/beneficiaries?q=" + url("Nadia Cherkaoui"), "fr", 200).get("items")))
                .doesNotContain(second).contains(first);

        post(TestUsers.CLERK, "/api/beneficiaries/" + second + "/merge-undo", null,
                "{\"reason\":\"Deux sœurs nées la même année\"}", 204);
        post(TestUsers.CLERK, "/api/beneficiaries/" + second + "/merge-undo", null,
                "{\"reason\":\"encore une fois\"}", 409);
        awaitFound("Nadia Cherkaoui", 3);
        post(TestUsers.CLERK, "/api/beneficiaries/" + second + "/notes", null, "{\"text\":\"Vue aujourd’hui\"}", 201);
    }

    @Test
    @Order(2)
    void inFrenchTheLikelyMatchesComeBeforeRegisteringAndRegisteringAnywayIsRecorded() throws Exception {
        String hers = person(WORKER, "فاطمة", "بناني", "Fatima", "Bennani", "1994-02-03", true);
        String elsewhere = person(TestUsers.CLERK, "فاطمة", "بناني", "Fatema", "Benani", "1995-05-05", false);
        awaitFound("Fatima Bennani", 2);
        login();

        open("/worker/register?lang=fr");
        fillRegistration("فاطمه", "بناني", "Fatma", "Benani", "1994-07-01");
        browser.driver.findElement(By.id("register-submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#likely-matches .likely-match")).size() == 2);
        assertThat(browser.driver.findElement(By.cssSelector("#likely-matches h2")).getText())
                .isEqualTo("Cette personne est-elle déjà enregistrée ?");
        WebElement followed = match(hers);
        assertThat(followed.getText()).contains("Fatima Bennani", "même nom, autre graphie : fatma ≈ fatima",
                "même année de naissance (1994)", "même région (Fès-Meknès)");
        WebElement outside = match(elsewhere);
        assertThat(outside.getText()).contains("Un dossier hors de vos centres", "même nom : benani", "né(e) en 1995")
                .doesNotContain("Fatema").doesNotContain("فاطمة");
        WebElement submit = browser.driver.findElement(By.id("register-submit"));
        assertThat(submit.getText()).isEqualTo("Enregistrer quand même : une autre personne");
        browser.screenshot("d1-likely-matches-fr");
        noConsoleErrors("register fr");

        submit.click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/worker/cases/"));
        String registered = browser.driver.getCurrentUrl().replaceAll(".*/worker/cases/([^?#]+).*", "$1");
        String statement = waitForEntry("DifferentPersonStated");
        assertThat(statement).contains("Enregistré comme une autre personne", hers, elsewhere);
        assertThat(registered).isNotIn(hers, elsewhere);
        browser.screenshot("d2-registered-anyway-fr");
        noConsoleErrors("case fr");
    }

    @Test
    @Order(3)
    void inFrenchTwoRecordsAreMergedAndTheMergeUndone() throws Exception {
        String survivor = person(WORKER, "خديجة", "العمراني", "Khadija", "Amrani", "1990-02-03", true);
        String duplicate = person(WORKER, "خديجة", "العمراني", "Khadija", "El Amrani", "1990-02-03", true);
        login();
        mergeAndUndo(survivor, duplicate, 2, "fr", "Même acte de naissance", "Deux sœurs jumelles",
                "[Dossier fusionné " + duplicate + "]", "a été fusionné dans celui-ci", "Fusion du dossier",
                "D’un dossier fusionné", "Éducation et formation");
    }

    @Test
    @Order(4)
    void inArabicTheLikelyMatchesComeBeforeRegisteringAndTwoRecordsAreMergedThenUndone() throws Exception {
        String hers = person(WORKER, "زينب", "التازي", "Zineb", "Tazi", "1992-02-03", true);
        awaitFound("Zineb Tazi", 1);
        login();
        open("/worker/register?lang=ar");
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        fillRegistration("زينب", "التازى", "Zainab", "Tazi", "1992-11-01");
        browser.driver.findElement(By.id("register-submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#likely-matches .likely-match")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#likely-matches h2")).getText())
                .isEqualTo("هل هذا الشخص مسجَّل من قبل؟");
        assertThat(match(hers).getText()).contains("Zineb Tazi", "الاسم نفسه بكتابة أخرى", "سنة الازدياد نفسها (1992)");
        assertThat(browser.driver.findElement(By.id("register-submit")).getText()).isEqualTo("سجّل رغم ذلك: شخص مختلف");
        browser.screenshot("d5-likely-matches-ar");
        noConsoleErrors("register ar");
        browser.driver.findElement(By.id("register-submit")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/worker/cases/"));
        String registered = browser.driver.getCurrentUrl().replaceAll(".*/worker/cases/([^?#]+).*", "$1");
        assertThat(waitForEntry("DifferentPersonStated")).contains("سُجّل كشخص مختلف", hers);

        // the record registered anyway is enrolled too, so that the survivor's table has hers to show
        post(WORKER, "/api/beneficiaries/" + registered + "/enrolments", null, """
                {"centreId":"%s","programme":"EDUCATION_TRAINING","enrolledOn":"%s"}""".formatted(CENTRE,
                TODAY.minusDays(5)), 201);
        mergeAndUndo(hers, registered, 3, "ar", "نفس عقد الازدياد", "شخصان مختلفان في الواقع",
                "[من الملف المدمج " + registered + "]", "في هذا الملف: الشخص نفسه", "أُلغي دمج الملف",
                "من ملف مدمج", "التربية والتكوين");
    }

    // ----

    /**
     * Merges {@code duplicate} (one enrolment, {@code mergedEntries} facts) into {@code survivor} (one enrolment)
     * through the case page, checks both pages, then undoes it.
     */
    private static void mergeAndUndo(String survivor, String duplicate, int mergedEntries, String lang, String reason,
                                     String undoReason, String marker, String mergedWords, String undoneWords,
                                     String fromMergedMark, String programme) throws Exception {
        open("/worker/cases/" + survivor + "?lang=" + lang);
        waitForEntry("BeneficiaryRegistered");
        click("#act-merge");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-merge")).size() == 1);
        type("duplicateId", duplicate);
        type("reason", reason);
        browser.driver.findElement(By.cssSelector("#form-merge .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done[data-done='merge']")).size() == 1);
        // the survivor's timeline shows one person: the duplicate's facts in it, marked
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#timeline .entry.merged-entry")).size() == mergedEntries);
        assertThat(waitForEntry("BeneficiariesMerged")).contains(duplicate, mergedWords, reason);
        assertThat(textOf("#timeline .entry.merged-entry[data-type='BeneficiaryRegistered'] .entry-text")).startsWith(marker);
        assertThat(textOf("#merged-records")).contains(duplicate);
        // her enrolments: this record's own, and the duplicate's marked as coming from it, with nothing to act on
        String mergedRow = ".enrolments tr.enrolment.merged-enrolment[data-merged-from='" + duplicate + "']";
        assertThat(textOf(mergedRow)).contains(programme, fromMergedMark);
        assertThat(browser.driver.findElement(By.cssSelector(mergedRow + " a.merged-mark")).getAttribute("href"))
                .endsWith("/worker/cases/" + duplicate);
        assertThat(browser.driver.findElements(By.cssSelector(mergedRow + " button"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector(".enrolments tr.enrolment"))).hasSize(2);
        assertThat(browser.driver.findElements(By.cssSelector(".enrolments tr.enrolment:not(.merged-enrolment) .act-completion")))
                .hasSize(1);
        browser.screenshot("d3-merged-" + lang);
        noConsoleErrors("merged " + lang);

        // the duplicate's page names where the person's facts now go, and undoes the merge
        open("/worker/cases/" + duplicate + "?lang=" + lang);
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#merged-into a.survivor")).size() == 1);
        assertThat(textOf("#merged-into a.survivor")).isEqualTo(survivor);
        click("#act-merge-undo");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-merge-undo")).size() == 1);
        type("reason", undoReason);
        browser.driver.findElement(By.cssSelector("#form-merge-undo .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done[data-done='merge-undo']")).size() == 1);
        browser.waitUntil(LIVE, d -> d.findElements(By.id("merged-into")).isEmpty());
        noConsoleErrors("merge undone " + lang);

        // two people again: the survivor's timeline no longer holds the other record's facts
        open("/worker/cases/" + survivor + "?lang=" + lang);
        assertThat(waitForEntry("MergeUndone")).contains(undoneWords, undoReason);
        assertThat(browser.driver.findElements(By.cssSelector("#timeline .entry.merged-entry"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("merged-records"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector(".enrolments tr.enrolment"))).hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector(".enrolments tr.merged-enrolment"))).isEmpty();
        assertThat(textOf(".enrolments")).doesNotContain(fromMergedMark);
        browser.screenshot("d4-merge-undone-" + lang);
        noConsoleErrors("survivor after undo " + lang);
    }

    private static void login() {
        if (browser != null) {
            return;
        }
        assumeTrue(BrowserSession.available(), "Debian's chromium and chromium-driver are not installed");
        try {
            browser = new BrowserSession();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        browser.driver.get(base + "/worker?lang=fr");
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/login"));
        type("username", WORKER);
        type("password", TestUsers.PASSWORD);
        browser.driver.findElement(By.id("login")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/worker"));
    }

    private static void fillRegistration(String givenAr, String familyAr, String given, String family, String born) {
        browser.waitUntil(LIVE, d -> d.findElements(By.id("register-form")).size() == 1);
        type("givenNameAr", givenAr);
        type("familyNameAr", familyAr);
        type("givenNameLatin", given);
        type("familyNameLatin", family);
        browser.setDate(browser.driver.findElement(By.id("dateOfBirth")), born);
        new Select(browser.driver.findElement(By.id("sex"))).selectByValue("FEMALE");
        new Select(browser.driver.findElement(By.id("region"))).selectByValue("FES_MEKNES");
        type("province", "Sefrou");
        new Select(browser.driver.findElement(By.id("household"))).selectByValue("POOR_HOUSEHOLD");
    }

    private static WebElement match(String beneficiaryId) {
        return browser.driver.findElement(By.cssSelector("#likely-matches .likely-match[data-id='" + beneficiaryId + "']"));
    }

    /** The text of the newest timeline entry of this type, once the live timeline shows it. */
    private static String waitForEntry(String type) {
        return browser.waitUntil(LIVE, d -> {
            try {
                List<WebElement> entries = d.findElements(By.cssSelector("#timeline .entry[data-type='" + type + "'] .entry-text"));
                return entries.isEmpty() ? null : entries.get(0).getText();
            } catch (StaleElementReferenceException redrawn) {
                return null;
            }
        });
    }

    private static String textOf(String css) {
        return browser.waitUntil(LIVE, d -> {
            try {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return found.isEmpty() ? null : found.get(0).getText();
            } catch (StaleElementReferenceException redrawn) {
                return null;
            }
        });
    }

    /** Clicks once the element is there and stays: the case page's live part is redrawn as its stream speaks. */
    private static void click(String css) {
        browser.waitUntil(LIVE, d -> {
            try {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                if (found.isEmpty()) {
                    return false;
                }
                found.get(0).click();
                return true;
            } catch (StaleElementReferenceException redrawn) {
                return false;
            }
        });
    }

    /**
     * Errors in the browser's console (a refused script or style, a failed request, a script error): none. The live
     * parts queue their refreshes ({@code hx-sync="this:queue last"}) rather than abort one, which htmx logs as an
     * error.
     */
    private static void noConsoleErrors(String page) {
        assertThat(browser.consoleErrors()).as("console errors on " + page).isEmpty();
    }

    private static void open(String path) {
        browser.driver.get(base + path);
    }

    private static void type(String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Registers a person through the API as {@code user}, enrolled in the worker's centre when {@code enrolled}. */
    private static String person(String user, String givenAr, String familyAr, String given, String family,
                                 String born, boolean enrolled) throws Exception {
        String id = post(user, "/api/beneficiaries", null, """
                {"givenNameAr":"%s","familyNameAr":"%s","givenNameLatin":"%s","familyNameLatin":"%s",
                 "dateOfBirth":"%s","sex":"FEMALE","region":"FES_MEKNES","province":"Sefrou","household":"POOR_HOUSEHOLD"}"""
                .formatted(givenAr, familyAr, given, family, born), 201).path("beneficiaryId").asText();
        if (enrolled) {
            post(user, "/api/beneficiaries/" + id + "/enrolments", null, """
                    {"centreId":"%s","programme":"EDUCATION_TRAINING","enrolledOn":"%s"}""".formatted(CENTRE,
                    TODAY.minusDays(40)), 201);
        }
        return id;
    }

    private static String registration(String given, String family, String born, String notTheSameAs) {
        return """
                {"givenNameAr":"نادية","familyNameAr":"الشرقاوي","givenNameLatin":"%s","familyNameLatin":"%s",
                 "dateOfBirth":"%s","sex":"FEMALE","region":"FES_MEKNES","province":"Sefrou","household":"POOR_HOUSEHOLD",
                 "notTheSameAs":%s}""".formatted(given, family, born, notTheSameAs);
    }

    /** Waits until a clerk's name search finds {@code count} people (the projections follow within a moment). */
    private static void awaitFound(String name, int count) throws Exception {
        long until = System.currentTimeMillis() + LIVE.toMillis();
        int found = -1;
        while (System.currentTimeMillis() < until) {
            found = get(TestUsers.CLERK, "/api/beneficiaries?q=" + url(name), "fr", 200).get("items").size();
            if (found == count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("found " + found + " people named " + name + ", not " + count);
    }

    private static int events(String type) throws Exception {
        return get(TestUsers.CLERK, "/api/audit/events?type=" + type + "&limit=500", "fr", 200).path("events").size();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("beneficiaryId").asText()));
        return ids;
    }

    private static JsonNode get(String user, String path, String language, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic(user)).header("Accept-Language", language).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    private static JsonNode post(String user, String path, String key, String body, int status) throws Exception {
        return post(user, path, key, body, status, "fr");
    }

    private static JsonNode post(String user, String path, String key, String body, int status, String language)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .header("Accept-Language", language).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestUsers.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String url(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
