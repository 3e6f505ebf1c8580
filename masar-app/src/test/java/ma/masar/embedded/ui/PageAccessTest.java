package ma.masar.embedded.ui;

import ma.masar.embedded.MasarApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI's doors, with the demo people of masar-embedded.yml: each role reaches its own area only, a person who
 * is not logged in is sent to the login form, the forms need their CSRF token, and pages carry the security headers.
 */
class PageAccessTest {

    private static ConfigurableApplicationContext app;
    private static String base;
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        app = SpringApplication.run(MasarApplication.class, "--masar.data-dir=" + Files.createTempDirectory("masar-pages-"),
                "--server.port=0", "--masar.demo.enabled=false", "--axon.update-check.disabled=true");
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> get(String path, String user, String password) throws Exception {
        // as a browser asks for a page (a program asking without Accept: text/html gets 401 instead of the form)
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachRoleReachesItsOwnAreaOnly() throws Exception {
        assertThat(get("/worker", null, null).statusCode()).isEqualTo(302);
        assertThat(get("/worker", null, null).headers().firstValue("Location")).hasValueSatisfying(
                to -> assertThat(to).endsWith("/login"));
        Map<String, String> home = Map.of("worker", "/worker", "manager", "/manager", "auditor", "/auditor/events");
        for (Map.Entry<String, String> person : home.entrySet()) {
            String password = person.getKey() + "-demo";
            for (String area : home.values()) {
                int expected = area.equals(person.getValue()) ? 200 : 403;
                assertThat(get(area, person.getKey(), password).statusCode())
                        .as(person.getKey() + " " + area).isEqualTo(expected);
            }
        }
        for (String area : home.values()) {
            assertThat(get(area, "admin", "admin-demo").statusCode()).as("admin " + area).isEqualTo(403);
        }
        // the administrator's console: hers alone, every page of it
        for (String page : new String[] {"/admin", "/admin/centres", "/admin/centres/new", "/admin/partnerships",
                "/admin/operations"}) {
            assertThat(get(page, "admin", "admin-demo").statusCode()).as("admin " + page).isEqualTo(200);
            for (String person : home.keySet()) {
                assertThat(get(page, person, person + "-demo").statusCode()).as(person + " " + page).isEqualTo(403);
            }
            assertThat(get(page, null, null).statusCode()).as("no one " + page).isEqualTo(302);
        }
        assertThat(get("/worker", "worker", "wrong").statusCode()).isEqualTo(401);
    }

    /** A form of the console sent by someone else opens nothing: refused before it reaches the API. */
    @Test
    void onlyTheAdministratorsConsoleFormsChangeCentres() throws Exception {
        String centre = "type=KINDERGARTEN&nameAr=" + URLEncoder.encode("روض", StandardCharsets.UTF_8)
                + "&nameFr=Jardin&region=FES_MEKNES&province=Sefrou&capacity=20&operatorKind=AGENCY&openedOn=2009-09-01";
        long before = centres();
        for (String person : new String[] {"worker", "auditor", "manager"}) {
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/centres/new"))
                    .header("Authorization", basic(person, person + "-demo"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(centre)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(person).isEqualTo(403);
        }
        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/centres/new"))
                .header("Authorization", basic("admin", "admin-demo"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(centre)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location")).hasValueSatisfying(
                to -> assertThat(URI.create(to).getPath()).startsWith("/admin/centres/"));
        // the others' forms recorded nothing: the one centre more is the administrator's
        long until = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (centres() < before + 1 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        assertThat(centres()).isEqualTo(before + 1);
    }

    private static long centres() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/api/centres"))
                .header("Authorization", basic("admin", "admin-demo")).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher total = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(page.body());
        assertThat(total.find()).as(page.body()).isTrue();
        return Long.parseLong(total.group(1));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBrowserSessionLogsInThroughTheFormAndItsFormsNeedTheirCsrfToken() throws Exception {
        HttpResponse<String> loginPage = get("/login?lang=fr", null, null);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(loginPage.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(loginPage.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        String cookie = sessionCookie(loginPage);
        String token = csrf(loginPage.body());

        // without the token the login form is refused; a wrong password goes back to the form
        assertThat(post("/login", cookie, Map.of("username", "worker", "password", "worker-demo")).statusCode())
                .isEqualTo(403);
        assertThat(post("/login", cookie, Map.of("username", "worker", "password", "nope", "_csrf", token))
                .headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("/login?error"));

        HttpResponse<String> loggedIn = post("/login", cookie,
                Map.of("username", "worker", "password", "worker-demo", "_csrf", token));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String session = loggedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID")).findFirst().orElseThrow();
        assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        cookie = session.substring(0, session.indexOf(';'));

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/worker/register"))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String pageToken = meta(page.body());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("givenNameAr", "سلمى");
        form.put("familyNameAr", "بناني");
        form.put("dateOfBirth", "1996-03-04");
        assertThat(post("/worker/register", cookie, form).statusCode()).as("no CSRF token").isEqualTo(403);
        // the API too refuses a cookie without the token: a forged page cannot borrow the session
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base + "/api/beneficiaries"))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        form.put("_csrf", pageToken);
        assertThat(post("/worker/register", cookie, form).statusCode()).as("with the token").isNotEqualTo(403);
    }

    /** Not the home page for everyone: a social worker lands on her search, an auditor, a manager and an administrator on theirs. */
    @Test
    void eachPersonLandsOnTheirOwnPageAfterLoggingIn() throws Exception {
        Map<String, String> landing = Map.of("worker", "/worker", "auditor", "/auditor", "manager", "/manager",
                "admin", "/admin");
        for (Map.Entry<String, String> person : landing.entrySet()) {
            // straight to the login form, and (as most people do) opening Masar at its address first
            for (String first : new String[] {"/login", "/"}) {
                HttpResponse<String> asked = get(first, null, null);
                String cookie = sessionCookie(asked);
                HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Cookie", cookie).header("Accept", "text/html").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> loggedIn = post("/login", cookie, Map.of("username", person.getKey(),
                        "password", person.getKey() + "-demo", "_csrf", csrf(form.body())));
                assertThat(loggedIn.statusCode()).isEqualTo(302);
                assertThat(URI.create(loggedIn.headers().firstValue("Location").orElseThrow()).getPath())
                        .as(person.getKey() + " after " + first).isEqualTo(person.getValue());
            }
        }
        // a page asked for before logging in is still where the login leads
        HttpResponse<String> asked = get("/worker/register", null, null);
        String cookie = sessionCookie(asked);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Cookie", cookie).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> loggedIn = post("/login", cookie,
                Map.of("username", "worker", "password", "worker-demo", "_csrf", csrf(form.body())));
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(
                to -> assertThat(URI.create(to).getPath()).isEqualTo("/worker/register"));
    }

    private static HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID"))
                .findFirst().orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the form carries its CSRF token").isTrue();
        return m.group(1);
    }

    private static String meta(String html) {
        Matcher m = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the page carries its CSRF token for htmx").isTrue();
        return m.group(1);
    }
}
