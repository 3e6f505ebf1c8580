package ma.masar.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.test.context.TestPropertySource;

/**
 * A timeline handler that fails on one beneficiary's note parks that note and the rest of the beneficiary's events in
 * the dead-letter queue; the timeline goes on with other beneficiaries; a retry after the fix projects them.
 */
@Import(DeadLettersTest.FailsOnPoisonedNotes.class)
@TestPropertySource(properties = "masar.mongo.database=masar-dead-letters-test")
class DeadLettersTest extends QuerySideTest {

    /** Stands for a bug in the timeline's handlers: fails on notes recorded by "poisoner" while {@code broken}. */
    @Component
    @ProcessingGroup("timeline")
    static class FailsOnPoisonedNotes {

        static volatile boolean broken;

        @EventHandler
        void on(CaseNoteAdded event, @MetaDataValue("userId") String userId) {
            if (broken && "poisoner".equals(userId)) {
                throw new IllegalStateException("cannot handle note " + event.noteId());
            }
        }
    }

    @AfterEach
    void fixed() {
        FailsOnPoisonedNotes.broken = false;
    }

    @Test
    void failingEventIsDeadLetteredAndProjectedByARetryAfterTheFix() {
        FailsOnPoisonedNotes.broken = true;
        Facts facts = facts();
        String poisoned = recordCase(facts);
        String healthy = recordHealthyCase(facts);
        awaitProjected();

        List<JsonNode> letters = awaitValue("the poisoned sequence in the dead-letter queue",
                                            () -> lettersOf(poisoned), found -> found.size() == 2);
        assertThat(letters.get(0).path("group").asText()).isEqualTo("timeline");
        assertThat(letters.get(0).path("eventType").asText()).isEqualTo("CaseNoteAdded");
        assertThat(letters.get(0).path("causeMessage").asText()).contains("cannot handle note");
        assertThat(letters.get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(letters.get(1).path("eventType").asText()).isEqualTo("CaseNoteAdded");
        // the read model went on: the later beneficiary is there, the poisoned one's later event is held back
        assertThat(entry(healthy, 1)).isNotNull();
        assertThat(entry(poisoned, 2)).isNull();

        Response stillBroken = post("/api/audit/dead-letters/timeline/" + poisoned + "/retry");
        assertThat(stillBroken.status()).isEqualTo(200);
        assertThat(stillBroken.json().path("processed").asBoolean()).isFalse();
        assertThat(lettersOf(poisoned)).hasSize(2);
        assertThat(lettersOf(poisoned).get(0).path("attempts").asInt()).isEqualTo(2);

        FailsOnPoisonedNotes.broken = false;
        Response retried = post("/api/audit/dead-letters/timeline/" + poisoned + "/retry");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("processed").asBoolean()).isTrue();

        assertThat(lettersOf(poisoned)).isEmpty();
        assertThat(entry(poisoned, 1)).isNotNull();
        assertThat(entry(poisoned, 2)).isNotNull();
        assertThat(entry(poisoned, 2).getString("type")).isEqualTo("CaseNoteAdded");
    }

    @Test
    void evictedSequenceLeavesTheQueue() {
        FailsOnPoisonedNotes.broken = true;
        String poisoned = recordCase(facts());
        awaitProjected();
        awaitValue("the poisoned sequence in the dead-letter queue", () -> lettersOf(poisoned),
                   found -> found.size() == 2);

        Response evicted = post("/api/audit/dead-letters/timeline/" + poisoned + "/evict");

        assertThat(evicted.status()).isEqualTo(200);
        assertThat(evicted.json().path("evicted").asInt()).isEqualTo(2);
        assertThat(lettersOf(poisoned)).isEmpty();
        assertThat(post("/api/audit/dead-letters/timeline/" + poisoned + "/retry").status()).isEqualTo(404);
    }

    /** Registered (0), a poisoned note (1), a later note (2). */
    private static String recordCase(Facts facts) {
        String id = Facts.newId("b");
        facts.beneficiary(id, Facts.registered(id, Facts.person("سارة", "بناني", "Sara", "Bennani", 2001, "BK1"),
                                               Region.CASABLANCA_SETTAT, "Casablanca", LocalDate.of(2010, 1, 4)));
        facts.record("Beneficiary", id, new CaseNoteAdded(id, "n1", "Premier entretien.", LocalDate.of(2010, 1, 5)),
                     Instant.now(), "poisoner");
        facts.beneficiary(id, new CaseNoteAdded(id, "n2", "Suivi.", LocalDate.of(2010, 2, 5)));
        return id;
    }

    private static String recordHealthyCase(Facts facts) {
        String id = Facts.newId("b");
        facts.beneficiary(id, Facts.registered(id, Facts.person("علي", "بناني", "Ali", "Bennani", 2000, "BK2"),
                                               Region.CASABLANCA_SETTAT, "Casablanca", LocalDate.of(2010, 1, 4)));
        facts.beneficiary(id, new CaseNoteAdded(id, "n1", "Premier entretien.", LocalDate.of(2010, 1, 5)));
        return id;
    }

    private Document entry(String beneficiaryId, long sequence) {
        return readStore.getCollection("timeline").find(new Document("_id", beneficiaryId + "/" + sequence)).first();
    }

    private List<JsonNode> lettersOf(String beneficiaryId) {
        Response response = get("/api/audit/dead-letters");
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> letters = new ArrayList<>();
        response.json().forEach(letter -> {
            if (beneficiaryId.equals(letter.path("sequenceId").asText())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private Response post(String path) {
        try {
            HttpResponse<String> response = http().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", CLERK)
                               .timeout(Duration.ofSeconds(30))
                               .POST(HttpRequest.BodyPublishers.noBody())
                               .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                                response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
