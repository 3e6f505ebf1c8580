package ma.masar.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.command.CommandTestApplication;
import ma.masar.command.TestUsers;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command's two headers, read in one place ({@link Submission}): documented on every command operation, and a
 * retry with the same {@code Idempotency-Key} answered as the first request was, whatever the answer (201 with a
 * new id, 201 without, 204), with nothing stored twice.
 */
class CommandHeadersTest {

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

    record Reply(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() throws Exception {
            return CommandHeadersTest.json.readTree(body);
        }
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
        return new Reply(response.statusCode(), response.body(), response.headers().map());
    }

    static long storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
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
        if (first.body().isEmpty()) {
            assertThat(again.body()).isEmpty();
        } else {
            assertThat(again.json()).isEqualTo(first.json());
        }
        assertThat(storedEvents()).isEqualTo(stored);
        return first;
    }

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
        String centreId = opened.json().get("centreId").asText();
        assertThat(opened.headers().get("location")).containsExactly("/api/centres/" + centreId);

        Reply registered = post("/api/beneficiaries", CommandApiTest.personJson(null));
        String person = registered.json().get("beneficiaryId").asText();
        Reply enrolled = sentTwice("/api/beneficiaries/" + person + "/enrolments",
                "{\"centreId\":\"" + centreId + "\",\"programme\":\"EDUCATION_TRAINING\",\"enrolledOn\":\"2010-02-01\"}");
        assertThat(enrolled.status()).isEqualTo(201);
        String enrolmentId = enrolled.json().get("enrolmentId").asText();
        assertThat(enrolled.headers().get("location"))
                .containsExactly("/api/beneficiaries/" + person + "/enrolments/" + enrolmentId);

        Reply completed = sentTwice("/api/beneficiaries/" + person + "/enrolments/" + enrolmentId + "/completion",
                "{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-30\"}");
        assertThat(completed.status()).isEqualTo(204);

        Reply assigned = sentTwice("/api/staff/someone@agency/assignments",
                "{\"centreId\":\"" + centreId + "\",\"from\":\"2010-01-01\"}");
        assertThat(assigned.status()).isEqualTo(201);
        assertThat(assigned.headers().get("location")).containsExactly("/api/staff/someone@agency/assignments");
        assertThat(assigned.json()).isEqualTo(json.readTree(
                "{\"staffId\":\"someone@agency\",\"centreId\":\"" + centreId + "\",\"from\":\"2010-01-01\"}"));
    }

    @Test
    void aRepeatedIdempotencyKeyHeaderIsOneKeyOfItsValuesJoinedByCommas() throws Exception {
        String key = UUID.randomUUID().toString();
        Reply first = post("/api/beneficiaries", CommandApiTest.personJson(null),
                "Idempotency-Key", key, "Idempotency-Key", "second");
        Reply again = post("/api/beneficiaries", CommandApiTest.personJson(null), "Idempotency-Key", key + ",second");
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.headers().get("idempotent-replayed")).containsExactly("true");
        assertThat(again.json()).isEqualTo(first.json());
    }
}
