package ma.masar.embedded.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import ma.masar.metrics.AxonMetrics;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operations read: Masar's business counters, Axon's message metrics and the health components, scraped from the
 * embedded application after a few commands over HTTP; and every metric the Grafana dashboard
 * ({@code ops/grafana/dashboards/masar.json}) queries is one the application really exposes.
 */
class MetricsTest {

    private static final Path DASHBOARD = Path.of("..", "ops", "grafana", "dashboards", "masar.json");
    private static final List<String> READ_MODELS = List.of("timeline", "search", "counts", "centres");

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper json = new ObjectMapper();
    private static ConfigurableApplicationContext app;
    private static PrometheusScrape scrape;

    @BeforeAll
    static void startAndRecordAFewFacts() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("masar-metrics-");
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + dataDir, "--server.port=0",
                "--masar.demo.enabled=false", "--axon.update-check.disabled=true"));
        args.addAll(TestUsers.args());
        app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));

        // a centre with one seat, two women enrolled in it: the second is refused (CentreIsFull)
        String centreId = post("/api/centres", """
                {"type":"EDUCATION_TRAINING_CENTRE","nameAr":"مركز التربية والتكوين","nameFr":"Centre d'éducation",
                 "region":"FES_MEKNES","province":"Fès","capacity":1,"openedOn":"2005-01-01"}""", 201).path("centreId").asText();
        String first = post("/api/beneficiaries", person("Fatima"), 201).path("beneficiaryId").asText();
        String second = post("/api/beneficiaries", person("Amina"), 201).path("beneficiaryId").asText();
        String enrolment = """
                {"centreId":"%s","programme":"EDUCATION_TRAINING","enrolledOn":"2010-02-01"}""".formatted(centreId);
        post("/api/beneficiaries/" + first + "/enrolments", enrolment, 201);
        JsonNode refusal = post("/api/beneficiaries/" + second + "/enrolments", enrolment, 409);
        assertThat(refusal.path("rule").asText()).isEqualTo("CentreIsFull");

        // processor metrics appear once each read model has handled the events
        scrape = awaitScrape(s -> READ_MODELS.stream().allMatch(group ->
                s.value("eventProcessor_successCounter_total", "processorName", group) >= 1
                && !s.find("eventProcessor_latency", "processorName", group).isEmpty()));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void countsCommandsByTypeAndOutcome() {
        assertThat(scrape.value("masar_commands_total", "command", "OpenCentre", "outcome", "success")).isEqualTo(1.0);
        assertThat(scrape.value("masar_commands_total", "command", "RegisterBeneficiary", "outcome", "success"))
                .isEqualTo(2.0);
        assertThat(scrape.value("masar_commands_total", "command", "EnrolInProgramme", "outcome", "success"))
                .isEqualTo(1.0);
        assertThat(scrape.value("masar_commands_total", "command", "EnrolInProgramme", "outcome", "refused"))
                .isEqualTo(1.0);
        assertThat(scrape.find("masar_commands_total", "outcome", "failed")).isEmpty();
    }

    @Test
    void countsRefusalsByRule() {
        assertThat(scrape.find("masar_refusals_total")).singleElement().satisfies(refusal -> {
            assertThat(refusal.labels()).containsEntry("rule", "CentreIsFull").containsEntry("command", "EnrolInProgramme");
            assertThat(refusal.value()).isEqualTo(1.0);
        });
    }

    @Test
    void countsEnrolmentsPerProgrammeOnlyWhenStored() {
        assertThat(scrape.find("masar_enrolments_total")).singleElement().satisfies(enrolments -> {
            assertThat(enrolments.labels()).containsEntry("programme", "EDUCATION_TRAINING");
            assertThat(enrolments.value()).isEqualTo(1.0);
        });
    }

    @Test
    void exposesAxonMessageMetricsTaggedByTypeAndProcessor() {
        assertThat(scrape.value("commandBus_successCounter_total", "payloadType", "OpenCentre")).isEqualTo(1.0);
        assertThat(scrape.value("commandBus_failureCounter_total", "payloadType", "EnrolInProgramme")).isEqualTo(1.0);
        assertThat(scrape.find("commandBus_allTimer_seconds_count", "payloadType", "EnrolInProgramme")).isNotEmpty();
        assertThat(scrape.value("eventStore_successCounter_total")).isGreaterThanOrEqualTo(1.0);
        for (String group : READ_MODELS) {
            assertThat(scrape.find("eventProcessor_latency", "processorName", group)).as(group).isNotEmpty();
            assertThat(scrape.find("eventProcessor_capacity", "processorName", group)).as(group).isNotEmpty();
        }
    }

    @Test
    void timesEachReadModelsWritesByKindInsteadOfTheDriversCommandTimers() {
        // two people registered: the timeline wrote their entries, the search their documents and their name keys
        assertThat(scrape.value("masar_read_model_writes_seconds_count", "read_model", "timeline", "writes", "timeline"))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(scrape.value("masar_read_model_writes_seconds_count", "read_model", "search", "writes",
                                "search.keysAdded")).isGreaterThanOrEqualTo(1.0);
        assertThat(scrape.value("masar_read_model_writes_seconds_sum", "read_model", "search", "writes", "search"))
                .isGreaterThan(0.0);
        // the driver would copy every reply of the read store for its command timers; its pool's metrics stay
        assertThat(scrape.find("mongodb_driver_commands_seconds_count")).isEmpty();
        assertThat(scrape.find("mongodb_driver_pool_size")).isNotEmpty();
    }

    @Test
    void measuresCapacityWithMasarsShortWindowNotAxonsTenMinutes() {
        // Axon declares its own registry only when there is none: AxonMetrics (platform) must be the one in use
        assertThat(app.getBean(GlobalMetricRegistry.class).getClass().getEnclosingClass()).isEqualTo(AxonMetrics.class);
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        DashboardQueries dashboard = DashboardQueries.read(DASHBOARD);
        Set<String> used = dashboard.metricNames();
        assertThat(dashboard.expressions()).hasSizeGreaterThanOrEqualTo(8);
        // the panels the issue asks for, by the metrics behind them
        assertThat(used).contains("masar_commands_total", "masar_refusals_total", "masar_enrolments_total",
                "commandBus_allTimer_seconds", "eventProcessor_latency", "eventProcessor_capacity",
                "masar_read_model_writes_seconds_sum");

        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(scrape.names());
        assertThat(missing).as("metrics the dashboard queries but /actuator/prometheus does not expose").isEmpty();
    }

    @Test
    void countsTheBytesEachEmbeddedStoreWroteAndTheyGrowWithWhatIsRecorded() throws Exception {
        double events = scrape.value("masar_store_written_bytes_total", "store", "events");
        double readStore = scrape.value("masar_store_written_bytes_total", "store", "readstore");
        assertThat(events).isGreaterThan(0);
        assertThat(readStore).isGreaterThan(0);

        post("/api/beneficiaries", person("Khadija"), 201);
        // the command's commit is durable before its 201; the read store commits within its period (1 s)
        PrometheusScrape after = awaitScrape(s -> s.value("masar_store_written_bytes_total", "store", "readstore")
                                                  > readStore);
        assertThat(after.value("masar_store_written_bytes_total", "store", "events")).isGreaterThan(events);
        assertThat(after.value("masar_store_written_bytes_total", "store", "readstore")).isGreaterThan(readStore);
        // both files were created by this run: every byte they hold was written since the start
        // (the sizes first: a commit may grow a file after the scrape, never shrink what was written)
        Path dataDir = Path.of(app.getEnvironment().getProperty("masar.data-dir"));
        long eventsFile = Files.size(dataDir.resolve("events.mv.db"));
        long readStoreFile = Files.size(dataDir.resolve("readstore.mv.db"));
        PrometheusScrape last = awaitScrape(s -> true);
        assertThat(last.value("masar_store_written_bytes_total", "store", "events")).isGreaterThanOrEqualTo(eventsFile);
        assertThat(last.value("masar_store_written_bytes_total", "store", "readstore"))
                .isGreaterThanOrEqualTo(readStoreFile);
    }

    @Test
    void healthShowsTheEventStoreAndMongo() throws Exception {
        HttpResponse<String> response = http.send(get("/actuator/health"), HttpResponse.BodyHandlers.ofString());
        JsonNode health = json.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("details").path("database").asText()).isEqualTo("H2");
        assertThat(health.path("components").path("mongo").path("status").asText()).isEqualTo("UP");
    }

    private static String person(String givenName) {
        return """
                {"givenNameAr":"فاطمة","familyNameAr":"العلوي","givenNameLatin":"%s","familyNameLatin":"Alaoui",
                 "dateOfBirth":"1990-01-01","sex":"FEMALE","region":"FES_MEKNES","province":"Fès",
                 "household":"POOR_HOUSEHOLD","registeredOn":"2010-01-15"}""".formatted(givenName);
    }

    private static JsonNode post(String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                                                             .header("Authorization", TestUsers.basic())
                                                             .header("Content-Type", "application/json")
                                                             .POST(HttpRequest.BodyPublishers.ofString(body))
                                                             .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    private static PrometheusScrape awaitScrape(Predicate<PrometheusScrape> ready) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            PrometheusScrape current = PrometheusScrape.parse(
                    http.send(get("/actuator/prometheus"), HttpResponse.BodyHandlers.ofString()).body());
            if (ready.test(current) || Instant.now().isAfter(deadline)) {
                return current;
            }
            Thread.sleep(250);
        }
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", TestUsers.basic()).GET().build();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path);
    }
}
