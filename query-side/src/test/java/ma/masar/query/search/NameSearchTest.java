package ma.masar.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.LegalGround;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Finding a person however her name is spelt (issue 17, item 3), through the name keys. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NameSearchTest extends QuerySideTest {

    /** A family name of this class only, in both scripts, so that other tests' people do not show up. */
    private final String tag = String.valueOf(Math.abs(System.nanoTime() % 100000));
    @Autowired
    private NameKeyEntriesUpgrade upgrade;
    private String fatimaAitBaha;
    private String fatmaArabicOnly;
    private String hassan;
    private String lahcen;

    @BeforeAll
    void registerPeople() {
        Facts facts = facts();
        // the person of the bug: Latin "Fatima Ait Baha", Arabic "عبد الله أيت بها"
        fatimaAitBaha = register(facts, "عبد الله", "أيت بها", "Fatima", "Ait Baha", 1990, Sex.FEMALE);
        fatmaArabicOnly = register(facts, "فاطمة", "الزرهوني" + tag, null, null, 1991, Sex.FEMALE);
        hassan = register(facts, "الحسن", "بناني" + tag, "El Hassan", "Bennani" + tag, 1985, Sex.MALE);
        lahcen = register(facts, "لحسن", "بناني" + tag, "Lahcen", "Bennani" + tag, 1985, Sex.MALE);
        awaitProjected();
    }

    @Test
    void findsFatimaAitBahaHoweverHerNamesAreSpelt() {
        for (String spelling : List.of("Fatma", "Aitbaha", "Abdallah", "عبدالله", "Aït-Baha", "Fatimah", "AIT BAHA",
                                       "ايت بها", "Abdullah Ait-Baha", "Fatema Aitbaha", "عبدالله آيت بها")) {
            assertThat(ids(search("q=" + url(spelling) + "&birthYear=1990&size=100"))).as(spelling)
                    .contains(fatimaAitBaha);
        }
        // Fatiha is another name: not found; one letter from Fatima, she is at most shown as a likely duplicate
        JsonNode fatiha = search("q=" + url("Fatiha Aitbaha") + "&size=100");
        fatiha.get("items").forEach(item -> {
            if (item.get("beneficiaryId").asText().equals(fatimaAitBaha)) {
                assertThat(item.get("likelyDuplicate").asBoolean()).isTrue();
            }
        });
        assertThat(ids(search("q=Fatiha&size=100"))).doesNotContain(fatimaAitBaha);
    }

    @Test
    void findsAnArabicRecordByItsLatinNameAndTheReverse() {
        assertThat(found(search("q=" + url("Fatma Zerhouni" + tag)))).containsExactly(fatmaArabicOnly);
        assertThat(found(search("q=" + url("Fatima Zerhouni" + tag)))).containsExactly(fatmaArabicOnly);
        // El Hassan and Lahcen are two names (one letter apart in Arabic, so each is the other's likely duplicate)
        assertThat(found(search("q=" + url("حسن بناني" + tag)))).containsExactly(hassan);
        assertThat(found(search("q=" + url("Elhassan بناني" + tag)))).containsExactly(hassan);
        assertThat(found(search("q=" + url("لحسن Benani" + tag)))).containsExactly(lahcen);
        assertThat(found(search("q=" + url("Lahcen Bennani" + tag)))).containsExactly(lahcen);
    }

    @Test
    void aNameAloneListsThePeopleFoundByFamilyThenGivenNamePageByPage() {
        String family = "Sbai" + tag;
        String zineb = register(facts(), null, null, "Zineb", family, 1980, Sex.FEMALE);
        String amina = register(facts(), null, null, "Amina", family, 1981, Sex.FEMALE);
        String malika = register(facts(), null, null, "Malika", family, 1982, Sex.FEMALE);
        awaitProjected();

        // Zineb registered first: the order is the names', not the registrations'
        assertThat(ids(search("q=" + family + "&size=2"))).containsExactly(amina, malika);
        JsonNode second = search("q=" + family + "&size=2&page=1");
        assertThat(ids(second)).containsExactly(zineb);
        assertThat(second.get("total").asLong()).isEqualTo(3);

        // corrected to Yasmina, Amina takes her new name's place, after Malika
        facts().beneficiary(amina, new RegistrationCorrected(
                amina, "the-registration", Facts.person(null, null, "Yasmina", family, 1981, null), Sex.FEMALE, 1981,
                Region.SOUSS_MASSA, "Agadir", HouseholdSituation.POOR_HOUSEHOLD, "orthographe"));
        awaitProjected();
        assertThat(ids(search("q=" + family))).containsExactly(malika, amina, zineb);
        assertThat(keysListing(readStore, amina)).doesNotHaveDuplicates();
    }

    @Test
    void ranksTheWordAsWrittenFirstThenTheBirthYearAndSex() {
        String family = "Tazi" + tag;
        String fatima = register(facts(), "فاطمة", "التازي" + tag, "Fatima", family, 1970, Sex.FEMALE);
        String fatma = register(facts(), "فاطمه", "التازي" + tag, "Fatma", family, 1990, Sex.FEMALE);
        String fatmaMale = register(facts(), null, null, "Fatma", family, 1990, Sex.MALE);
        String fatmaArabicOnly = register(facts(), "فاطمة", "التازي" + tag, null, null, 1991, Sex.FEMALE);
        awaitProjected();

        JsonNode page = search("q=" + url("Fatma " + family) + "&birthYear=1991&sex=MALE");
        // the very word first (Fatma), the nearer birth year (1990), then the sex; Fatima (same name spelt otherwise)
        // and the Arabic-only record (its Arabic fold is not the word typed) after them
        assertThat(ids(page)).startsWith(fatmaMale, fatma).contains(fatima, fatmaArabicOnly);
        assertThat(page.get("total").asLong()).isEqualTo(4);
        assertThat(ids(search("q=" + url("Fatima " + family)))).startsWith(fatima);
    }

    @Test
    void findsTheWordAsWrittenWhateverItsSkeletonAndTheWordsItBegins() {
        String family = "الوزاني" + tag;
        // a final ى is read "a" and a final ي "y": one fold (مصطفي), two skeletons (mstfa, mstfy)
        String mustapha = register(facts(), "مصطفى", family, null, null, 1975, Sex.MALE);
        String fatimaZahra = register(facts(), "فاطمةالزهراء", family, null, null, 1988, Sex.FEMALE);
        awaitProjected();

        assertThat(found(search("q=" + url("مصطفي " + family)))).containsExactly(mustapha);
        assertThat(found(search("q=" + url("مصطفى " + family)))).containsExactly(mustapha);
        // "فاطمة" begins the word "فاطمةالزهراء": found, as a word begun
        assertThat(found(search("q=" + url("فاطمة " + family)))).containsExactly(fatimaZahra);
    }

    @Test
    void anErasedPersonIsNoLongerFoundByNameAndHerIdLeavesHerNameKeys() {
        String family = "Ouazzani" + tag;
        Facts facts = facts();
        String erased = register(facts, "سعاد", "الوزاني" + tag, "Souad", family, 1980, Sex.FEMALE);
        awaitProjected();
        assertThat(ids(search("q=" + url("Souad " + family)))).containsExactly(erased);

        facts.record("Beneficiary", erased, new PersonalDataErased(erased, LegalGround.CONSENT_WITHDRAWN,
                "DEM-2010-017", LocalDate.of(2010, 4, 2)), Instant.parse("2010-04-02T10:00:00Z"), "admin-1");
        awaitProjected();

        assertThat(ids(search("q=" + url("Souad " + family)))).isEmpty();
        // her name keys' entries go; what stays is who registered her (u:), as her document keeps it
        assertThat(keysListing(readStore, erased)).allMatch(key -> key.startsWith("u:"));
        assertThat(readStore.getCollection(BeneficiaryDocuments.KEYS_COLLECTION)
                            .find(Filters.regex("_id", "^f:ouazzani" + tag)).into(new ArrayList<Document>()))
                .as("a key no one has any more has no entry").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {BeneficiaryDocuments.BUCKETS_COLLECTION, BeneficiaryDocuments.UNSORTED_ENTRIES_COLLECTION,
                            BeneficiaryDocuments.UNPAIRED_ENTRIES_COLLECTION})
    void aReadStoreWithTheNameKeysKeptAsBeforeIsSearchedAgainAfterTheUpgradeRebuildsIt(String keptAsBefore) {
        // as a store written before these entries: the older keys' collection is there, this code's entries are not
        Document before = switch (keptAsBefore) {
            case BeneficiaryDocuments.BUCKETS_COLLECTION ->
                    new Document("_id", "f:fatima#007").append("ids", new Document(fatimaAitBaha, true));
            case BeneficiaryDocuments.UNSORTED_ENTRIES_COLLECTION ->
                    new Document("_id", "f:fatima#0000000000007#" + fatimaAitBaha).append("s", "aitbaha fatima");
            default -> new Document("_id", "f:fatima#0000000000007#aitbaha fatima#" + fatimaAitBaha);
        };
        readStore.getCollection(keptAsBefore).insertOne(before);
        readStore.getCollection(BeneficiaryDocuments.KEYS_COLLECTION).drop();
        assertThat(ids(search("q=" + url("Fatima Aitbaha") + "&size=100"))).doesNotContain(fatimaAitBaha);

        upgrade.upgrade();
        awaitProjected();

        assertThat(ids(search("q=" + url("Fatima Aitbaha") + "&size=100"))).contains(fatimaAitBaha);
        assertThat(readStore.listCollectionNames().into(new ArrayList<>())).doesNotContain(keptAsBefore);
    }

    /** The keys a person is listed under, read from the entries' ids (a scan: for tests only). */
    static List<String> keysListing(com.mongodb.client.MongoDatabase readStore, String beneficiaryId) {
        List<String> keys = new ArrayList<>();
        readStore.getCollection(BeneficiaryDocuments.KEYS_COLLECTION)
                 .find(Filters.regex("_id", "#" + java.util.regex.Pattern.quote(beneficiaryId) + "$"))
                 .forEach(entry -> {
                     String id = entry.getString("_id");
                     keys.add(id.replaceFirst("#\\d{13}#.*$", ""));
                 });
        return keys;
    }

    private String register(Facts facts, String givenAr, String familyAr, String givenLatin, String familyLatin,
                            int birthYear, Sex sex) {
        String id = Facts.newId("b");
        PersonalData personal = Facts.person(givenAr, familyAr, givenLatin, familyLatin, birthYear, null);
        facts.beneficiary(id, new BeneficiaryRegistered(id, personal, sex, birthYear, Region.SOUSS_MASSA, "Agadir",
                                                        HouseholdSituation.POOR_HOUSEHOLD, LocalDate.of(2010, 1, 4)));
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

    /** The people found, without the likely duplicates a name search adds after them. */
    private static List<String> found(JsonNode page) {
        List<String> ids = ids(page);
        return ids.subList(0, Math.min(ids.size(), page.get("total").asInt()));
    }

    private static String url(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
