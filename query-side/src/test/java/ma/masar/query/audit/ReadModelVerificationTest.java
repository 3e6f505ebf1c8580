package ma.masar.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import ma.masar.api.staff.StaffAssignedToCentre;
import ma.masar.api.staff.StaffAssignmentEnded;
import ma.masar.api.staff.StaffStream;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import ma.masar.query.SampleCases;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Each read model rebuilt beside the live one equals it; a live document changed behind the projection's back is named. */
@TestPropertySource(properties = "masar.mongo.database=masar-verification-test")
class ReadModelVerificationTest extends QuerySideTest {

    @Test
    void cleanReadModelsEqualTheirRebuildAndATamperedDocumentIsNamed() {
        SampleCases cases = new SampleCases(facts(), 11);
        cases.openCentres(3);
        cases.signPartnerships(5);
        for (int i = 0; i < 60; i++) {
            cases.recordCase(i);
        }
        // where two workers work: one assignment open, one ended (the staff read model)
        Facts facts = facts();
        facts.record("StaffMember", StaffStream.of("amina"),
                new StaffAssignedToCentre("amina", "CEF-0001", LocalDate.of(2009, 9, 1)));
        facts.record("StaffMember", StaffStream.of("salma"),
                new StaffAssignedToCentre("salma", "CEF-0002", LocalDate.of(2009, 9, 1)));
        facts.record("StaffMember", StaffStream.of("salma"),
                new StaffAssignmentEnded("salma", "CEF-0002", LocalDate.of(2010, 7, 1)));
        awaitProjected();

        Map<String, JsonNode> clean = reports();
        assertThat(clean.keySet()).containsExactlyInAnyOrder("timeline", "search", "counts", "centres", "caseload", "staff");
        clean.forEach((readModel, report) -> {
            assertThat(report.path("differences").size()).as(readModel + ": " + report).isZero();
            assertThat(report.path("compared").asLong()).as(readModel).isPositive();
        });

        Document tampered = readStore.getCollection("timeline").find().first();
        readStore.getCollection("timeline").updateOne(Filters.eq("_id", tampered.get("_id")),
                                                     Updates.set("type", "Tampered"));
        Map<String, JsonNode> found = reports();

        JsonNode differences = found.get("timeline").path("differences");
        assertThat(differences.size()).as(found.get("timeline").toString()).isEqualTo(1);
        assertThat(differences.get(0).path("id").asText()).isEqualTo(tampered.get("_id").toString());
        assertThat(differences.get(0).path("field").asText()).isEqualTo("type");
        assertThat(differences.get(0).path("live").asText()).isEqualTo("Tampered");
        assertThat(differences.get(0).path("rebuilt").asText()).isEqualTo(tampered.getString("type"));
        assertThat(found.get("search").path("differences").size()).isZero();
    }

    private Map<String, JsonNode> reports() {
        try {
            HttpResponse<String> response = http().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/verifications")).header("Authorization", CLERK)
                               .timeout(Duration.ofMinutes(2))
                               .POST(HttpRequest.BodyPublishers.noBody())
                               .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Map<String, JsonNode> reports = new HashMap<>();
            JSON.readTree(response.body()).path("readModels")
                .forEach(report -> reports.put(report.path("readModel").asText(), report));
            return reports;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
