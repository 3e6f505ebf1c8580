package ma.masar.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaseTimelineTest extends QuerySideTest {

    private Facts facts;
    private String beneficiaryId;
    private String centreId;
    private String registrationId;
    private String correctionId;

    /**
     * Fatima is registered on 1 March 2010 (recorded that day), enrolled in education and training on 8 March, a note
     * is written; then, recorded today, her completion on 30 June 2010 (backdated) and a correction of her region.
     */
    @BeforeEach
    void recordFatimasCase() {
        facts = facts();
        beneficiaryId = Facts.newId("b");
        centreId = Facts.newId("cef");
        facts.centre(centreId, new CentreOpened(centreId, CentreType.EDUCATION_TRAINING_CENTRE,
                                                "مركز التربية والتكوين الحي المحمدي",
                                                "Centre d’éducation et de formation Hay Mohammadi",
                                                Region.CASABLANCA_SETTAT, "Casablanca", 40, Operator.agency(), null,
                                                LocalDate.of(2005, 9, 1)));
        Instant march1 = Instant.parse("2010-03-01T10:00:00Z");
        registrationId = facts.record("Beneficiary", beneficiaryId, Facts.registered(
                beneficiaryId, Facts.person("فاطمة", "العمراني", "Fatima", "El Amrani", 1992, "BE123456"),
                Region.RABAT_SALE_KENITRA, "Salé", LocalDate.of(2010, 3, 1)), march1, "worker-7");
        Placement placement = Facts.placement("e1", centreId, ProgrammeType.EDUCATION_TRAINING,
                                              Region.CASABLANCA_SETTAT, "Casablanca", LocalDate.of(2010, 3, 8));
        facts.record("Beneficiary", beneficiaryId, new EnrolledInProgramme(beneficiaryId, placement, null),
                     Instant.parse("2010-03-08T09:00:00Z"), "worker-7");
        facts.record("Beneficiary", beneficiaryId,
                     new CaseNoteAdded(beneficiaryId, "n1", "Motivée, assiste à tous les cours.",
                                       LocalDate.of(2010, 4, 2)),
                     Instant.parse("2010-04-02T15:00:00Z"), "worker-9");
        facts.record("Beneficiary", beneficiaryId,
                     new EnrolmentCompleted(beneficiaryId, placement, CompletionOutcome.CERTIFICATE,
                                            LocalDate.of(2010, 6, 30)),
                     Instant.now(), "worker-7");
        correctionId = facts.record("Beneficiary", beneficiaryId, new RegistrationCorrected(
                beneficiaryId, registrationId,
                Facts.person("فاطمة", "العمراني", "Fatima", "El Amrani", 1992, "BE123456"), Sex.FEMALE, 1992,
                Region.CASABLANCA_SETTAT, "Casablanca", HouseholdSituation.POOR_HOUSEHOLD, "adresse mal saisie"),
                Instant.now(), "worker-3");
        awaitProjected();
    }

    @Test
    void showsEveryFactInTheOrderItHappenedWithTheCorrectionNextToWhatItCorrects() {
        JsonNode timeline = get("/api/beneficiaries/" + beneficiaryId + "/timeline?lang=fr").json();

        assertThat(types(timeline)).containsExactly("BeneficiaryRegistered", "RegistrationCorrected",
                                                    "EnrolledInProgramme", "CaseNoteAdded", "EnrolmentCompleted");
        JsonNode registration = timeline.at("/entries/0");
        JsonNode correction = timeline.at("/entries/1");
        assertThat(registration.get("eventId").asText()).isEqualTo(registrationId);
        assertThat(registration.get("correctedBy").get(0).asText()).isEqualTo(correctionId);
        assertThat(correction.get("corrects").asText()).isEqualTo(registrationId);
        assertThat(registration.get("recordedBy").asText()).isEqualTo("worker-7");
        assertThat(registration.get("occurredOn").asText()).isEqualTo("2010-03-01");
        assertThat(timeline.at("/entries/2/centreId").asText()).isEqualTo(centreId);
    }

    @Test
    void wordsTheTimelineInFrench() {
        JsonNode timeline = get("/api/beneficiaries/" + beneficiaryId + "/timeline?lang=fr").json();

        assertThat(timeline.get("language").asText()).isEqualTo("fr");
        List<String> texts = texts(timeline);
        assertThat(texts.get(0)).isEqualTo(
                "Enregistrement du dossier : femme, née en 1992, région Rabat-Salé-Kénitra, province Salé. "
                        + "Situation du ménage : ménage pauvre.");
        assertThat(texts.get(1)).isEqualTo(
                "Correction de l’enregistrement du 01/03/2010 : région : Rabat-Salé-Kénitra → Casablanca-Settat ; "
                        + "province : Salé → Casablanca. Motif : adresse mal saisie.");
        assertThat(texts.get(2)).isEqualTo(
                "Inscription au programme « Éducation et formation » "
                        + "(Centre d’éducation et de formation Hay Mohammadi).");
        assertThat(texts.get(3)).isEqualTo("Note de suivi : Motivée, assiste à tous les cours.");
        assertThat(texts.get(4)).matches(
                "Achèvement du programme « Éducation et formation » \\(Centre d’éducation et de formation Hay "
                        + "Mohammadi\\)\\. Résultat : certificat obtenu\\. \\(saisi le \\d\\d/\\d\\d/\\d{4}\\)");
    }

    @Test
    void wordsTheTimelineInArabicFromAcceptLanguage() {
        JsonNode timeline = get("/api/beneficiaries/" + beneficiaryId + "/timeline", "ar-MA,fr;q=0.8").json();

        assertThat(timeline.get("language").asText()).isEqualTo("ar");
        List<String> texts = texts(timeline);
        assertThat(texts.get(0)).isEqualTo(
                "تسجيل الملف: أنثى، مولودة سنة 1992، جهة الرباط سلا القنيطرة، إقليم Salé. الوضعية الأسرية: أسرة فقيرة.");
        assertThat(texts.get(1)).startsWith(
                "تصحيح التسجيل بتاريخ 2010/03/01: الجهة: من الرباط سلا القنيطرة إلى الدار البيضاء سطات");
        assertThat(texts.get(2)).isEqualTo("التحاق ببرنامج «التربية والتكوين» (مركز التربية والتكوين الحي المحمدي).");
        assertThat(texts.get(4)).startsWith(
                "إتمام برنامج «التربية والتكوين» (مركز التربية والتكوين الحي المحمدي). النتيجة: الحصول على شهادة. (سُجّلت بتاريخ ");
    }

    @Test
    void marksFactsRecordedMoreThanADayAfterTheyHappened() {
        JsonNode entries = get("/api/beneficiaries/" + beneficiaryId + "/timeline?lang=fr").json().get("entries");

        List<Boolean> backdated = new ArrayList<>();
        entries.forEach(entry -> backdated.add(entry.get("backdated").asBoolean()));
        // registration, enrolment and note were recorded the day they happened; the completion years later
        assertThat(backdated).containsExactly(false, false, false, false, true);
    }

    @Test
    void anUnknownBeneficiaryHasNoTimeline() {
        Response response = get("/api/beneficiaries/nobody/timeline");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private static List<String> types(JsonNode timeline) {
        List<String> types = new ArrayList<>();
        timeline.get("entries").forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    private static List<String> texts(JsonNode timeline) {
        List<String> texts = new ArrayList<>();
        timeline.get("entries").forEach(entry -> texts.add(entry.get("text").asText()));
        return texts;
    }
}
