package ma.masar.command.web;

import ma.masar.command.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.command.CommandTestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API as a client sees it: status codes, problem JSON, and what is (not) stored. */
class CommandApiTest {

    private static ConfigurableApplicationContext app;
    private static String base;
    private static JdbcTemplate jdbc;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        app = CommandTestApplication.start(CommandTestApplication.freshDataDir());
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        jdbc = app.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    record Reply(int status, JsonNode body, Map<String, List<String>> headers) {
    }

    static Reply post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", TestUsers.basic(TestUsers.CLERK))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = response.body().isEmpty() ? null : json.readTree(response.body());
        return new Reply(response.statusCode(), node, response.headers().map());
    }

    static long storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    static String centre(String type, int capacity) throws Exception {
        Reply reply = post("/api/centres", """
                {"type":"%s","nameAr":"مركز التربية والتكوين صفرو","nameFr":"CEF Sefrou","region":"FES_MEKNES",
                 "province":"Sefrou","capacity":%d,"operatorKind":"AGENCY","authorisationReference":"AUT-1","openedOn":"2005-09-01"}
                """.formatted(type, capacity));
        assertThat(reply.status()).isEqualTo(201);
        return reply.body().get("centreId").asText();
    }

    static String personJson(String nationalId) {
        return """
                {"givenNameAr":"فاطمة","familyNameAr":"الإدريسي","givenNameLatin":"Fatima","familyNameLatin":"Idrissi",
                 "dateOfBirth":"1992-04-12","sex":"FEMALE","nationalId":%s,"region":"FES_MEKNES","province":"Sefrou",
                 "household":"POOR_HOUSEHOLD","registeredOn":"2010-01-10"}
                """.formatted(nationalId == null ? "null" : "\"" + nationalId + "\"");
    }

    @Test
    void registersAPersonAndEnrolsHerWithEventsCarryingUserAndCorrelation() throws Exception {
        String centreId = centre("EDUCATION_TRAINING_CENTRE", 30);
        Reply registered = post("/api/beneficiaries", personJson(null), "X-Correlation-Id", "req-42");
        assertThat(registered.status()).isEqualTo(201);
        String id = registered.body().get("beneficiaryId").asText();
        assertThat(registered.headers().get("location")).containsExactly("/api/beneficiaries/" + id);

        Reply enrolled = post("/api/beneficiaries/" + id + "/enrolments",
                "{\"centreId\":\"" + centreId + "\",\"programme\":\"EDUCATION_TRAINING\",\"enrolledOn\":\"2010-02-01\"}");
        assertThat(enrolled.status()).isEqualTo(201);

        String metaData = new String(jdbc.queryForObject(
                "SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 0",
                byte[].class, id));
        assertThat(json.readTree(metaData).get("userId").asText()).isEqualTo(TestUsers.CLERK);
        assertThat(json.readTree(metaData).get("correlationId").asText()).isEqualTo("req-42");
        assertThat(json.readTree(metaData).has("causationId")).isTrue();
    }

    @Test
    void invalidInputIsA400NamingTheFieldAndStoresNothing() throws Exception {
        long before = storedEvents();
        Reply missing = post("/api/beneficiaries", personJson(null).replace("\"givenNameAr\":\"فاطمة\",", ""));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.headers().get("content-type")).anySatisfy(v -> assertThat(v).contains("application/problem+json"));
        assertThat(missing.body().get("errors").toString()).contains("givenNameAr");

        Reply wrongType = post("/api/beneficiaries", personJson(null).replace("\"1992-04-12\"", "\"12/04/1992\""));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("errors").get(0).get("field").asText()).isEqualTo("dateOfBirth");

        Reply extra = post("/api/beneficiaries", personJson(null).replace("{", "{\"isAdmin\":true,"));
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.body().get("errors").get(0).get("field").asText()).isEqualTo("isAdmin");

        Reply bidi = post("/api/beneficiaries", personJson(null).replace("Fatima", "Fat\u202Eima"));
        assertThat(bidi.status()).isEqualTo(400);
        assertThat(bidi.body().get("errors").toString()).contains("givenNameLatin");

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aBrokenRuleIsNamedInTheUsersLanguage() throws Exception {
        long before = storedEvents();
        String future = personJson(null).replace("\"registeredOn\":\"2010-01-10\"", "\"registeredOn\":\"2999-01-01\"");
        Reply fr = post("/api/beneficiaries", future, "Accept-Language", "fr");
        assertThat(fr.status()).isEqualTo(422);
        assertThat(fr.body().get("rule").asText()).isEqualTo("DateInFuture");
        assertThat(fr.body().get("title").asText()).isEqualTo("La date est dans le futur");
        Reply ar = post("/api/beneficiaries", future, "Accept-Language", "ar");
        assertThat(ar.body().get("title").asText()).isEqualTo("التاريخ في المستقبل");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anUnknownCaseIsA404() throws Exception {
        Reply reply = post("/api/beneficiaries/" + UUID.randomUUID() + "/notes", "{\"text\":\"visite à domicile\"}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().get("status").asInt()).isEqualTo(404);
    }

    @Test
    void aSecondRegistrationWithTheSameNationalIdIsA409NamingTheExistingCase() throws Exception {
        String nationalId = "C" + (100000 + (int) (Math.random() * 800000));
        Reply first = post("/api/beneficiaries", personJson(nationalId));
        assertThat(first.status()).isEqualTo(201);
        long before = storedEvents();
        Reply second = post("/api/beneficiaries", personJson(nationalId.toLowerCase()));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().get("rule").asText()).isEqualTo("NationalIdAlreadyRegistered");
        assertThat(second.body().get("arguments").get("existingBeneficiaryId").asText())
                .isEqualTo(first.body().get("beneficiaryId").asText());
        assertThat(second.body().toString()).doesNotContain(nationalId);
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aFullCentreIsA409CentreIsFull() throws Exception {
        String centreId = centre("EDUCATION_TRAINING_CENTRE", 1);
        String enrol = "{\"centreId\":\"" + centreId + "\",\"programme\":\"EDUCATION_TRAINING\",\"enrolledOn\":\"2010-02-01\"}";
        String first = post("/api/beneficiaries", personJson(null)).body().get("beneficiaryId").asText();
        String second = post("/api/beneficiaries", personJson(null)).body().get("beneficiaryId").asText();
        assertThat(post("/api/beneficiaries/" + first + "/enrolments", enrol).status()).isEqualTo(201);
        Reply full = post("/api/beneficiaries/" + second + "/enrolments", enrol);
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.body().get("rule").asText()).isEqualTo("CentreIsFull");
    }

    @Test
    void theSameIdempotencyKeySentTenTimesSomeAtOnceStoresOneRegistration() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = storedEvents();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Callable<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> post("/api/beneficiaries", personJson(null), "Idempotency-Key", key));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Reply> reply : pool.invokeAll(calls)) {
                assertThat(reply.get().status()).isEqualTo(201);
                ids.add(reply.get().body().get("beneficiaryId").asText());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdown();
        }
        assertThat(storedEvents()).isEqualTo(before + 1);

        Reply reused = post("/api/beneficiaries", personJson("Z99"), "Idempotency-Key", key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body().get("rule").asText()).isEqualTo("IdempotencyKeyReused");
    }

    @Test
    void theOpenApiDocumentListsTheCommands() throws Exception {
        // the API's description is for people who use it: anyone logged in, no one anonymous
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs"))
                .header("Authorization", TestUsers.basic(TestUsers.CLERK)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/beneficiaries/{beneficiaryId}/enrolments", "/api/centres", "/api/partnerships");
    }

    /** Sends the request twice with one key: the second answer is the first, replayed; one command's events stored. */
    static Reply sentTwice(String path, String body) throws Exception {
        String key = UUID.randomUUID().toString();
        Reply first = post(path, body, "Idempotency-Key", key);
        long stored = storedEvents();
        Reply again = post(path, body, "Idempotency-Key", key);
        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.headers().get("location")).isEqualTo(first.headers().get("location"));
        assertThat(again.headers().get("idempotent-replayed")).containsExactly("true");
        assertThat(first.headers()).doesNotContainKey("idempotent-replayed");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(storedEvents()).isEqualTo(stored);
        return first;
    }

    /** The two headers are read in one place ({@link Submission}) and documented on every command operation. */
    @Test
    void everyCommandOperationDocumentsBothHeadersAsOptional() throws Exception {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs"))
                .header("Authorization", TestUsers.basic(TestUsers.CLERK)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode paths = json.readTree(docs.body()).get("paths");
        List<String> commands = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            JsonNode post = path.getValue().get("post");
            if (post == null) {
                continue;
            }
            List<String> headers = new ArrayList<>();
            for (JsonNode parameter : post.path("parameters")) {
                assertThat(parameter.get("name").asText()).isNotEqualToIgnoringCase("submission");
                if ("header".equals(parameter.get("in").asText())) {
                    assertThat(parameter.get("required").asBoolean()).isFalse();
                    assertThat(parameter.at("/schema/type").asText()).isEqualTo("string");
                    headers.add(parameter.get("name").asText());
                }
            }
            if (path.getKey().matches("/api/(beneficiaries|centres|partnerships|staff)(/.*)?")) {
                commands.add(path.getKey());
                assertThat(headers).as(path.getKey()).containsExactly("Idempotency-Key", "X-Correlation-Id");
            } else {
                assertThat(headers).as(path.getKey()).isEmpty();
            }
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(29).contains("/api/beneficiaries",
                "/api/beneficiaries/{beneficiaryId}/enrolments", "/api/centres", "/api/staff/{staffId}/assignments");
    }

    @Test
    void aRetryIsAnsweredAsTheFirstRequestWasForEachKindOfAnswer() throws Exception {
        Reply opened = sentTwice("/api/centres", """
                {"type":"EDUCATION_TRAINING_CENTRE","nameAr":"مركز التربية والتكوين صفرو","nameFr":"CEF Sefrou",
                 "region":"FES_MEKNES","province":"Sefrou","capacity":30,"operatorKind":"AGENCY","openedOn":"2005-09-01"}
                """);
        assertThat(opened.status()).isEqualTo(201);
        String centreId = opened.body().get("centreId").asText();
        assertThat(opened.headers().get("location")).containsExactly("/api/centres/" + centreId);

        Reply registered = post("/api/beneficiaries", personJson(null));
        String person = registered.body().get("beneficiaryId").asText();
        Reply enrolled = sentTwice("/api/beneficiaries/" + person + "/enrolments",
                "{\"centreId\":\"" + centreId + "\",\"programme\":\"EDUCATION_TRAINING\",\"enrolledOn\":\"2010-02-01\"}");
        assertThat(enrolled.status()).isEqualTo(201);
        String enrolmentId = enrolled.body().get("enrolmentId").asText();
        assertThat(enrolled.headers().get("location"))
                .containsExactly("/api/beneficiaries/" + person + "/enrolments/" + enrolmentId);

        Reply completed = sentTwice("/api/beneficiaries/" + person + "/enrolments/" + enrolmentId + "/completion",
                "{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-30\"}");
        assertThat(completed.status()).isEqualTo(204);

        Reply assigned = sentTwice("/api/staff/someone@agency/assignments",
                "{\"centreId\":\"" + centreId + "\",\"from\":\"2010-01-01\"}");
        assertThat(assigned.status()).isEqualTo(201);
        assertThat(assigned.headers().get("location")).containsExactly("/api/staff/someone@agency/assignments");
        assertThat(assigned.body()).isEqualTo(json.readTree(
                "{\"staffId\":\"someone@agency\",\"centreId\":\"" + centreId + "\",\"from\":\"2010-01-01\"}"));
    }

    @Test
    void aRepeatedIdempotencyKeyHeaderIsOneKeyOfItsValuesJoinedByCommas() throws Exception {
        String key = UUID.randomUUID().toString();
        Reply first = post("/api/beneficiaries", personJson(null),
                "Idempotency-Key", key, "Idempotency-Key", "second");
        Reply again = post("/api/beneficiaries", personJson(null), "Idempotency-Key", key + ",second");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.headers().get("idempotent-replayed")).containsExactly("true");
        assertThat(again.body()).isEqualTo(first.body());
    }
}
