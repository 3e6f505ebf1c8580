package ma.masar.query.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.Test;

/** The live streams: Server-Sent Events fed by Axon subscription queries. */
class LiveCountsTest extends QuerySideTest {

    @Test
    void streamsProgrammeCountsAsTheyChange() throws Exception {
        String centre = Facts.newId("cef");
        try (Stream stream = open("/api/stats/stream?year=2010&centre=" + centre)) {
            JsonNode initial = stream.next("counts");
            assertThat(initial.at("/total/enrolled").asLong()).isZero();

            Facts facts = facts();
            for (int i = 0; i < 3; i++) {
                String beneficiaryId = Facts.newId("b");
                facts.beneficiary(beneficiaryId, new EnrolledInProgramme(beneficiaryId, Facts.placement(
                        "e-" + beneficiaryId, centre, ProgrammeType.EDUCATION_TRAINING, Region.SOUSS_MASSA,
                        "Agadir-Ida-Ou-Tanane", LocalDate.of(2010, 10, 1)), null));
            }
            JsonNode update = stream.nextMatching("counts", counts -> counts.at("/total/enrolled").asLong() == 3);
            assertThat(update.at("/total/active").asLong()).isEqualTo(3);
        }
    }

    @Test
    void streamsABeneficiarysTimelineAsItGrows() throws Exception {
        Facts facts = facts();
        String beneficiaryId = Facts.newId("b");
        facts.beneficiary(beneficiaryId, Facts.registered(
                beneficiaryId, Facts.person("نادية", "التازي", "Nadia", "Tazi", 1985, null), Region.SOUSS_MASSA,
                "Agadir-Ida-Ou-Tanane", LocalDate.of(2010, 1, 4)));
        awaitProjected();
        try (Stream stream = open("/api/beneficiaries/" + beneficiaryId + "/timeline/stream?lang=fr")) {
            assertThat(stream.next("timeline").get("entries")).hasSize(1);

            Placement placement = Facts.placement("e1", Facts.newId("cef"), ProgrammeType.EDUCATION_TRAINING,
                                                  Region.SOUSS_MASSA, "Agadir-Ida-Ou-Tanane", LocalDate.of(2010, 1, 5));
            facts.beneficiary(beneficiaryId, new EnrolledInProgramme(beneficiaryId, placement, null));
            facts.beneficiary(beneficiaryId, new CaseNoteAdded(beneficiaryId, "n1", "Premier entretien.",
                                                               LocalDate.of(2010, 1, 6)));

            JsonNode grown = stream.nextMatching("timeline", timeline -> timeline.get("entries").size() == 3);
            assertThat(grown.at("/entries/2/text").asText()).startsWith("Note de suivi : Premier entretien.");
        }
    }

    private Stream open(String path) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", CLERK)
                                         .header("Accept", "text/event-stream")
                                         .GET()
                                         .build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response =
                http().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = response.thenAcceptAsync(r -> r.body().forEach(lines::add));
        return new Stream(lines, reading);
    }

    /** Reads SSE events ("event:" then "data:" lines) off a streaming response. */
    private record Stream(BlockingQueue<String> lines, CompletableFuture<Void> reading) implements AutoCloseable {

        JsonNode next(String eventName) throws Exception {
            String event = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:") && eventName.equals(event)) {
                    return JSON.readTree(line.substring("data:".length()));
                }
            }
            throw new AssertionError("No '" + eventName + "' event within 20 s");
        }

        JsonNode nextMatching(String eventName, java.util.function.Predicate<JsonNode> wanted) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode event = next(eventName);
                if (wanted.test(event)) {
                    return event;
                }
            }
            throw new AssertionError("No matching '" + eventName + "' event within 20 s");
        }

        @Override
        public void close() {
            reading.cancel(true);
        }
    }
}
