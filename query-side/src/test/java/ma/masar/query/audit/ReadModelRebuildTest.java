package ma.masar.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.query.QuerySideTest;
import ma.masar.query.SampleCases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A rebuild runs beside the live read model while facts keep arriving, and ends equal to what the events give. */
@TestPropertySource(properties = "masar.mongo.database=masar-rebuild-test")
class ReadModelRebuildTest extends QuerySideTest {

    @Autowired
    RebuiltReadModelVerifier verifier;

    @Test
    void rebuildWhileFactsKeepArrivingEndsEqualToTheEventsAndCannotRunTwice() throws Exception {
        SampleCases cases = new SampleCases(facts(), 21);
        cases.openCentres(5);
        cases.signPartnerships(10);
        for (int i = 0; i < 1500; i++) {
            cases.recordCase(i);
        }
        awaitProjected();

        AtomicBoolean recording = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger(1500);
        Thread recorder = new Thread(() -> {
            while (recording.get()) {
                cases.recordCase(next.getAndIncrement());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        recorder.start();
        try {
            Response started = post("/api/audit/rebuilds", "{\"readModel\":\"timeline\"}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String rebuildId = started.json().path("rebuildId").asText();

            Response twice = post("/api/audit/rebuilds", "{\"readModel\":\"timeline\"}");
            assertThat(twice.status()).as(twice.body()).isEqualTo(409);
            assertThat(twice.contentType()).contains("application/problem+json");

            JsonNode progress = get("/api/audit/rebuilds/" + rebuildId).json();
            assertThat(progress.path("readModel").asText()).isEqualTo("timeline");
            assertThat(progress.path("eventsTotal").asLong()).isPositive();
            // the live read model keeps serving meanwhile
            assertThat(get("/api/audit/dead-letters").status()).isEqualTo(200);

            JsonNode done = awaitValue("the rebuild to finish", () -> get("/api/audit/rebuilds/" + rebuildId).json(),
                                       p -> !"RUNNING".equals(p.path("state").asText()));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.path("eventsDone").asLong()).isEqualTo(done.path("eventsTotal").asLong());
            assertThat(done.path("secondsLeft").asLong()).isZero();
            System.out.println("Rebuild of the timeline: " + done);
        } finally {
            recording.set(false);
            recorder.join();
        }
        awaitProjected();

        Map<String, Object> report = verifier.verify("timeline");
        assertThat((java.util.List<?>) report.get("differences")).as(report.toString()).isEmpty();
        assertThat((Long) report.get("compared")).isPositive();
        assertThat(post("/api/audit/rebuilds", "{\"readModel\":\"nonsense\"}").status()).isEqualTo(400);
    }

    private Response post(String path, String json) {
        try {
            HttpResponse<String> response = http().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", CLERK)
                               .timeout(Duration.ofSeconds(30))
                               .header("Content-Type", "application/json")
                               .POST(HttpRequest.BodyPublishers.ofString(json))
                               .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                                response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
