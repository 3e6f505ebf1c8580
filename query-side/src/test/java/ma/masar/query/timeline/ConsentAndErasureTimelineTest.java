package ma.masar.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.ConsentGiven;
import ma.masar.api.beneficiary.ConsentScope;
import ma.masar.api.beneficiary.ConsentWithdrawn;
import ma.masar.api.beneficiary.LegalGround;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consents, referrals and an erasure on the timeline, in French and Arabic; and what the timeline and the search
 * already hold about a person blanked when their erasure arrives (events here come from memory, not through the
 * encrypting serializer: this is the projections' own blanking, not crypto-shredding).
 */
class ConsentAndErasureTimelineTest extends QuerySideTest {

    private Facts facts;
    private String beneficiaryId;

    @BeforeEach
    void recordNadiasCase() {
        facts = facts();
        beneficiaryId = Facts.newId("b");
        facts.record("Beneficiary", beneficiaryId, Facts.registered(beneficiaryId,
                Facts.person("نادية", "البقالي", "Nadia", "Bakkali", 1985, "CB445566"), Region.ORIENTAL, "Oujda",
                LocalDate.of(2010, 2, 1)), Instant.parse("2010-02-01T10:00:00Z"), "worker-2");
        facts.record("Beneficiary", beneficiaryId, new ConsentGiven(beneficiaryId, ConsentScope.REFERRAL,
                "orientation vers un hébergement", LocalDate.of(2010, 2, 3)), Instant.parse("2010-02-03T10:00:00Z"),
                "worker-2");
        facts.record("Beneficiary", beneficiaryId, new ReferredToPartner(beneficiaryId, "r1", "pa-oujda",
                "hébergement d’urgence, violences conjugales", LocalDate.of(2010, 2, 4)),
                Instant.parse("2010-02-04T10:00:00Z"), "worker-2");
        facts.record("Beneficiary", beneficiaryId, new CaseNoteAdded(beneficiaryId, "n1",
                "Hébergée chez sa sœur à Oujda.", LocalDate.of(2010, 2, 5)), Instant.parse("2010-02-05T10:00:00Z"),
                "worker-2");
        facts.record("Beneficiary", beneficiaryId, new ConsentWithdrawn(beneficiaryId, ConsentScope.REFERRAL,
                LocalDate.of(2010, 3, 1)), Instant.parse("2010-03-01T10:00:00Z"), "worker-2");
        awaitProjected();
    }

    @Test
    void consentsAndReferralsAreWordedInFrenchAndArabic() {
        List<String> french = texts(get("/api/beneficiaries/" + beneficiaryId + "/timeline?lang=fr").json());
        assertThat(french.subList(1, 5)).containsExactly(
                "Consentement donné : orientation vers un partenaire. Finalité : orientation vers un hébergement.",
                "Orientation vers un partenaire (convention pa-oujda). Motif : hébergement d’urgence, violences conjugales.",
                "Note de suivi : Hébergée chez sa sœur à Oujda.",
                "Retrait du consentement : orientation vers un partenaire.");
        List<String> arabic = texts(get("/api/beneficiaries/" + beneficiaryId + "/timeline?lang=ar").json());
        assertThat(arabic.get(1)).isEqualTo("موافقة: التوجيه نحو شريك. الغاية: orientation vers un hébergement.");
        assertThat(arabic.get(4)).isEqualTo("سحب الموافقة: التوجيه نحو شريك.");
    }

    @Test
    void anErasureBlanksTheNotesReferralPurposesNamesAndIdNumberAlreadyProjected() {
        assertThat(get("/api/beneficiaries?q=Bakkali").json().toString()).contains(beneficiaryId);

        facts.record("Beneficiary", beneficiaryId, new PersonalDataErased(beneficiaryId, LegalGround.CONSENT_WITHDRAWN,
                "DEM-2010-031", LocalDate.of(2010, 3, 2)), Instant.parse("2010-03-02T10:00:00Z"), "admin-1");
        awaitProjected();

        JsonNode timeline = get("/api/beneficiaries/" + beneficiaryId + "/timeline?lang=fr").json();
        assertThat(timeline.get("entries")).hasSize(6);
        assertThat(timeline.toString()).doesNotContain("sœur", "violences", "Nadia", "Bakkali", "CB445566");
        List<String> texts = texts(timeline);
        assertThat(texts.get(2)).isEqualTo("Orientation vers un partenaire (convention pa-oujda). Motif : (effacé).");
        assertThat(texts.get(3)).isEqualTo("Note de suivi : (effacé)");
        assertThat(texts.get(5)).isEqualTo(
                "Effacement des données personnelles. Fondement : retrait du consentement ; demande DEM-2010-031.");
        assertThat(texts(get("/api/beneficiaries/" + beneficiaryId + "/timeline?lang=ar").json()).get(5))
                .isEqualTo("محو المعطيات الشخصية. الأساس: سحب الموافقة؛ الطلب DEM-2010-031.");

        assertThat(get("/api/beneficiaries?q=Bakkali").json().toString()).doesNotContain(beneficiaryId);
        assertThat(get("/api/beneficiaries?nationalId=CB445566").json().toString()).doesNotContain(beneficiaryId);
        JsonNode byRegion = get("/api/beneficiaries?region=ORIENTAL&birthYear=1985&size=100").json();
        JsonNode person = null;
        for (JsonNode item : byRegion.get("items")) {
            if (item.get("beneficiaryId").asText().equals(beneficiaryId)) {
                person = item;
            }
        }
        assertThat(person).as("still found by what is not personal").isNotNull();
        assertThat(person.toString()).doesNotContain("Nadia", "نادية", "CB445566");
        assertThat(person.get("erased").asBoolean()).isTrue();
    }

    private static List<String> texts(JsonNode timeline) {
        List<String> texts = new ArrayList<>();
        timeline.get("entries").forEach(entry -> texts.add(entry.get("text").asText()));
        return texts;
    }
}
