package ma.masar.embedded.ui;

import ma.masar.embedded.FreePorts;
import ma.masar.embedded.MasarApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 18: people log in to the pages through a real Keycloak (its own distribution, the project's realm), with
 * OpenID Connect's authorization-code flow, as in production (profile {@code keycloak}); nothing is mocked. Each
 * role reaches its own pages through Keycloak's login form; a social worker records a fact and sees it on the case
 * timeline; logging out ends Masar's session and Keycloak's. The API takes Keycloak's access tokens (obtained by
 * {@code ops/keycloak/check-login.py}, as an operator checks a realm): the roles they carry decide, and a token
 * altered, or signed by another realm, is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakLoginInBrowserTest {

    private static final Duration LIVE = Duration.ofSeconds(20);
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static KeycloakServer keycloak;
    private static ConfigurableApplicationContext app;
    private static BrowserSession browser;
    private static String base;

    @RegisterExtension
    static final TestWatcher pictureOfFailures = BrowserSession.pictureOfFailures(() -> browser, "failed-keycloak-");

    @BeforeAll
    static void startKeycloakAndMasar() throws Exception {
        assumeTrue(BrowserSession.available(), "Debian's chromium and chromium-driver are not installed");
        assumeTrue(KeycloakServer.available(), "Keycloak is unpacked by the build (mvn verify), not by an IDE run");
        int port = FreePorts.below32768();
        base = "http://localhost:" + port;
        keycloak = KeycloakServer.start(base, Duration.ofMinutes(4));
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("masar-keycloak-");
        app = SpringApplication.run(MasarApplication.class, "--spring.profiles.active=keycloak",
                "--masar.oidc.issuer=" + keycloak.realm(), "--masar.data-dir=" + dataDir, "--server.port=" + port,
                "--masar.demo.enabled=false", "--axon.update-check.disabled=true");
        browser = new BrowserSession();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    @Order(1)
    void eachRoleReachesItsPagesThroughKeycloaksLoginFormAndLogsOutOfBoth() {
        record Person(String user, String page, String heading) {
        }
        for (Person person : List.of(new Person("worker", "/worker", "#q"),
                new Person("auditor", "/auditor", "main"),
                new Person("manager", "/manager", "main"),
                new Person("admin", "/", "main"))) {
            browser.driver.get(base + person.page() + "?lang=fr");
            logInAtKeycloak(person.user());
            browser.waitUntil(LIVE, d -> d.getCurrentUrl().startsWith(base)
                    && d.findElements(By.cssSelector(person.heading())).size() > 0);
            // the header names the person Keycloak logged in; her role opened the page
            assertThat(browser.driver.findElement(By.cssSelector("header")).getText()).contains(person.user());
            assertThat(masarConsoleErrors()).as(person.user() + "'s page").isEmpty();

            browser.driver.findElement(By.id("logout")).click();
            browser.waitUntil(LIVE, d -> d.getCurrentUrl().startsWith(base + "/login?logout"));
            // Keycloak's session ended too: the next page asks for the password again instead of logging in silently
            browser.driver.get(base + person.page());
            browser.waitUntil(LIVE, d -> d.getCurrentUrl().startsWith(keycloak.base())
                    && d.findElements(By.id("username")).size() == 1);
        }
    }

    @Test
    @Order(2)
    void aSocialWorkerRecordsAFactAndSeesItOnTheTimeline() {
        browser.driver.get(base + "/worker?lang=fr");
        logInAtKeycloak("worker");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("q")).size() == 1);
        browser.driver.findElement(By.id("q")).sendKeys("Nadia Berrada");
        browser.waitUntil(LIVE, d -> d.findElements(By.id("register-new")).size() == 1);
        browser.driver.findElement(By.id("register-new")).click();
        browser.waitUntil(LIVE, d -> d.findElements(By.id("register-form")).size() == 1);
        browser.type("givenNameAr", "نادية");
        browser.type("familyNameAr", "برادة");
        browser.type("givenNameLatin", "Nadia");
        browser.type("familyNameLatin", "Berrada");
        browser.setDate(browser.driver.findElement(By.id("dateOfBirth")), "1994-02-11");
        browser.choose("sex", "FEMALE");
        browser.choose("region", "RABAT_SALE_KENITRA");
        browser.type("province", "Salé");
        browser.choose("household", "POOR_HOUSEHOLD");
        browser.driver.findElement(By.id("register-submit")).click();

        browser.waitUntil(LIVE, d -> d.getCurrentUrl().contains("/worker/cases/"));
        browser.waitUntil(LIVE, d -> d.findElements(
                By.cssSelector("#timeline .entry[data-type='BeneficiaryRegistered']")).size() == 1);
        // the person's names come from another read model than the timeline: the page fills them in when it has them
        browser.waitUntil(LIVE, d -> d.findElements(By.cssSelector("#who .names")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#who .names")).getText()).contains("Nadia Berrada");
        assertThat(masarConsoleErrors()).isEmpty();
        browser.driver.findElement(By.id("logout")).click();
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().startsWith(base + "/login?logout"));
    }

    @Test
    @Order(3)
    void theApiTakesKeycloaksTokensAndTheRolesTheyCarry() throws Exception {
        String worker = tokenOf("worker");
        String manager = tokenOf("manager");

        assertThat(get("/api/beneficiaries?q=Berrada", worker).statusCode()).isEqualTo(200);
        // a manager's token is genuine, but her role sees no person
        assertThat(get("/api/beneficiaries?q=Berrada", manager).statusCode()).isEqualTo(403);
        assertThat(get("/api/stats/programmes", manager).statusCode()).isEqualTo(200);

        // the signature is checked: one character of the payload changed
        String[] parts = worker.split("\\.");
        char last = parts[1].charAt(parts[1].length() - 1);
        String altered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 1) + (last == 'A' ? 'B' : 'A')
                + "." + parts[2];
        assertThat(get("/api/beneficiaries?q=Berrada", altered).statusCode()).isEqualTo(401);
        // the issuer and its keys are checked: a token of Keycloak's own master realm is not Masar's
        assertThat(get("/api/beneficiaries?q=Berrada", masterRealmToken()).statusCode()).isEqualTo(401);
        assertThat(get("/api/beneficiaries?q=Berrada", null).statusCode()).isEqualTo(401);
    }

    private static void logInAtKeycloak(String user) {
        browser.waitUntil(LIVE, d -> d.getCurrentUrl().startsWith(keycloak.base())
                && d.findElements(By.id("username")).size() == 1);
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(user + "-demo");
        browser.driver.findElement(By.id("kc-login")).click();
    }

    /** Errors of Masar's pages; Keycloak's own pages are not ours to judge. */
    private static List<String> masarConsoleErrors() {
        return browser.consoleErrors().stream().filter(error -> !error.contains(keycloak.base())).toList();
    }

    /** The access token of a demo person, as {@code ops/keycloak/check-login.py} gets it (the browser's flow). */
    private static String tokenOf(String user) throws Exception {
        Process check = new ProcessBuilder("python3", "../ops/keycloak/check-login.py", user, keycloak.base(), "--token")
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        // its report names the person and the realm's roles
        assertThat(lines.get(0)).startsWith(user + " -> " + user).contains("iss: " + keycloak.realm());
        return lines.get(lines.size() - 1).trim();
    }

    private static String masterRealmToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.MASTER_ADMIN
                + "&password=" + URLEncoder.encode(KeycloakServer.MASTER_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(keycloak.base()
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
