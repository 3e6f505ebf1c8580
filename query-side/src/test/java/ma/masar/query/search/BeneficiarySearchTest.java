package ma.masar.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BeneficiarySearchTest extends QuerySideTest {

    /** Unique to this class, so that other tests' people do not show up. */
    private final String family = "Zerhouni" + Math.abs(System.nanoTime() % 100000);
    private final String familyAr = "الزرهوني";
    private String fatima;
    private String fatma;
    private String khadija;
    private String youssef;
    private String centre;

    @BeforeAll
    void registerPeople() {
        Facts facts = facts();
        centre = Facts.newId("cef");
        fatima = register(facts, "فاطمة", familyAr, "Fatima", family, 1990, "BK" + family, Region.FES_MEKNES);
        fatma = register(facts, "فاطمه", familyAr, "Fatma", family, 1991, null, Region.FES_MEKNES);
        khadija = register(facts, "خديجة", familyAr, "Khadija", family, 1990, null, Region.ORIENTAL);
        youssef = register(facts, "يوسف", familyAr, "Youssef", family, 1994, null, Region.FES_MEKNES);

        Placement education = Facts.placement("e-" + fatima, centre, ProgrammeType.EDUCATION_TRAINING,
                                              Region.FES_MEKNES, "Fès", LocalDate.of(2010, 9, 1));
        facts.beneficiary(fatima, new EnrolledInProgramme(fatima, education, null));
        facts.beneficiary(fatima, new EnrolmentCompleted(fatima, education, CompletionOutcome.CERTIFICATE,
                                                         LocalDate.of(2011, 6, 30)));
        facts.beneficiary(khadija, new EnrolledInProgramme(khadija, Facts.placement(
                "e-" + khadija, centre, ProgrammeType.EDUCATION_TRAINING, Region.FES_MEKNES, "Fès",
                LocalDate.of(2010, 9, 1)), null));
        Placement orientation = Facts.placement("o-" + youssef, Facts.newId("cfp"),
                                                ProgrammeType.VOCATIONAL_ORIENTATION, Region.FES_MEKNES, "Fès",
                                                LocalDate.of(2010, 1, 10));
        facts.beneficiary(youssef, new EnrolledInProgramme(youssef, orientation, null));
        facts.beneficiary(youssef, new MovedToApprenticeship(youssef, orientation, Facts.placement(
                "a-" + youssef, Facts.newId("cfa"), ProgrammeType.APPRENTICESHIP, Region.FES_MEKNES, "Fès",
                LocalDate.of(2010, 10, 1)), "Atlas Menuiserie", LocalDate.of(2010, 10, 1)));
        awaitProjected();
    }

    @Test
    void findsAnArabicNameWhateverTheTaMarbutaOrDiacritics() {
        assertThat(ids(search("q=" + url("فاطمه " + familyAr)))).contains(fatima, fatma);
        assertThat(ids(search("q=" + url("فَاطِمَة " + familyAr)))).contains(fatima, fatma);
        assertThat(ids(search("q=" + url("فاطمة الزرهون")))).contains(fatima, fatma);
    }

    @Test
    void findsALatinNameWhateverTheCaseOrAccents() {
        // Fatima as written first; Fatma, the same name spelt otherwise, after her
        JsonNode fatimaFirst = search("q=" + url("fátima " + family.toUpperCase()));
        assertThat(fatimaFirst.get("total").asLong()).isEqualTo(2);
        assertThat(ids(fatimaFirst)).containsExactly(fatima, fatma);
        assertThat(ids(search("q=" + url("fat " + family)))).containsExactlyInAnyOrder(fatima, fatma);
    }

    @Test
    void findsByNationalIdExactly() {
        assertThat(ids(search("nationalId=" + url(" bk" + family.toLowerCase() + " ")))).containsExactly(fatima);
    }

    @Test
    void filtersByRegionCentreProgrammeAndStatus() {
        String byName = "q=" + family;
        assertThat(ids(search(byName + "&region=ORIENTAL"))).containsExactly(khadija);
        assertThat(ids(search(byName + "&centre=" + centre))).containsExactlyInAnyOrder(fatima, khadija);
        assertThat(ids(search(byName + "&centre=" + centre + "&status=ACTIVE"))).containsExactly(khadija);
        assertThat(ids(search(byName + "&status=completed"))).containsExactly(fatima);
        assertThat(ids(search(byName + "&programme=APPRENTICESHIP&status=ACTIVE"))).containsExactly(youssef);
        assertThat(ids(search(byName + "&status=MOVED_TO_APPRENTICESHIP"))).containsExactly(youssef);
    }

    @Test
    void aNameSearchFlagsLikelyDuplicates() {
        JsonNode page = search("q=" + url("Fatima " + family) + "&birthYear=1990");

        // Fatma (the same name spelt otherwise, one letter away, born a year later) is found and a likely duplicate
        assertThat(ids(page)).containsExactly(fatima, fatma);
        assertThat(page.at("/items/0/likelyDuplicate").asBoolean()).isTrue();
        assertThat(page.at("/items/1/likelyDuplicate").asBoolean()).isTrue();
        assertThat(page.get("total").asLong()).isEqualTo(2);

        JsonNode wordOrder = search("q=" + url(family + " fatima"));
        assertThat(wordOrder.at("/items/0/likelyDuplicate").asBoolean()).isTrue();

        JsonNode everyone = search("q=" + family);
        assertThat(flagged(everyone)).containsExactlyInAnyOrder(fatima, fatma);
    }

    @Test
    void showsTheCorrectedNamesAndPagesTheResults() {
        Facts facts = facts();
        String otherFamily = "Alaoui" + family.substring("Zerhouni".length());
        String ahmed = register(facts, "احمد", "العلوي", "Ahmad", otherFamily, 1980, null, Region.ORIENTAL);
        facts.beneficiary(ahmed, new RegistrationCorrected(ahmed, "the-registration",
                                                           Facts.person("أحمد", "العلوي", "Ahmed", otherFamily, 1980,
                                                                        null),
                                                           Sex.MALE, 1980, Region.ORIENTAL, "Oujda",
                                                           HouseholdSituation.OTHER, "orthographe"));
        awaitProjected();

        JsonNode corrected = search("q=ahmed+" + otherFamily);
        assertThat(corrected.get("total").asLong()).isEqualTo(1);
        assertThat(corrected.at("/items/0/givenNameLatin").asText()).isEqualTo("Ahmed");
        assertThat(corrected.at("/items/0/givenNameAr").asText()).isEqualTo("أحمد");
        // the name as first registered is gone as written; Ahmad is Ahmed spelt otherwise, and a likely duplicate
        JsonNode asFirstRegistered = search("q=ahmad+" + otherFamily);
        assertThat(asFirstRegistered.get("total").asLong()).isEqualTo(1);
        assertThat(flagged(asFirstRegistered)).containsExactly(ahmed);
        assertThat(readStore.getCollection(BeneficiaryDocuments.COLLECTION).find(Filters.eq("_id", ahmed)).first()
                            .getList(BeneficiaryDocuments.NAME_KEYS, String.class).stream()
                            .map(NameKeyEntries::keyOf))
                .contains("f:ahmed").doesNotContain("f:ahmad");
        // listed under her names as corrected, and no longer under the first ones
        assertThat(NameSearchTest.keysListing(readStore, ahmed).stream().filter(key -> !key.startsWith("u:")))
                .containsExactlyInAnyOrderElementsOf(
                        readStore.getCollection(BeneficiaryDocuments.COLLECTION).find(Filters.eq("_id", ahmed))
                                 .first().getList(BeneficiaryDocuments.NAME_KEYS, String.class));

        JsonNode first = search("q=" + family + "&size=2");
        JsonNode second = search("q=" + family + "&size=2&page=1");
        assertThat(first.get("total").asLong()).isEqualTo(4);
        assertThat(ids(first)).hasSize(2).doesNotContainAnyElementsOf(ids(second));
    }

    private String register(Facts facts, String givenAr, String familyAr, String givenLatin, String familyLatin,
                            int birthYear, String nationalId, Region region) {
        String id = Facts.newId("b");
        PersonalData personal = Facts.person(givenAr, familyAr, givenLatin, familyLatin, birthYear, nationalId);
        facts.beneficiary(id, Facts.registered(id, personal, region, "Fès", LocalDate.of(2010, 1, 4)));
        return id;
    }

    private JsonNode search(String query) {
        Response response = get("/api/beneficiaries?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("beneficiaryId").asText()));
        return ids;
    }

    private static List<String> flagged(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> {
            if (item.get("likelyDuplicate").asBoolean()) {
                ids.add(item.get("beneficiaryId").asText());
            }
        });
        return ids;
    }

    private static String url(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
