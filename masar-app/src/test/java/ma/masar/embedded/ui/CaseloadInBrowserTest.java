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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 17 in a real browser (Debian's headless Chromium), against the embedded application with no demo data: a
 * social worker of one centre opens /worker on her caseload, sees a follow-up gone overdue and a referral whose
 * answer is late, records the follow-up done, is refused a due date before today (the rule's words at the field),
 * schedules another, and records a partner's answers, in French and in Arabic (right to left); the timeline says it
 * in each language. The browser's console shows no error on any of these pages. Then she refers people to partners
 * from the case page's form, in French and in Arabic: the form offers the agreements in force for her centres, the
 * referral shows in the timeline and the plan (with the deadline set next), and one without the person's consent is
 * refused in her language and records nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaseloadInBrowserTest {

    private static final Duration LIVE = Duration.ofSeconds(10);
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper json = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(AgencyTime.ZONE);
    /** The worker's centre: opened with this idempotency key by clerk, so its id is known before the start. */
    private static final String CENTRE_KEY = "caseload-centre-" + UUID.randomUUID();
    private static final String CENTRE = UUID.nameUUIDFromBytes((TestUsers.CLERK + "\n" + CENTRE_KEY + "\ncentre")
            .getBytes(StandardCharsets.UTF_8)).toString();
    private static final String WORKER = "assistante";

    private static ConfigurableApplicationContext app;
    private static BrowserSession browser;
    private static String base;
    private static String khadija;
    private static String salma;
    private static String partnership;

    @RegisterExtension
    static final TestWatcher pictureOfFailures = BrowserSession.pictureOfFailures(() -> browser, "failed-caseload-");

    @BeforeAll
    static void startMasarWithAWorkersCases() throws Exception {
        assumeTrue(BrowserSession.available(), "Debian's chromium and chromium-driver are not installed");
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("masar-caseload-ui-");
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + dataDir, "--server.port=0",
                "--masar.demo.enabled=false", "--axon.update-check.disabled=true",
                // a visit ends after a second without reading the caseload, so that the tests see "changed since"
                "--masar.caseload.visit-gap=PT1S"));
        args.addAll(TestUsers.args());
        args.addAll(List.of("--masar.security.users[1].username=" + WORKER,
                "--masar.security.users[1].password={bcrypt}$2a$04$nU.2dH2wcBt5vICAco6iOOV7WzIRu5AyYkKcI1pCZkh7qsPpBobj6",
                "--masar.security.users[1].roles=SOCIAL_WORKER",
                "--masar.security.users[1].centres=" + CENTRE));
        app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
        base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();

        String opened = post("/api/centres", CENTRE_KEY, """
                {"type":"EDUCATION_TRAINING_CENTRE","nameAr":"مركز التربية والتكوين صفرو","nameFr":"CEF Sefrou",
                 "region":"FES_MEKNES","province":"Sefrou","capacity":40,"openedOn":"2005-01-01"}""").path("centreId").asText();
        assertThat(opened).isEqualTo(CENTRE);
        partnership = post("/api/partnerships", null, """
                {"partnerId":"amal","partnerName":"Association Amal","partnerType":"NATIONAL_NGO",
                 "subject":"Hébergement","amountMad":0,"startsOn":"2010-01-01","endsOn":"2035-12-31",
                 "centreIds":[],"signedOn":"2009-12-20"}""").path("partnershipId").asText();

        khadija = person("خديجة", "العمراني", "Khadija", "Amrani");
        post("/api/beneficiaries/" + khadija + "/follow-ups", null, """
                {"kind":"HOME_VISIT","what":"Visite à domicile : conditions de logement","dueOn":"%s","scheduledOn":"%s"}"""
                .formatted(TODAY.minusDays(1), TODAY.minusDays(14)));
        salma = person("سلمى", "بناني", "Salma", "Bennani");
        post("/api/beneficiaries/" + salma + "/consents", null, """
                {"scope":"REFERRAL","purpose":"Orientation vers un hébergement","givenOn":"%s"}""".formatted(TODAY.minusDays(30)));
        String referral = post("/api/beneficiaries/" + salma + "/referrals", null, """
                {"partnershipId":"%s","purpose":"Hébergement d’urgence","referredOn":"%s"}"""
                .formatted(partnership, TODAY.minusDays(20))).path("referralId").asText();
        post("/api/beneficiaries/" + salma + "/referrals/" + referral + "/deadline", null,
                "{\"respondBy\":\"" + TODAY.minusDays(2) + "\"}");

        browser = new BrowserSession();
        browser.driver.get(base + "/worker?lang=fr");
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/login"));
        type("username", WORKER);
        type("password", TestUsers.PASSWORD);
        browser.driver.findElement(By.id("login")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/worker"));
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
    void theCaseloadShowsHerCasesWithTheOverdueFollowUpAndTheLateAnswer() throws Exception {
        open("/worker?lang=fr");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#caseload tr.caseload-case")).size() == 2);
        WebElement hers = row(khadija);
        assertThat(hers.getAttribute("data-overdue")).isEqualTo("1");
        assertThat(hers.findElement(By.cssSelector(".overdue-badge")).getText()).contains("Suivis en retard : 1");
        assertThat(row(salma).findElement(By.cssSelector(".overdue-referral-badge")).getText()).contains("Réponses en retard : 1");
        // overdue first
        assertThat(browser.driver.findElements(By.cssSelector("#caseload tr.caseload-case")).get(0)
                .getAttribute("data-beneficiary")).isEqualTo(khadija);
        assertThat(browser.driver.findElement(By.id("cl-overdue")).getText()).contains("2 en retard");
        // the search is still there
        assertThat(browser.driver.findElements(By.id("q"))).hasSize(1);
        // filtering by a programme she has no case in empties the list, without a reload
        new Select(browser.driver.findElement(By.id("cl-programme"))).selectByValue("PRESCHOOL");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#caseload tr.caseload-case")).isEmpty());
        browser.screenshot("c1-caseload-filtered-fr");
        noConsoleErrors("caseload fr");

        open("/worker?lang=fr");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#caseload tr.caseload-case")).size() == 2);
        browser.screenshot("c1-caseload-fr");
    }

    @Test
    @Order(2)
    void aFollowUpGoneOverdueIsDoneAndAnotherScheduledAfterARefusalAtTheField() throws Exception {
        open("/worker?lang=fr");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#caseload tr.caseload-case")).size() == 2);
        click("#caseload tr.caseload-case[data-beneficiary='" + khadija + "'] a.case-link");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.follow-up[data-overdue='true']")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#plan .overdue-badge")).getText()).isEqualTo("En retard");
        assertThat(browser.driver.findElement(By.cssSelector("#plan tr.follow-up")).getText())
                .contains("Visite à domicile", "conditions de logement");
        browser.screenshot("c2-case-follow-up-overdue-fr");

        click("#plan .act-follow-up-done");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-follow-up-done")).size() == 1);
        browser.driver.findElement(By.cssSelector("#form-follow-up-done .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done")).size() == 1);
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.follow-up[data-status='DONE']")).size() == 1);
        assertThat(entryText("FollowUpDone")).contains("Suivi réalisé : visite à domicile");
        assertThat(entryText("FollowUpScheduled")).contains("Suivi planifié : visite à domicile");

        // a due date before the day it is scheduled: refused, in French, at the field
        click("#act-follow-up");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-follow-up")).size() == 1);
        new Select(browser.driver.findElement(By.id("kind"))).selectByValue("PHONE_CALL");
        type("what", "Appeler pour le rendez-vous au CEF");
        browser.setDate(browser.driver.findElement(By.id("dueOn")), TODAY.minusDays(3).toString());
        browser.driver.findElement(By.cssSelector("#form-follow-up .submit")).click();
        WebElement error = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#form-follow-up .field.invalid .error"))
                .stream().findFirst().orElse(null));
        assertThat(error.getText()).contains("échéance");
        browser.screenshot("c3-follow-up-refused-fr");
        browser.setDate(browser.driver.findElement(By.id("dueOn")), TODAY.plusDays(7).toString());
        browser.driver.findElement(By.cssSelector("#form-follow-up .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done")).size() == 1);
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.follow-up[data-status='OPEN']")).size() == 1);
        assertThat(browser.driver.findElements(By.cssSelector("#plan .overdue-badge"))).isEmpty();
        browser.screenshot("c4-follow-ups-fr");
        noConsoleErrors("case fr");

        // back on the caseload: no longer overdue, and changed since this visit began
        open("/worker?lang=fr");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#caseload tr.caseload-case")).size() == 2);
        browser.waitUntil(LIVE, d -> "0".equals(row(khadija).getAttribute("data-overdue")));
    }

    @Test
    @Order(3)
    void aPartnersAnswerToAReferralIsRecordedInFrench() throws Exception {
        open("/worker/cases/" + salma + "?lang=fr");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.referral[data-overdue='true']")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#plan .overdue-referral-badge")).getText())
                .isEqualTo("Réponse en retard");
        click("#plan .act-referral-outcome");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-referral-outcome")).size() == 1);
        new Select(browser.driver.findElement(By.id("outcome"))).selectByValue("ACCEPTED");
        browser.driver.findElement(By.cssSelector("#form-referral-outcome .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.referral[data-outcome='ACCEPTED']")).size() == 1);
        assertThat(browser.driver.findElements(By.cssSelector("#plan .overdue-referral-badge"))).isEmpty();
        assertThat(entryText("ReferralOutcomeRecorded")).contains("Réponse du partenaire", "acceptée");
        assertThat(entryText("ReferralDeadlineSet")).contains("au plus tard le");
        browser.screenshot("c5-referral-accepted-fr");
        noConsoleErrors("referral fr");
    }

    @Test
    @Order(4)
    void inArabicTheCaseloadAndTheCaseReadRightToLeftAndTheServiceIsRecorded() throws Exception {
        open("/worker?lang=ar");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#caseload tr.caseload-case")).size() == 2);
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        assertThat(browser.driver.findElement(By.cssSelector("#caseload h2")).getText()).isEqualTo("ملفاتي");
        assertThat(browser.driver.findElement(By.id("cl-changed")).getText()).contains("تغيّر");
        browser.screenshot("c6-caseload-ar");
        noConsoleErrors("caseload ar");

        open("/worker/cases/" + salma + "?lang=ar");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.referral[data-outcome='ACCEPTED']")).size() == 1);
        click("#plan .act-referral-outcome");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-referral-outcome")).size() == 1);
        new Select(browser.driver.findElement(By.id("outcome"))).selectByValue("SERVICE_DELIVERED");
        browser.driver.findElement(By.cssSelector("#form-referral-outcome .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.referral[data-outcome='SERVICE_DELIVERED']")).size() == 1);
        assertThat(browser.driver.findElements(By.cssSelector("#plan .act-referral-outcome"))).as("closed").isEmpty();
        browser.waitUntil(LIVE, d -> entryText("ReferralOutcomeRecorded").contains("قُدِّمت الخدمة"));
        assertThat(browser.driver.findElement(By.cssSelector("#plan tr.referral")).getText()).contains("قُدِّمت الخدمة");

        open("/worker/cases/" + khadija + "?lang=ar");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.follow-up")).size() == 2);
        assertThat(entryText("FollowUpScheduled")).contains("برمجة متابعة");
        browser.screenshot("c7-case-follow-ups-ar");
        noConsoleErrors("case ar");
    }

    @Test
    @Order(5)
    void aManagerReadsCountsWithoutNames() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/stats/follow-ups?year="
                        + TODAY.minusDays(20).getYear())).header("Authorization", TestUsers.basic()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode counts = json.readTree(response.body());
        assertThat(counts.at("/total/openFollowUps").asLong()).as(response.body()).isEqualTo(1);
        assertThat(counts.at("/total/referralsByPartnerKind/NATIONAL_NGO/serviceDelivered").asLong()).isEqualTo(1);
        assertThat(response.body()).doesNotContain("Salma", "Khadija", salma, khadija);

        // and on the manager's page, in both languages (clerk is a manager too)
        browser.driver.manage().deleteAllCookies();
        open("/manager/follow-ups?lang=fr");
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/login"));
        type("username", TestUsers.CLERK);
        type("password", TestUsers.PASSWORD);
        browser.driver.findElement(By.id("login")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/manager/follow-ups"));
        // opened afresh: the page the login returns to is served with the request saved before the login, whose
        // (absent) session cookie the page would forward to the API (Spring Security's SavedRequestAwareWrapper)
        open("/manager/follow-ups?lang=fr");
        WebElement row = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("tr.centre-counts[data-centre='" + CENTRE + "']"))
                .stream().findFirst().orElse(null));
        assertThat(row.getText()).contains("CEF Sefrou", "ONG");
        assertThat(browser.driver.findElement(By.tagName("main")).getText()).doesNotContain("Salma", "Khadija", "Bennani");
        browser.screenshot("c8-manager-follow-ups-fr");
        noConsoleErrors("manager fr");
        open("/manager/follow-ups?lang=ar");
        row = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("tr.centre-counts[data-centre='" + CENTRE + "']"))
                .stream().findFirst().orElse(null));
        assertThat(row.getText()).contains("مركز التربية والتكوين صفرو");
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        browser.screenshot("c9-manager-follow-ups-ar");
        noConsoleErrors("manager ar");
    }


    @Test
    @Order(6)
    void inFrenchAReferralMadeThroughTheFormIsInTheTimelineAndThePlanAndOneWithoutConsentIsRefused() throws Exception {
        // the agreements she may refer to: in force, for her centre or all centres; not another centre's, not expired
        post("/api/partnerships", null, """
                {"partnerId":"nour","partnerName":"Association Nour","partnerType":"NATIONAL_NGO",
                 "subject":"Soutien psychologique","startsOn":"2010-01-01","centreIds":["%s"],"signedOn":"2009-12-20"}"""
                .formatted(CENTRE));
        post("/api/partnerships", null, """
                {"partnerId":"sefrou","partnerName":"Commune de Sefrou","partnerType":"COMMUNE",
                 "subject":"Transport","startsOn":"2010-01-01","centreIds":["%s"],"signedOn":"2009-12-20"}"""
                .formatted(UUID.randomUUID()));
        post("/api/partnerships", null, """
                {"partnerId":"ancienne","partnerName":"Fondation Ancienne","partnerType":"FOREIGN_NGO",
                 "subject":"Formation","startsOn":"2008-01-01","endsOn":"2009-12-31","centreIds":[],"signedOn":"2007-12-20"}""");
        String nadia = person("نادية", "العلوي", "Nadia", "Alaoui");
        post("/api/beneficiaries/" + nadia + "/consents", null, """
                {"scope":"REFERRAL","purpose":"Orientation vers un soutien","givenOn":"%s"}""".formatted(TODAY.minusDays(10)));
        loginAs(WORKER);

        open("/worker/cases/" + nadia + "?lang=fr");
        browser.waitUntil(LIVE, d -> !entryText("ConsentGiven").isEmpty());
        click("#act-referral");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-referral")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#form-referral h3")).getText())
                .isEqualTo("Orienter vers un partenaire");
        List<String> offered = new Select(browser.driver.findElement(By.id("partnershipId"))).getOptions().stream()
                .map(WebElement::getText).toList();
        assertThat(offered).containsExactly("— choisir —", "Association Amal · Hébergement",
                "Association Nour · Soutien psychologique");
        new Select(browser.driver.findElement(By.id("partnershipId"))).selectByVisibleText(
                "Association Nour · Soutien psychologique");
        type("purpose", "Accompagnement psychologique après le départ du foyer");
        browser.setDate(browser.driver.findElement(By.id("referredOn")), TODAY.minusDays(1).toString());
        browser.screenshot("c10-referral-form-fr");
        browser.driver.findElement(By.cssSelector("#form-referral .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done[data-done='referral']")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#action-panel .done")).getText())
                .contains("Orientation enregistrée.");

        // the deadline is the next step, offered once the referral is recorded
        click("#act-new-referral-deadline");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-referral-deadline")).size() == 1);
        browser.setDate(browser.driver.findElement(By.id("respondBy")), TODAY.plusDays(10).toString());
        browser.driver.findElement(By.cssSelector("#form-referral-deadline .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done[data-done='referral-deadline']")).size() == 1);

        browser.waitUntil(LIVE, d -> entryText("ReferralDeadlineSet").contains("au plus tard le"));
        assertThat(entryText("ReferredToPartner")).contains("Orientation vers un partenaire",
                "Accompagnement psychologique après le départ du foyer");
        WebElement referral = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.referral")).stream()
                .filter(r -> r.findElements(By.cssSelector("time[datetime='" + TODAY.plusDays(10) + "']")).size() == 1)
                .findFirst().orElse(null));
        assertThat(referral.getText()).contains("Association Nour");
        assertThat(referral.findElement(By.cssSelector("time[datetime='" + TODAY.minusDays(1) + "']"))).isNotNull();
        assertThat(browser.driver.findElements(By.cssSelector("#plan tr.referral"))).hasSize(1);
        browser.screenshot("c11-referral-in-plan-fr");
        noConsoleErrors("referral form fr");

        // without the person's consent: refused in French, nothing recorded
        refusedWithoutConsent("fr", "Le consentement de la personne est requis");
    }

    @Test
    @Order(7)
    void inArabicAReferralMadeThroughTheFormIsInTheTimelineAndThePlanAndOneWithoutConsentIsRefused() throws Exception {
        loginAs(WORKER);
        open("/worker/cases/" + salma + "?lang=ar");
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.referral")).size() == 1);
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        click("#act-referral");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-referral")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#form-referral h3")).getText()).isEqualTo("توجيه نحو شريك");
        assertThat(browser.driver.findElement(By.cssSelector("label[for='partnershipId']")).getText()).contains("الشريك");
        new Select(browser.driver.findElement(By.id("partnershipId"))).selectByValue(partnership);
        type("purpose", "مواكبة نفسية بعد مغادرة المؤسسة");
        browser.driver.findElement(By.cssSelector("#form-referral .submit")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#action-panel .done[data-done='referral']")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#action-panel .done")).getText())
                .contains("سُجّل التوجيه نحو الشريك.");

        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.referral")).size() == 2);
        browser.waitUntil(LIVE, d -> entryText("ReferredToPartner").contains("مواكبة نفسية بعد مغادرة المؤسسة"));
        assertThat(entryText("ReferredToPartner")).contains("توجيه نحو شريك");
        // the newest first, made today, awaiting the partner's answer
        WebElement newest = browser.driver.findElements(By.cssSelector("#plan tr.referral")).get(0);
        assertThat(newest.getText()).contains("Association Amal");
        assertThat(newest.getAttribute("data-outcome")).isNull();
        assertThat(newest.findElements(By.cssSelector("time[datetime='" + TODAY + "']"))).hasSize(1);
        assertThat(browser.driver.findElement(By.cssSelector("#plan table.referrals th")).getText()).isEqualTo("الشريك");
        browser.screenshot("c12-referral-in-plan-ar");
        noConsoleErrors("referral form ar");

        refusedWithoutConsent("ar", "موافقة الشخص مطلوبة");
    }

    // ----

    /** Khadija gave no consent to referral: the form shows the API's refusal in the page's language, nothing else. */
    private static void refusedWithoutConsent(String lang, String refusal) throws Exception {
        int before = referralsOf(khadija);
        open("/worker/cases/" + khadija + "?lang=" + lang);
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.follow-up")).size() == 2);
        click("#act-referral");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("form-referral")).size() == 1);
        new Select(browser.driver.findElement(By.id("partnershipId"))).selectByValue(partnership);
        type("purpose", "Hébergement temporaire");
        browser.driver.findElement(By.cssSelector("#form-referral .submit")).click();
        WebElement problem = browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#form-referral .problem"))
                .stream().findFirst().orElse(null));
        assertThat(problem.getText()).isEqualTo(refusal);
        // the form stays as she filled it, to try again once the consent is recorded
        assertThat(browser.driver.findElement(By.id("purpose")).getAttribute("value")).isEqualTo("Hébergement temporaire");
        assertThat(browser.driver.findElements(By.cssSelector("#action-panel .done"))).isEmpty();
        browser.screenshot("c13-referral-refused-" + lang);
        noConsoleErrors("referral refused " + lang);

        assertThat(referralsOf(khadija)).isEqualTo(before).isZero();
        open("/worker/cases/" + khadija + "?lang=" + lang);
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#plan tr.follow-up")).size() == 2);
        assertThat(browser.driver.findElements(By.cssSelector("#timeline .entry[data-type='ReferredToPartner']"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#plan tr.referral"))).isEmpty();
    }

    /** The referrals recorded in the event store for a case (clerk is an auditor too). */
    private static int referralsOf(String beneficiaryId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/audit/events?type=ReferredToPartner&beneficiaryId=" + beneficiaryId))
                .header("Authorization", TestUsers.basic()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("events").size();
    }

    private static void loginAs(String user) {
        browser.driver.manage().deleteAllCookies();
        open("/worker?lang=fr");
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/login"));
        type("username", user);
        type("password", TestUsers.PASSWORD);
        browser.driver.findElement(By.id("login")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/worker"));
    }

    private static WebElement row(String beneficiaryId) {
        return browser.driver.findElement(By.cssSelector("#caseload tr.caseload-case[data-beneficiary='" + beneficiaryId + "']"));
    }

    private static String entryText(String type) {
        List<WebElement> entries = browser.driver.findElements(By.cssSelector("#timeline .entry[data-type='" + type + "'] .entry-text"));
        return entries.isEmpty() ? "" : entries.get(0).getText();
    }

    /**
     * Errors in the browser's console (a refused script or style, a failed request, a script error): none. The live
     * parts queue their refreshes ({@code hx-sync="this:queue last"}) rather than abort one, which htmx logs as an
     * error.
     */
    private static void noConsoleErrors(String page) {
        assertThat(browser.consoleErrors()).as("console errors on " + page).isEmpty();
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
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    private static void open(String path) {
        browser.driver.get(base + path);
    }

    private static void type(String id, String text) {
        WebElement field = browser.driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static String person(String givenAr, String familyAr, String given, String family) throws Exception {
        String id = post("/api/beneficiaries", null, """
                {"givenNameAr":"%s","familyNameAr":"%s","givenNameLatin":"%s","familyNameLatin":"%s",
                 "dateOfBirth":"1994-02-03","sex":"FEMALE","region":"FES_MEKNES","province":"Sefrou","household":"POOR_HOUSEHOLD"}"""
                .formatted(givenAr, familyAr, given, family)).path("beneficiaryId").asText();
        post("/api/beneficiaries/" + id + "/enrolments", null, """
                {"centreId":"%s","programme":"EDUCATION_TRAINING","enrolledOn":"%s"}""".formatted(CENTRE, TODAY.minusDays(40)));
        return id;
    }

    private static JsonNode post(String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", TestUsers.basic()).header("Content-Type", "application/json")
                .header("Accept-Language", "fr").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 299);
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }
}
