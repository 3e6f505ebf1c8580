package ma.masar.embedded.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.embedded.MasarApplication;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holes found when the running embedded system was probed from outside (issue 14), each asserted as a person
 * probing it would see it: the auditors' event log pages to its end on the embedded store, malformed requests are
 * 4xx problem JSON that store nothing, failed logins are paused and an administrator lifts the pause, health details
 * and the API description are not for anyone, redirects never carry the Host header, anonymous calls leave no
 * session, and every problem has one type domain in the caller's language.
 */
class ProbedFromOutsideTest {

    static final String HASH = "{bcrypt}$2a$04$nU.2dH2wcBt5vICAco6iOOV7WzIRu5AyYkKcI1pCZkh7qsPpBobj6";
    static final String PASSWORD = "test-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static ConfigurableApplicationContext app;
    private static String base;
    private static int port;
    private static EventStore events;

    record Reply(int status, HttpResponse<String> response) {
        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (Exception e) {
                throw new AssertionError(response.body(), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** One person per role and a clerk with every role, all with the tests' cheap hash. */
    static List<String> users() {
        List<String> args = new ArrayList<>();
        String[][] people = {{"clerk", "SOCIAL_WORKER,AUDITOR,MANAGER,ADMINISTRATOR", "*"},
                {"worker-a", "SOCIAL_WORKER", "CEF-0001"}, {"auditor", "AUDITOR", ""}, {"manager", "MANAGER", ""},
                {"admin", "ADMINISTRATOR", ""}};
        for (int i = 0; i < people.length; i++) {
            args.add("--masar.security.users[" + i + "].username=" + people[i][0]);
            args.add("--masar.security.users[" + i + "].password=" + HASH);
            args.add("--masar.security.users[" + i + "].roles=" + people[i][1]);
            if (!people[i][2].isEmpty()) {
                args.add("--masar.security.users[" + i + "].centres=" + people[i][2]);
            }
        }
        return args;
    }

    @BeforeAll
    static void start() throws Exception {
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + Files.createTempDirectory("masar-probe-"),
                "--server.port=0", "--masar.demo.enabled=false", "--axon.update-check.disabled=true"));
        args.addAll(users());
        app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        base = "http://127.0.0.1:" + port;
        events = app.getBean(EventStore.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Reply call(String user, String method, String path, String body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (user != null) {
                request.header("Authorization", basic(user, PASSWORD));
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request written byte for byte (UTF-8), as a hostile client would; the answer's status line and headers. */
    static List<String> raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                lines.add(line);
            }
            return lines;
        }
    }

    static long head() {
        return events.createHeadToken() == null ? -1 : events.createHeadToken().position().orElse(-1);
    }

    static void assertProblem(Reply reply, int status) {
        assertThat(reply.status()).as(reply.response().body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).startsWith("https://masar.example/problems/");
        assertThat(reply.json().get("title").asText()).isNotBlank();
    }

    static String person(String given) {
        return """
                {"givenNameAr":"فاطمة","familyNameAr":"الإدريسي","givenNameLatin":"%s","familyNameLatin":"Idrissi",
                 "dateOfBirth":"1992-04-12","sex":"FEMALE","region":"FES_MEKNES","province":"Sefrou",
                 "household":"POOR_HOUSEHOLD","registeredOn":"2010-01-10"}""".formatted(given);
    }

    @Test
    void theAuditorsEventLogPagesToItsEndOnTheEmbeddedEventStore() {
        for (int i = 0; i < 25; i++) {
            assertThat(call("clerk", "POST", "/api/beneficiaries", person("Fatima")).status()).isEqualTo(201);
        }
        long stored = head();
        List<Long> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Reply page = call("auditor", "GET", "/api/audit/events?limit=7" + (next == null ? "" : "&after=" + next), null);
            assertThat(page.status()).as(page.response().body()).isEqualTo(200);
            page.json().get("events").forEach(event -> seen.add(event.get("globalIndex").asLong()));
            JsonNode cursor = page.json().path("next"); // absent (null) at the end of the store
            next = cursor.isMissingNode() || cursor.isNull() ? null : cursor.asText();
            pages++;
        } while (next != null && pages < 1_000);
        assertThat(seen).isSorted().doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(25);
        assertThat(seen.get(seen.size() - 1)).isGreaterThanOrEqualTo(stored);
        assertThat(pages).isGreaterThan(3);
    }

    @Test
    void malformedRequestsAreProblemsThatStoreNothing() throws Exception {
        long before = head();
        for (String query : List.of("type[$ne]=x", "type[0]=", "userId[x]=a", "beneficiaryId[$gt]=",
                "type%5B%24ne%5D=x", "userId%5Bx%5D=a")) {
            assertProblem(call("auditor", "GET", "/api/audit/events?" + query, null), 400);
            assertProblem(call("auditor", "GET", "/api/audit/export?" + query, null), 400);
        }
        // Java's client writes '?' for non-ASCII header characters: this one goes over a socket as UTF-8 bytes
        List<String> replied = raw("POST /api/beneficiaries HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: " + basic("clerk", PASSWORD) + "\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: clé-é\r\nContent-Length: " + person("Fatima").getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + person("Fatima"));
        assertThat(replied.get(0)).contains(" 400 ");
        assertThat(replied).anySatisfy(line -> assertThat(line).startsWith("Content-Type: application/problem+json"));
        assertProblem(call("clerk", "POST", "/api/beneficiaries", person("Fatima"), "X-Correlation-Id",
                "<script>" + "x".repeat(5_000) + "</script>"), 400);
        assertProblem(call("clerk", "GET", "/error", null), 404);
        assertProblem(call(null, "GET", "/error", null), 404);
        // lenient JSON: a number is no date, a key twice is a mistake, diacritics or tatweel alone are no name
        assertProblem(call("clerk", "POST", "/api/beneficiaries", person("Fatima")
                .replace("\"1992-04-12\"", "12345")), 400);
        assertProblem(call("clerk", "POST", "/api/beneficiaries", person("Fatima")
                .replace("\"sex\":\"FEMALE\"", "\"sex\":\"FEMALE\",\"sex\":\"MALE\"")), 400);
        for (String noName : List.of("ــــ", "َُِ", "ـَـ")) {
            Reply refused = call("clerk", "POST", "/api/beneficiaries", person(noName));
            assertProblem(refused, 400);
            assertThat(refused.response().body()).contains("givenNameLatin");
        }
        assertThat(head()).isEqualTo(before);
        // a plain correlation id is kept
        assertThat(call("clerk", "POST", "/api/beneficiaries", person("Fatima"), "X-Correlation-Id", "req-42")
                .status()).isEqualTo(201);
    }

    @Test
    void problemsHaveOneTypeDomainAndSpeakTheCallersLanguage() {
        Reply anonymous = call(null, "GET", "/api/stats/programmes?year=2010", null, "Accept-Language", "ar");
        assertProblem(anonymous, 401);
        assertThat(anonymous.json().get("title").asText()).isEqualTo("يلزم تسجيل الدخول");
        Reply notFound = call("auditor", "GET", "/api/audit/beneficiaries/nobody", null, "Accept-Language", "ar");
        assertProblem(notFound, 404);
        assertThat(notFound.json().get("title").asText()).isEqualTo("غير موجود");
        Reply missing = call("auditor", "GET", "/api/audit/beneficiaries/nobody/diff?from=2010-01-01", null,
                "Accept-Language", "fr");
        assertProblem(missing, 400);
        assertThat(missing.json().get("parameter").asText()).isEqualTo("to");
        assertThat(missing.json().get("title").asText()).isEqualTo("Paramètre de requête invalide");
        Reply badYear = call("manager", "GET", "/api/stats/programmes?year=abc", null, "Accept-Language", "fr");
        assertProblem(badYear, 400);
        assertThat(badYear.json().get("title").asText()).isEqualTo("Paramètre de requête invalide");
        Reply rule = call("clerk", "POST", "/api/beneficiaries/nobody/notes",
                "{\"text\":\"x\",\"writtenOn\":\"2010-01-01\"}", "Accept-Language", "ar");
        assertProblem(rule, 404);
    }

    @Test
    void failedLoginsArePausedUntilAnAdministratorLiftsThePause() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(call(null, "GET", "/api/stats/programmes?year=2010", null,
                    "Authorization", basic("worker-a", "guess-" + i)).status()).isEqualTo(401);
        }
        // the right password is not even checked while the account is paused
        Reply paused = call("worker-a", "GET", "/api/stats/programmes?year=2010", null, "Accept-Language", "fr");
        assertProblem(paused, 429);
        assertThat(Long.parseLong(paused.header("Retry-After"))).isBetween(1L, 30L);
        // the login form too, as a browser fills it in
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new java.net.CookieManager()).build();
        String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(token.find()).as(page).isTrue();
        HttpResponse<String> formLogin = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=worker-a&password=" + PASSWORD + "&_csrf="
                        + token.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(formLogin.statusCode()).isEqualTo(302);
        assertThat(formLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login?paused");

        JsonNode listed = call("admin", "GET", "/api/security/login-throttle", null).json();
        assertThat(listed).anySatisfy(entry -> {
            assertThat(entry.get("kind").asText()).isEqualTo("ACCOUNT");
            assertThat(entry.get("key").asText()).isEqualTo("worker-a");
            assertThat(entry.get("failures").asInt()).isEqualTo(5);
            assertThat(entry.get("pausedUntil").isNull()).isFalse();
        });
        assertThat(call("worker-a", "GET", "/api/security/login-throttle", null).status()).isIn(403, 429);
        assertThat(call("admin", "POST", "/api/security/login-throttle/ACCOUNT/worker-a/release", null).status())
                .isEqualTo(204);
        assertThat(call("worker-a", "GET", "/api/stats/programmes?year=2010", null).status()).isEqualTo(200);
    }

    @Test
    void manyFailuresFromOneAddressPauseEveryAccountFromIt() {
        try {
            for (int i = 0; i < 20; i++) {
                call(null, "GET", "/api/stats/programmes?year=2010", null, "Authorization", basic("nobody-" + i, "x"));
            }
            assertProblem(call("manager", "GET", "/api/stats/programmes?year=2010", null), 429);
        } finally {
            // admin is paused too: the address is lifted here, as an operator would from the logs' advice
            app.getBean(ma.masar.access.LoginThrottle.class).release(ma.masar.access.LoginThrottle.Kind.ADDRESS,
                    "127.0.0.1");
        }
        assertThat(call("manager", "GET", "/api/stats/programmes?year=2010", null).status()).isEqualTo(200);
    }

    @Test
    void healthDetailsAndTheApiDescriptionAreNotForAnyone() {
        Reply health = call(null, "GET", "/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().has("status")).isTrue();
        assertThat(health.json().has("components")).isFalse();
        assertThat(health.response().body()).doesNotContain("path", "diskSpace");
        assertThat(call("admin", "GET", "/actuator/health", null).json().has("components")).isTrue();
        assertThat(call(null, "GET", "/v3/api-docs", null).status()).isEqualTo(401);
        assertThat(call(null, "GET", "/swagger-ui.html", null, "Accept", "text/html").status()).isEqualTo(302);
        assertThat(call("manager", "GET", "/v3/api-docs", null).status()).isEqualTo(200);
    }

    @Test
    void redirectsNeverCarryTheHostHeaderAndAnonymousCallsLeaveNoSession() throws Exception {
        List<String> lines = raw("GET /worker HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(lines.get(0)).contains("302");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Location: /login"))
                .noneSatisfy(line -> assertThat(line).containsIgnoringCase("evil.example"));
        Set<String> cookies = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Reply refused = call(null, "GET", "/api/beneficiaries?q=x", null);
            assertThat(refused.status()).isEqualTo(401);
            refused.response().headers().allValues("Set-Cookie").forEach(cookies::add);
        }
        assertThat(cookies).isEmpty();
    }
}
