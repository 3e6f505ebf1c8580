package ma.masar.query.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.beneficiary.LegalGround;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.common.Region;
import ma.masar.api.followup.FollowUpCancelled;
import ma.masar.api.followup.FollowUpDone;
import ma.masar.api.followup.FollowUpKind;
import ma.masar.api.followup.FollowUpScheduled;
import ma.masar.api.followup.ReferralDeadlineSet;
import ma.masar.api.followup.ReferralOutcome;
import ma.masar.api.followup.ReferralOutcomeRecorded;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Follow-ups and referral tracking on the timeline, in French and Arabic; an erasure blanks the follow-up's text. */
class FollowUpTimelineTest extends QuerySideTest {

    @Test
    void followUpsAndAPartnersAnswerAreWordedInFrenchAndArabicAndTheTextGoesWithAnErasure() {
        Facts facts = facts();
        String id = Facts.newId("b");
        record(facts, id, Facts.registered(id, Facts.person("نادية", "البقالي", "Nadia", "Bakkali", 1985, null),
                Region.ORIENTAL, "Oujda", LocalDate.of(2010, 2, 1)), "2010-02-01");
        record(facts, id, new FollowUpScheduled(id, "f1", FollowUpKind.HOME_VISIT, "Vérifier le logement chez sa sœur",
                LocalDate.of(2010, 2, 20), "worker-2", LocalDate.of(2010, 2, 2)), "2010-02-02");
        record(facts, id, new FollowUpDone(id, "f1", FollowUpKind.HOME_VISIT, LocalDate.of(2010, 2, 18)), "2010-02-18");
        record(facts, id, new FollowUpScheduled(id, "f2", FollowUpKind.PHONE_CALL, "Rappeler", LocalDate.of(2010, 3, 1),
                "worker-2", LocalDate.of(2010, 2, 18)), "2010-02-18");
        record(facts, id, new FollowUpCancelled(id, "f2", FollowUpKind.PHONE_CALL, LocalDate.of(2010, 2, 25)), "2010-02-25");
        record(facts, id, new ReferredToPartner(id, "r1", "pa-oujda", "hébergement", LocalDate.of(2010, 2, 25)), "2010-02-25");
        record(facts, id, new ReferralDeadlineSet(id, "r1", "pa-oujda", LocalDate.of(2010, 3, 10)), "2010-02-25");
        record(facts, id, new ReferralOutcomeRecorded(id, "r1", "pa-oujda", ReferralOutcome.SERVICE_DELIVERED,
                LocalDate.of(2010, 3, 5)), "2010-03-05");
        awaitProjected();

        List<String> french = texts(get("/api/beneficiaries/" + id + "/timeline?lang=fr").json());
        assertThat(french.subList(1, 8)).containsExactly(
                "Suivi planifié : visite à domicile — Vérifier le logement chez sa sœur. Échéance le 20/02/2010, confié à worker-2.",
                "Suivi réalisé : visite à domicile.",
                "Suivi planifié : appel téléphonique — Rappeler. Échéance le 01/03/2010, confié à worker-2.",
                "Suivi annulé : appel téléphonique.",
                "Orientation vers un partenaire (convention pa-oujda). Motif : hébergement.",
                "Orientation (convention pa-oujda) : réponse du partenaire attendue au plus tard le 10/03/2010.",
                "Réponse du partenaire à l’orientation (convention pa-oujda) : prestation rendue.");
        List<String> arabic = texts(get("/api/beneficiaries/" + id + "/timeline?lang=ar").json());
        assertThat(arabic.get(2)).isEqualTo("إنجاز المتابعة: زيارة منزلية.");
        assertThat(arabic.get(7)).isEqualTo("رد الشريك على التوجيه (اتفاقية pa-oujda): قُدِّمت الخدمة.");

        record(facts, id, new PersonalDataErased(id, LegalGround.CONSENT_WITHDRAWN, "DEM-1", LocalDate.of(2010, 3, 6)),
                "2010-03-06");
        awaitProjected();
        JsonNode erased = get("/api/beneficiaries/" + id + "/timeline?lang=fr").json();
        assertThat(erased.toString()).doesNotContain("sœur", "Rappeler");
        assertThat(texts(erased).get(1)).startsWith("Suivi planifié : visite à domicile — (effacé).");
    }

    private static void record(Facts facts, String id, Object event, String day) {
        facts.record("Beneficiary", id, event, Instant.parse(day + "T10:00:00Z"), "worker-2");
    }

    private static List<String> texts(JsonNode timeline) {
        List<String> texts = new ArrayList<>();
        timeline.get("entries").forEach(entry -> texts.add(entry.get("text").asText()));
        return texts;
    }
}
