package ma.masar.command.web;

import ma.masar.command.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated suite of bad requests against every command endpoint: missing, extra and wrongly typed
 * fields, huge strings and bodies, deep nesting, invalid UTF-8, control and bidirectional-override
 * characters, impossible dates, injection strings. Every answer must be a 4xx problem JSON, never a 5xx,
 * no event may be stored, and the service must still work afterwards.
 */
class HostileInputTest {

    private static ConfigurableApplicationContext app;
    private static String base;
    private static JdbcTemplate jdbc;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    private static final List<String> INJECTIONS = List.of("'; DROP TABLE DomainEventEntry; --", "{\"$gt\": \"\"}",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd", "\u0000", "%00",
            "Fat\u202Eima", "A\u0007B", "line\nbreak", "𝔉𝔞𝔱𝔦𝔪𝔞\u2066");
    private static final List<String> BAD_DATES = List.of("2010-02-30", "0000-01-01", "-999999999-01-01", "1850-01-01",
            "2999-01-01", "10/02/2010", "", "2010-13-01", "+10000-01-01");

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

    record Endpoint(String path, ObjectNode valid) {
    }

    @Test
    void everyBadRequestIsA4xxProblemAndStoresNothing() throws Exception {
        List<Endpoint> endpoints = endpoints();
        long before = storedEvents();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        int tried = 0;
        for (Endpoint endpoint : endpoints) {
            for (byte[] body : mutations(endpoint.valid())) {
                HttpResponse<String> response = post(endpoint.path(), body, "application/json");
                tried++;
                statuses.merge(response.statusCode(), 1, Integer::sum);
                assertThat(response.statusCode()).as("%s with %s", endpoint.path(), preview(body))
                        .isBetween(400, 499);
                assertThat(response.headers().firstValue("content-type").orElse(""))
                        .as("%s with %s", endpoint.path(), preview(body)).contains("application/problem+json");
                assertThat(response.body()).doesNotContain("Exception", "at ma.masar", "at org.");
            }
            // the wrong media type and a body that is no JSON at all
            assertThat(post(endpoint.path(), "a=b".getBytes(), "application/x-www-form-urlencoded").statusCode()).isEqualTo(415);
            assertThat(post(endpoint.path(), "not json".getBytes(), "application/json").statusCode()).isEqualTo(400);
            tried += 2;
        }
        assertThat(tried).isGreaterThanOrEqualTo(1000);
        assertThat(storedEvents()).as("no bad request stored an event").isEqualTo(before);

        // still healthy and working
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(post("/api/centres", endpoints.get(0).valid().toString().getBytes(StandardCharsets.UTF_8),
                "application/json").statusCode()).isEqualTo(201);
        System.out.printf("Hostile input: %d requests, statuses %s%n", tried, statuses);
    }

    private List<Endpoint> endpoints() throws Exception {
        ObjectNode centre = obj("""
                {"type":"EDUCATION_TRAINING_CENTRE","nameAr":"مركز صفرو","nameFr":"CEF Sefrou","region":"FES_MEKNES",
                 "province":"Sefrou","capacity":40,"operatorKind":"AGENCY","openedOn":"2009-09-01"}""");
        String centreId = json.readTree(post("/api/centres", centre.toString().getBytes(StandardCharsets.UTF_8),
                "application/json").body()).get("centreId").asText();
        ObjectNode person = obj("""
                {"givenNameAr":"فاطمة","familyNameAr":"الإدريسي","givenNameLatin":"Fatima","familyNameLatin":"Idrissi",
                 "dateOfBirth":"1992-04-12","sex":"FEMALE","nationalId":"C123","region":"FES_MEKNES","province":"Sefrou",
                 "household":"POOR_HOUSEHOLD","registeredOn":"2010-01-10"}""");
        String personId = json.readTree(post("/api/beneficiaries", person.toString().getBytes(StandardCharsets.UTF_8),
                "application/json").body()).get("beneficiaryId").asText();
        ObjectNode enrolment = obj("{\"centreId\":\"" + centreId + "\",\"programme\":\"EDUCATION_TRAINING\",\"enrolledOn\":\"2010-02-01\"}");
        String enrolmentId = json.readTree(post("/api/beneficiaries/" + personId + "/enrolments",
                enrolment.toString().getBytes(StandardCharsets.UTF_8), "application/json").body()).get("enrolmentId").asText();
        ObjectNode partnership = obj("""
                {"partnerId":"commune-sefrou","partnerName":"Commune de Sefrou","partnerType":"COMMUNE",
                 "subject":"Alphabétisation","amountMad":150000,"startsOn":"2010-01-01","endsOn":"2012-12-31",
                 "centreIds":["%s"],"signedOn":"2009-12-20"}""".formatted(centreId));
        String partnershipId = json.readTree(post("/api/partnerships", partnership.toString().getBytes(StandardCharsets.UTF_8),
                "application/json").body()).get("partnershipId").asText();
        String b = "/api/beneficiaries/" + personId;
        String e = b + "/enrolments/" + enrolmentId;
        ObjectNode correction = obj("{\"correctedEventId\":\"x\",\"reason\":\"typo\"}");
        correction.set("person", person.deepCopy());
        return List.of(
                new Endpoint("/api/centres", centre),
                new Endpoint("/api/centres/" + centreId + "/capacity", obj("{\"capacity\":50,\"effectiveOn\":\"2010-01-01\"}")),
                new Endpoint("/api/centres/" + centreId + "/conversion", obj("{\"convertedOn\":\"2010-01-01\"}")),
                new Endpoint("/api/centres/" + centreId + "/closure", obj("{\"closedOn\":\"2010-01-01\",\"reason\":\"merged\"}")),
                new Endpoint("/api/beneficiaries", person),
                new Endpoint(b + "/corrections", correction),
                new Endpoint(b + "/enrolments", enrolment),
                new Endpoint(e + "/apprenticeship", obj("{\"apprenticeshipCentreId\":\"" + centreId + "\",\"hostCompany\":\"Atlas\",\"contractDate\":\"2010-05-01\"}")),
                new Endpoint(e + "/completion", obj("{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-01\"}")),
                new Endpoint(e + "/withdrawal", obj("{\"reason\":\"FAMILY\",\"withdrawnOn\":\"2010-06-01\"}")),
                new Endpoint(e + "/discharge", obj("{\"reason\":\"OTHER\",\"dischargedOn\":\"2010-06-01\"}")),
                new Endpoint(b + "/services", obj("{\"enrolmentId\":\"" + enrolmentId + "\",\"type\":\"CARE\",\"deliveredOn\":\"2010-03-01\"}")),
                new Endpoint(b + "/notes", obj("{\"text\":\"Visite\",\"writtenOn\":\"2010-03-01\"}")),
                new Endpoint("/api/partnerships", partnership),
                new Endpoint("/api/partnerships/" + partnershipId + "/amendments", obj("{\"subject\":\"Alpha\",\"amountMad\":1,\"endsOn\":\"2013-01-01\",\"centreIds\":[],\"amendedOn\":\"2010-03-01\",\"reason\":\"r\"}")),
                new Endpoint("/api/partnerships/" + partnershipId + "/end", obj("{\"endedOn\":\"2010-06-01\",\"reason\":\"done\"}")));
    }

    /** Bad variants of a valid body; each must be refused whatever the endpoint's state. */
    private static List<byte[]> mutations(ObjectNode valid) {
        List<byte[]> bodies = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        valid.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode value = valid.get(field);
            boolean required = !List.of("nationalId", "registeredOn", "writtenOn", "hostCompany", "operatorKind",
                    "authorisationReference", "partnerName", "amountMad", "endsOn", "centreIds", "address", "disability")
                    .contains(field);
            if (required) {
                ObjectNode missing = valid.deepCopy();
                missing.remove(field);
                bodies.add(bytes(missing));
                ObjectNode nulled = valid.deepCopy();
                nulled.putNull(field);
                bodies.add(bytes(nulled));
                if (value.isTextual()) {
                    ObjectNode blank = valid.deepCopy();
                    blank.put(field, "   ");
                    bodies.add(bytes(blank));
                }
            }
            for (JsonNode wrong : List.of(JsonNodeFactory.instance.arrayNode().add(1),
                    JsonNodeFactory.instance.objectNode().put("$gt", ""), JsonNodeFactory.instance.booleanNode(true))) {
                ObjectNode typed = valid.deepCopy();
                typed.set(field, wrong);
                bodies.add(bytes(typed));
            }
            if (value.isTextual()) {
                ObjectNode huge = valid.deepCopy();
                huge.put(field, "ف".repeat(20_000));
                bodies.add(bytes(huge));
                boolean isDate = field.endsWith("On") || field.equals("dateOfBirth") || field.equals("contractDate");
                for (String bad : isDate ? BAD_DATES : INJECTIONS) {
                    if (!isDate && (field.equals("text") || field.equals("subject") || field.equals("reason")
                            || field.equals("hostCompany") || field.equals("nameFr") || field.equals("nameAr")
                            || field.equals("partnerName")) && !bad.matches(".*[\\x00-\\x1F\\u202E\\u2066\\u0007].*")) {
                        continue; // free text may quote such strings: only control and override characters are bad there
                    }
                    if (field.equals("text") && bad.equals("line\nbreak")) {
                        continue; // a note may span lines
                    }
                    ObjectNode injected = valid.deepCopy();
                    injected.put(field, bad);
                    bodies.add(bytes(injected));
                }
            }
            if (value.isNumber()) {
                String fraction = field.equals("amountMad") ? "1.999" : "1.5"; // dirhams take two decimals
                for (String bad : List.of("-1", "1e400", "99999999999999999999", "\"forty\"", fraction)) {
                    bodies.add(bytes(valid).length == 0 ? new byte[0]
                            : valid.toString().replace("\"" + field + "\":" + value, "\"" + field + "\":" + bad)
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        ObjectNode extra = valid.deepCopy();
        extra.put("isAdmin", true);
        bodies.add(bytes(extra));
        bodies.add("".getBytes());
        bodies.add("[]".getBytes());
        bodies.add("null".getBytes());
        bodies.add(("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)).getBytes());
        bodies.add(new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        byte[] invalidUtf8 = valid.toString().replace("\"", "\"\u0000").getBytes(StandardCharsets.UTF_8);
        bodies.add(invalidUtf8);
        bodies.add(("{\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes());
        return bodies;
    }

    private static ObjectNode obj(String text) throws Exception {
        return (ObjectNode) json.readTree(text);
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static HttpResponse<String> post(String path, byte[] body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .header("Authorization", TestUsers.basic(TestUsers.CLERK))
                .header("Accept-Language", "fr")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long storedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

}
