package ma.masar.embedded.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import ma.masar.query.infra.ProcessingGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static ma.masar.embedded.ops.ReadinessTest.banner;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the start, a read model that falls behind what is recorded (a bulk import outruns the search's projection;
 * here the search's processor is held) is told as at the start: the API says {@code behind} with a percent, every page
 * shows "catching up: N%", and the banner reloads its page once the read models are there. Readiness stays 200: lag is
 * not a start.
 */
class ReadModelsBehindTest {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper json = new ObjectMapper();

    private ConfigurableApplicationContext app;

    @Test
    void aSearchThatFallsBehindWhatWasRecordedIsToldOnEveryPageUntilItIsThere() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("masar-behind-");
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + dataDir, "--server.port=0",
                "--server.address=127.0.0.1", "--masar.demo.enabled=false", "--axon.update-check.disabled=true"));
        args.addAll(TestUsers.args());
        app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
        try {
            post("/api/beneficiaries", person("Kenza", "Bennani"));
            JsonNode caughtUp = await(progress -> progress.path("ready").asBoolean()
                                                  && !progress.path("behind").asBoolean());
            assertThat(caughtUp.path("percent").asInt()).isEqualTo(100);
            awaitFound("Bennani", 1);
            assertThat(banner(page("/?lang=fr"))).isEmpty();

            // the search's projection held while a second person is recorded
            StreamingEventProcessor search = app.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(ProcessingGroups.SEARCH, StreamingEventProcessor.class).orElseThrow();
            search.shutdownAsync().get(30, TimeUnit.SECONDS);
            post("/api/beneficiaries", person("Salma", "Bennani"));
            String importId = importPeople("""
                    sourceId,givenNameAr,familyNameAr,givenNameLatin,familyNameLatin,dateOfBirth,sex,nationalId,address,\
                    disability,region,province,household,registeredOn
                    REG-2010-0001,نادية,بناني,Nadia,Bennani,1992-06-01,FEMALE,,,,RABAT_SALE_KENITRA,Salé,POOR_HOUSEHOLD,\
                    2010-02-01
                    """);

            JsonNode behind = await(progress -> progress.path("behind").asBoolean());
            assertThat(behind.path("ready").asBoolean()).as("readiness is not taken back").isTrue();
            assertThat(behind.path("percent").asInt()).isBetween(0, 99);
            assertThat(behind.path("readModels")).anySatisfy(readModel -> {
                assertThat(readModel.path("name").asText()).isEqualTo(ProcessingGroups.SEARCH);
                assertThat(readModel.path("caughtUp").asBoolean()).isFalse();
            });
            assertThat(behind.path("readModels")).filteredOn(readModel -> readModel.path("name").asText().equals("timeline"))
                    .singleElement().satisfies(timeline -> assertThat(timeline.path("caughtUp").asBoolean()).isTrue());
            assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
            // what the banner warns of: the search does not know her yet
            assertThat(search("Bennani")).hasSize(1);
            assertThat(banner(page("/?lang=fr"))).matches("rattrapage : \\d+ %");
            assertThat(banner(page("/?lang=ar"))).matches("جارٍ التحديث: [\\d٠-٩]+٪");
            // the import's page: ended, and says the search and the counts do not show all of it yet, asking again
            String importPage = page("/admin/imports/" + importId + "/progress?lang=fr");
            assertThat(importPage).contains("data-state=\"ENDED\"").contains("hx-get=");
            assertThat(importPage).containsPattern("id=\"import-read-models\"[^>]*>Recherche et chiffres en rattrapage : "
                                                 + "\\d+ %");

            search.start();
            JsonNode there = await(answer -> !answer.path("behind").asBoolean());
            assertThat(there.path("percent").asInt()).isEqualTo(100);
            assertThat(search("Bennani")).hasSize(3);
            String ended = page("/admin/imports/" + importId + "/progress?lang=fr");
            assertThat(ended).doesNotContain("import-read-models").doesNotContain("hx-get=");
            // the banner's last question reloads its page, whose figures were partial; then no banner
            HttpResponse<String> last = http.send(request("/?lang=fr").header("HX-Request", "true")
                    .header("HX-Target", "catching-up").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(last.headers().firstValue("HX-Refresh")).hasValue("true");
            assertThat(banner(page("/?lang=fr"))).isEmpty();
        } finally {
            app.close();
        }
    }

    private static String person(String given, String family) {
        return """
                {"givenNameAr":"كنزة","familyNameAr":"بناني","givenNameLatin":"%s","familyNameLatin":"%s",
                 "dateOfBirth":"1995-03-01","sex":"FEMALE","region":"RABAT_SALE_KENITRA","province":"Salé",
                 "household":"POOR_HOUSEHOLD","registeredOn":"2010-01-15"}""".formatted(given, family);
    }

    private JsonNode search(String name) throws Exception {
        HttpResponse<String> response = get("/api/beneficiaries?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        return body.has("items") ? body.path("items") : body;
    }

    private JsonNode await(Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode progress = json.readTree(get("/api/stats/catching-up").body());
            if (condition.test(progress)) {
                return progress;
            }
            assertThat(System.nanoTime()).as("waited 60 s; last: %s", progress).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private void awaitFound(String name, int people) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (search(name).size() != people) {
            assertThat(System.nanoTime()).as("%d people named %s within 60 s", people, name).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private String page(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path).header("Accept", "text/html").GET().build(),
                                                  HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A register's file through the API; the import's id once it has ended. */
    private String importPeople(String csv) throws Exception {
        HttpResponse<String> started = http.send(request("/api/imports/people").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String importId = json.readTree(started.body()).path("importId").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode run;
        while (!(run = json.readTree(get("/api/imports/" + importId).body())).path("endedAt").isTextual()) {
            assertThat(System.nanoTime()).as("import ended within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(run.path("imported").asInt()).as(run.toString()).isEqualTo(1);
        return importId;
    }

    private void post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(201);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).header("Accept", "application/json").GET().build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getEnvironment()
                .getProperty("local.server.port") + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", TestUsers.basic());
    }
}
