package ma.masar.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.beneficiary.BeneficiariesMerged;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.MergeUndone;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.Test;

/**
 * Before registering, the likely matches and why (issue 17, item 4); a merge hides the duplicate from search and
 * puts its facts in the survivor's timeline, and its undo makes two people again.
 */
class LikelyMatchesAndMergesTest extends QuerySideTest {

    private final String tag = String.valueOf(Math.abs(System.nanoTime() % 100000));

    @Test
    void listsTheLikelyMatchesWithTheirReasonsAndNoNameOutsideTheWorkersCentres() throws Exception {
        Facts facts = facts();
        String inHerCentre = register(facts, "فاطمة", "بناني" + tag, "Fatima", "Bennani" + tag, 1990, "CENTRE-A");
        String elsewhere = register(facts, "فاطمة", "بناني" + tag, "Fatema", "Benani" + tag, 1991, "CENTRE-B");
        String fatiha = register(facts, "فتيحة", "بناني" + tag, "Fatiha", "Bennani" + tag, 1990, "CENTRE-A");
        String older = register(facts, "فاطمة", "بناني" + tag, "Fatima", "Bennani" + tag, 1960, "CENTRE-A");
        awaitProjected();

        JsonNode matches = likelyMatches("worker-a", "givenNameLatin=Fatma&familyNameLatin=" + url("Benani" + tag)
                + "&birthYear=1990&sex=FEMALE&region=SOUSS_MASSA").get("matches");
        // Fatiha is another name; the one born in 1960 is thirty years off
        assertThat(ids(matches)).containsExactly(elsewhere, inHerCentre).doesNotContain(fatiha, older);

        JsonNode hers = matches.get(1);
        assertThat(hers.get("followed").asBoolean()).isTrue();
        assertThat(hers.get("givenNameLatin").asText()).isEqualTo("Fatima");
        assertThat(reasons(hers)).containsExactly("SAME_NAME_SPELT_OTHERWISE fatma≈fatima",
                "SAME_NAME_SPELT_OTHERWISE benani" + tag + "≈bennani" + tag, "SAME_BIRTH_YEAR", "SAME_SEX",
                "SAME_REGION");

        JsonNode notHers = matches.get(0);
        assertThat(notHers.get("followed").asBoolean()).isFalse();
        assertThat(notHers.get("givenNameLatin").isNull()).isTrue();
        assertThat(notHers.get("familyNameAr").isNull()).isTrue();
        assertThat(notHers.toString()).doesNotContain("Fatema").doesNotContain("فاطمة");
        assertThat(reasons(notHers)).containsExactly("SAME_NAME_SPELT_OTHERWISE fatma≈null",
                "SAME_NAME benani" + tag + "≈null", "NEAR_BIRTH_YEAR", "SAME_SEX", "SAME_REGION");

        // typed in Arabic, the same people
        JsonNode inArabic = likelyMatches("clerk", "givenNameAr=" + url("فاطمه") + "&familyNameAr="
                + url("بناني" + tag) + "&birthYear=1990").get("matches");
        assertThat(ids(inArabic)).containsExactlyInAnyOrder(elsewhere, inHerCentre);
    }

    @Test
    void aMergedRecordLeavesTheSearchAndItsFactsJoinTheSurvivorsTimelineUntilTheMergeIsUndone() throws Exception {
        Facts facts = facts();
        String survivor = register(facts, "سعاد", "العمراني" + tag, "Souad", "Amrani" + tag, 1985, "CENTRE-A");
        String duplicate = register(facts, "سعاد", "العمراني" + tag, "Souad", "El Amrani" + tag, 1985, "CENTRE-A");
        awaitProjected();
        assertThat(ids(search("q=" + url("Souad Amrani" + tag)).get("items")))
                .containsExactlyInAnyOrder(survivor, duplicate);

        LocalDate on = LocalDate.of(2010, 5, 3);
        facts.beneficiary(survivor, new BeneficiariesMerged(survivor, survivor, duplicate, "same birth certificate", on));
        facts.beneficiary(duplicate, new BeneficiariesMerged(duplicate, survivor, duplicate, "same birth certificate", on));
        awaitProjected();

        assertThat(ids(search("q=" + url("Souad Amrani" + tag)).get("items"))).containsExactly(survivor);
        assertThat(ids(search("q=" + url("El Amrani" + tag)).get("items"))).containsExactly(survivor);
        assertThat(ids(likelyMatches("clerk", "givenNameLatin=Souad&familyNameLatin=" + url("Amrani" + tag))
                .get("matches"))).containsExactly(survivor);

        JsonNode timeline = get("/api/beneficiaries/" + survivor + "/timeline?lang=fr").json().get("entries");
        List<String> texts = new ArrayList<>();
        List<String> fromDuplicate = new ArrayList<>();
        timeline.forEach(entry -> {
            texts.add(entry.get("text").asText());
            if (duplicate.equals(entry.path("details").path("mergedFrom").asText(null))) {
                fromDuplicate.add(entry.get("type").asText());
            }
        });
        assertThat(fromDuplicate).containsExactly("BeneficiaryRegistered", "EnrolledInProgramme");
        assertThat(texts).anyMatch(text -> text.startsWith("[Dossier fusionné " + duplicate + "] Enregistrement"))
                .anyMatch(text -> text.startsWith("Le dossier " + duplicate + " a été fusionné dans celui-ci : même "
                                                  + "personne. Motif : same birth certificate."));
        assertThat(timeline).hasSize(5);
        JsonNode arabic = get("/api/beneficiaries/" + duplicate + "/timeline?lang=ar").json().get("entries");
        // (the facts are recorded now about 2010: the texts end with when they were recorded)
        assertThat(arabic.get(arabic.size() - 1).get("text").asText())
                .startsWith("دُمج هذا الملف في الملف " + survivor + ": الشخص نفسه. السبب: same birth certificate.");

        facts.beneficiary(survivor, new MergeUndone(survivor, survivor, duplicate, "two sisters", on.plusDays(1)));
        facts.beneficiary(duplicate, new MergeUndone(duplicate, survivor, duplicate, "two sisters", on.plusDays(1)));
        awaitProjected();

        assertThat(ids(search("q=" + url("Souad Amrani" + tag)).get("items")))
                .containsExactlyInAnyOrder(survivor, duplicate);
        JsonNode after = get("/api/beneficiaries/" + survivor + "/timeline?lang=fr").json().get("entries");
        after.forEach(entry -> assertThat(entry.path("details").has("mergedFrom")).isFalse());
        assertThat(after.get(after.size() - 1).get("text").asText())
                .startsWith("Fusion du dossier " + duplicate + " annulée : deux personnes distinctes. Motif : two sisters.");
    }

    private String register(Facts facts, String givenAr, String familyAr, String givenLatin, String familyLatin,
                            int birthYear, String centre) {
        String id = Facts.newId("b");
        PersonalData personal = Facts.person(givenAr, familyAr, givenLatin, familyLatin, birthYear, null);
        facts.beneficiary(id, new BeneficiaryRegistered(id, personal, Sex.FEMALE, birthYear, Region.SOUSS_MASSA,
                                                        "Agadir", HouseholdSituation.POOR_HOUSEHOLD,
                                                        LocalDate.of(2010, 1, 4)));
        facts.beneficiary(id, new EnrolledInProgramme(id, Facts.placement(Facts.newId("e"), centre,
                ProgrammeType.CITIZEN_HOUSE, Region.SOUSS_MASSA, "Agadir", LocalDate.of(2010, 1, 5)), null));
        return id;
    }

    private JsonNode search(String query) {
        Response response = get("/api/beneficiaries?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode likelyMatches(String user, String query) throws Exception {
        HttpResponse<String> response = http().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/beneficiaries/likely-matches?" + query))
                .header("Authorization", basic(user)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("beneficiaryId").asText()));
        return ids;
    }

    private static List<String> reasons(JsonNode match) {
        List<String> reasons = new ArrayList<>();
        match.get("reasons").forEach(reason -> reasons.add(reason.get("kind").asText()
                + (reason.get("kind").asText().startsWith("SAME_NAME")
                   ? " " + reason.get("searched").asText() + "≈" + reason.get("found").asText(null) : "")));
        return reasons;
    }

    private static String url(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
