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

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated hostile-input run over every operation of the API description (/v3/api-docs), as no one and as each
 * role: hostile path identifiers, query values, bracketed and unknown parameter names, broken, wrongly typed, deeply
 * nested and oversized bodies, hostile headers. Every answer must be below 500, and a refused request (4xx) must leave
 * the event store as it was. The figures are written to target/hostile-run.md (and into RELIABILITY.md by hand).
 * Server-Sent Events streams are left out (they never end); so are wrong passwords (the login throttle would pause
 * the address, which ProbedFromOutsideTest covers).
 */
class HostileRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> PEOPLE = List.of("anonymous", "worker-a", "auditor", "manager", "admin");
    private static final List<String> HOSTILE_VALUES = List.of("../../etc/passwd", "%00", "' OR '1'='1",
            "{\"$gt\":\"\"}", "<script>alert(1)</script>", "x".repeat(600), "Fat\u202Eima", "-1", "99999999999999999999",
            "2010-13-45", "${jndi:ldap://127.0.0.1/a}");
    private static final List<String> HOSTILE_BODIES = List.of("", "{", "[]", "null", "42", "\"text\"",
            "{\"a\":" .repeat(300) + "1" + "}".repeat(300), "{\"x\":\"" + "y".repeat(200_000) + "\"}",
            "{\"centreId\":12,\"programme\":true,\"enrolledOn\":12345,\"text\":[1,2],\"givenNameLatin\":{}}",
            "{\"sex\":\"FEMALE\",\"sex\":\"MALE\"}", "{\"unknownField\":\"x\"}");

    private static ConfigurableApplicationContext app;
    private static String base;
    private static EventStore events;
    private static String person;
    private static String centre;

    @BeforeAll
    static void start() throws Exception {
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + Files.createTempDirectory("masar-hostile-"),
                "--server.port=0", "--masar.demo.enabled=false", "--axon.update-check.disabled=true",
                "--logging.level.root=WARN"));
        args.addAll(ProbedFromOutsideTest.users());
        app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        events = app.getBean(EventStore.class);
        centre = JSON.readTree(send("admin", "POST", "/api/centres", """
                {"type":"EDUCATION_TRAINING_CENTRE","nameAr":"مركز","nameFr":"CEF","region":"FES_MEKNES",
                 "province":"Sefrou","capacity":40,"operatorKind":"AGENCY","openedOn":"2009-09-01"}""", Map.of())
                .body()).get("centreId").asText();
        person = JSON.readTree(send("clerk", "POST", "/api/beneficiaries", ProbedFromOutsideTest.person("Fatima"),
                Map.of()).body()).get("beneficiaryId").asText();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<String> send(String user, String method, String path, String body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null && !headers.containsKey("Content-Type")) {
                request.header("Content-Type", "application/json");
            }
            if (!"anonymous".equals(user)) {
                request.header("Authorization", ProbedFromOutsideTest.basic(user, ProbedFromOutsideTest.PASSWORD));
            }
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    static long head() {
        return events.createHeadToken() == null ? -1 : events.createHeadToken().position().orElse(-1);
    }

    record Probe(String method, String path, String body, Map<String, String> headers) {
    }

    /** The hostile variants of one operation: its path filled in badly, its parameters abused, its body broken. */
    static List<Probe> probes(String method, String template, JsonNode operation) {
        List<Probe> probes = new ArrayList<>();
        String valid = template.replace("{beneficiaryId}", person).replace("{centreId}", centre)
                .replaceAll("\\{[^}]+}", "made-up-id");
        for (String hostile : HOSTILE_VALUES.subList(0, 6)) {
            String encoded = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
            if (template.contains("{")) {
                probes.add(new Probe(method, template.replaceAll("\\{[^}]+}", encoded), "POST".equals(method) ? "{}" : null,
                        Map.of()));
            }
        }
        List<String> parameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.path("in").asText())) {
                parameters.add(parameter.get("name").asText());
            }
        }
        parameters.add("type");
        for (String parameter : parameters) {
            for (String hostile : HOSTILE_VALUES) {
                probes.add(new Probe(method, valid + "?" + parameter + "=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8),
                        "POST".equals(method) ? "{}" : null, Map.of()));
            }
            probes.add(new Probe(method, valid + "?" + parameter + "%5B%24ne%5D=x", null, Map.of()));
        }
        if ("POST".equals(method)) {
            for (String body : HOSTILE_BODIES) {
                probes.add(new Probe(method, valid, body, Map.of()));
            }
            probes.add(new Probe(method, valid, "a=b", Map.of("Content-Type", "application/x-www-form-urlencoded")));
            probes.add(new Probe(method, valid, "{}", Map.of("Content-Type", "text/plain")));
        }
        probes.add(new Probe(method, valid, "POST".equals(method) ? "{}" : null,
                Map.of("X-Correlation-Id", "<b>" + "c".repeat(300), "Idempotency-Key", "k".repeat(300),
                        "Accept-Language", "xx-;q=abc")));
        probes.add(new Probe(method, valid, null, Map.of("Accept", "application/xml")));
        return probes;
    }

    @Test
    void everyOperationAnswersHostileInputBelow500AndRefusalsStoreNothing() throws Exception {
        JsonNode description = JSON.readTree(send("clerk", "GET", "/v3/api-docs", null, Map.of()).body());
        Map<String, int[]> byStatus = new TreeMap<>();
        Map<String, Integer> perOperation = new LinkedHashMap<>();
        List<String> fiveHundreds = new ArrayList<>();
        List<String> storedOnRefusal = new ArrayList<>();
        int requests = 0;
        long started = System.nanoTime();
        for (Iterator<Map.Entry<String, JsonNode>> paths = description.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().endsWith("/stream")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase();
                List<Probe> probes = probes(method, path.getKey(), operation.getValue());
                for (String user : PEOPLE) {
                    for (Probe probe : probes) {
                        long before = head();
                        HttpResponse<String> reply = send(user, probe.method(), probe.path(), probe.body(), probe.headers());
                        requests++;
                        byStatus.computeIfAbsent(String.valueOf(reply.statusCode()), s -> new int[1])[0]++;
                        String what = user + " " + probe.method() + " " + probe.path().substring(0,
                                Math.min(120, probe.path().length())) + " -> " + reply.statusCode();
                        if (reply.statusCode() >= 500) {
                            fiveHundreds.add(what + " " + reply.body().substring(0, Math.min(200, reply.body().length())));
                        }
                        if (reply.statusCode() >= 400 && head() != before) {
                            storedOnRefusal.add(what);
                        }
                    }
                }
                perOperation.put(method + " " + path.getKey(), probes.size() * PEOPLE.size());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        StringBuilder report = new StringBuilder("| what | figure |\n|---|---|\n")
                .append("| operations (from /v3/api-docs, SSE streams left out) | ").append(perOperation.size()).append(" |\n")
                .append("| callers | no one, social worker, auditor, manager, administrator |\n")
                .append("| requests | ").append(requests).append(" |\n")
                .append("| seconds | ").append(String.format("%.1f", seconds)).append(" |\n")
                .append("| answers ≥ 500 | ").append(fiveHundreds.size()).append(" |\n")
                .append("| refusals that stored an event | ").append(storedOnRefusal.size()).append(" |\n");
        byStatus.forEach((status, count) -> report.append("| status ").append(status).append(" | ")
                .append(count[0]).append(" |\n"));
        Files.writeString(Path.of("target", "hostile-run.md"), report);
        System.out.println("Hostile run:\n" + report);
        assertThat(requests).isGreaterThanOrEqualTo(2_000);
        assertThat(fiveHundreds).isEmpty();
        assertThat(storedOnRefusal).isEmpty();
        // and the service still works
        assertThat(send("clerk", "POST", "/api/beneficiaries", ProbedFromOutsideTest.person("Fatima"), Map.of())
                .statusCode()).isEqualTo(201);
    }
}
