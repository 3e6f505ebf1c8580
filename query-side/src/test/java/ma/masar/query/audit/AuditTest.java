package ma.masar.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An auditor replays a case: what was known when, who recorded it, and the history exported whole. */
class AuditTest extends QuerySideTest {

    private static final Instant REGISTERED = Instant.parse("2010-01-10T09:00:00Z");
    private static final Instant ENROLLED = Instant.parse("2010-02-01T09:00:00Z");
    private static final Instant CORRECTED = Instant.parse("2010-03-05T09:00:00Z");
    private static final Instant COMPLETED = Instant.parse("2010-06-30T09:00:00Z");

    private record Case(String id, String user, String registrationEventId) {
    }

    private Case recordCase() {
        Facts facts = facts();
        String id = Facts.newId("audit");
        String user = Facts.newId("worker");
        var original = Facts.person("فاطمه", "العلوي", "Fatma", "Alaoui", 1992, null);
        String registration = facts.record("Beneficiary", id, Facts.registered(id, original, Region.FES_MEKNES, "Sefrou",
                LocalDate.of(2010, 1, 10)), REGISTERED, user);
        var placement = Facts.placement(id + "-e", "CEF-A", ProgrammeType.EDUCATION_TRAINING, Region.FES_MEKNES,
                "Sefrou", LocalDate.of(2010, 2, 1));
        facts.record("Beneficiary", id, new EnrolledInProgramme(id, placement, null), ENROLLED, user);
        var corrected = Facts.person("فاطمة", "العلوي", "Fatima", "Alaoui", 1992, null);
        facts.record("Beneficiary", id, new RegistrationCorrected(id, registration, corrected, Sex.FEMALE, 1992,
                Region.FES_MEKNES, "Sefrou", HouseholdSituation.POOR_HOUSEHOLD, "spelling"), CORRECTED, "supervisor-1");
        facts.record("Beneficiary", id, new EnrolmentCompleted(id, placement, CompletionOutcome.CERTIFICATE,
                LocalDate.of(2010, 6, 30)), COMPLETED, user);
        return new Case(id, user, registration);
    }

    @Test
    void aCaseAsOfAMomentShowsOnlyWhatWasRecordedByThen() throws Exception {
        Case c = recordCase();
        JsonNode beforeCorrection = get("/api/audit/beneficiaries/" + c.id() + "?asOf=2010-02-15T00:00:00Z").json();
        assertThat(beforeCorrection.get("eventCount").asInt()).isEqualTo(2);
        assertThat(beforeCorrection.at("/registration/personal/givenNameLatin").asText()).isEqualTo("Fatma");
        assertThat(beforeCorrection.at("/enrolments/0/status").asText()).isEqualTo("ACTIVE");

        JsonNode afterCorrection = get("/api/audit/beneficiaries/" + c.id() + "?asOf=2010-03-06").json();
        assertThat(afterCorrection.at("/registration/personal/givenNameLatin").asText()).isEqualTo("Fatima");
        assertThat(afterCorrection.at("/registration/correctedEventId").asText()).isEqualTo(c.registrationEventId());
        assertThat(afterCorrection.at("/timeline/2/userId").asText()).isEqualTo("supervisor-1");

        JsonNode now = get("/api/audit/beneficiaries/" + c.id()).json();
        assertThat(now.at("/enrolments/0/status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void theDifferenceBetweenTwoMomentsListsTheFactsRecordedBetween() throws Exception {
        Case c = recordCase();
        JsonNode diff = get("/api/audit/beneficiaries/" + c.id() + "/diff?from=2010-02-15T00:00:00Z&to=2010-07-01T00:00:00Z").json();
        List<String> types = new ArrayList<>();
        diff.get("events").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).containsExactly("RegistrationCorrected", "EnrolmentCompleted");
        assertThat(diff.at("/before/enrolments/0/status").asText()).isEqualTo("ACTIVE");
        assertThat(diff.at("/after/enrolments/0/status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void theEventLogPagesThroughEveryMatchingEventOnceWithItsMetadata() throws Exception {
        Case first = recordCase();
        Case second = recordCase();
        List<String> seen = new ArrayList<>();
        String next = "0";
        int pages = 0;
        while (next != null) {
            JsonNode page = get("/api/audit/events?userId=" + first.user() + "&limit=2&after=" + next).json();
            page.get("events").forEach(e -> {
                assertThat(e.get("userId").asText()).isEqualTo(first.user());
                assertThat(e.get("globalIndex").asLong()).isPositive();
                seen.add(e.get("eventId").asText());
            });
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        }
        assertThat(seen).hasSize(3).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(2);

        JsonNode byCase = get("/api/audit/events?beneficiaryId=" + second.id()).json();
        assertThat(byCase.get("events")).hasSize(4);
        JsonNode corrections = get("/api/audit/events?type=RegistrationCorrected&userId=supervisor-1&limit=500").json();
        assertThat(corrections.get("events").size()).isGreaterThanOrEqualTo(2);
        JsonNode enrolledThatDay = get("/api/audit/events?type=EnrolledInProgramme&userId=" + first.user()
                + "&occurredFrom=2010-02-01&occurredTo=2010-02-01").json();
        assertThat(enrolledThatDay.get("events")).hasSize(1);
        assertThat(enrolledThatDay.at("/events/0/centreId").asText()).isEqualTo("CEF-A");
        JsonNode noneThatDay = get("/api/audit/events?type=EnrolledInProgramme&userId=" + first.user()
                + "&occurredFrom=2010-02-02").json();
        assertThat(noneThatDay.get("events")).isEmpty();
    }

    @Test
    void theExportRoundTripsAsJsonLinesAndCsv() throws Exception {
        Case c = recordCase();
        JsonNode page = get("/api/audit/events?beneficiaryId=" + c.id()).json();
        HttpResponse<String> jsonl = raw("/api/audit/export?format=jsonl&beneficiaryId=" + c.id());
        assertThat(jsonl.headers().firstValue("content-type").orElse("")).contains("ndjson");
        String[] lines = jsonl.body().split("\n");
        assertThat(lines).hasSize(4);
        for (int i = 0; i < lines.length; i++) {
            assertThat(JSON.readTree(lines[i])).isEqualTo(page.get("events").get(i));
        }
        HttpResponse<String> csv = raw("/api/audit/export?format=csv&userId=" + c.user());
        String[] rows = csv.body().split("\n");
        assertThat(rows[0]).startsWith("globalIndex,eventId,type");
        assertThat(rows).hasSize(1 + 3);
        assertThat(csv.body()).contains("EnrolledInProgramme", "\"{\"\"beneficiaryId\"\"");
    }

    @Test
    void badParametersAreProblemJson() throws Exception {
        HttpResponse<String> bad = raw("/api/audit/beneficiaries/x?asOf=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("content-type").orElse("")).contains("problem+json");
        assertThat(raw("/api/audit/export?format=xml").statusCode()).isEqualTo(400);
        assertThat(raw("/api/audit/beneficiaries/nobody-" + System.nanoTime()).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> raw(String path) throws Exception {
        return http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", CLERK).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
