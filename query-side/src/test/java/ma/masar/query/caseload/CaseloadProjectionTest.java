package ma.masar.query.caseload;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.followup.FollowUpDone;
import ma.masar.api.followup.FollowUpKind;
import ma.masar.api.followup.FollowUpScheduled;
import ma.masar.api.followup.ReferralDeadlineSet;
import ma.masar.api.followup.ReferralOutcome;
import ma.masar.api.followup.ReferralOutcomeRecorded;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.partnership.PartnershipSigned;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import ma.masar.time.AgencyTime;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Feeds a centre's cases through the caseload projection and reads the caseload and the managers' counts back. */
class CaseloadProjectionTest extends QuerySideTest {

    private static final LocalDate TODAY = LocalDate.now(AgencyTime.ZONE);

    @Test
    void aCentresActiveCasesWithWhatIsOverdueQuietOrChanged() {
        Facts facts = facts();
        String centre = Facts.newId("CEF");
        String elsewhere = Facts.newId("CEF");
        String partnership = Facts.newId("pa");
        facts.centre(centre, new CentreOpened(centre, CentreType.EDUCATION_TRAINING_CENTRE, "مركز التربية والتكوين صفرو",
                "CEF Sefrou", Region.FES_MEKNES, "Sefrou", 40, new Operator(Operator.OperatorKind.AGENCY, null), null,
                LocalDate.of(2009, 9, 1)));
        facts.record("Partnership", partnership, new PartnershipSigned(partnership, "amal", "Association Amal",
                PartnerType.NATIONAL_NGO, "Hébergement", BigDecimal.ZERO, LocalDate.of(2010, 1, 1),
                LocalDate.of(2030, 1, 1), List.of(), LocalDate.of(2009, 12, 1)));

        String overdue = person(facts, "Amina", "Alaoui", centre, TODAY.minusDays(40));
        facts.beneficiary(overdue, new FollowUpScheduled(overdue, "f-1", FollowUpKind.HOME_VISIT, "visite",
                TODAY.minusDays(3), "worker-7", TODAY.minusDays(20)));
        facts.beneficiary(overdue, new FollowUpScheduled(overdue, "f-2", FollowUpKind.PHONE_CALL, "appel",
                TODAY.plusDays(5), "worker-7", TODAY.minusDays(20)));

        String waiting = person(facts, "Badia", "Bennani", centre, TODAY.minusDays(30));
        facts.beneficiary(waiting, new ReferredToPartner(waiting, "r-1", partnership, "hébergement", TODAY.minusDays(25)));
        facts.beneficiary(waiting, new ReferralDeadlineSet(waiting, "r-1", partnership, TODAY.minusDays(1)));
        facts.beneficiary(waiting, new ReferredToPartner(waiting, "r-2", partnership, "soins", TODAY.minusDays(25)));
        facts.beneficiary(waiting, new ReferralOutcomeRecorded(waiting, "r-2", partnership, ReferralOutcome.ACCEPTED,
                TODAY.minusDays(10)));

        String quiet = person(facts, "Chama", "Chraibi", centre, LocalDate.of(2010, 2, 1));
        String ended = person(facts, "Dounia", "Drissi", centre, TODAY.minusDays(60));
        facts.beneficiary(ended, new EnrolmentCompleted(ended, placement(ended, centre, TODAY.minusDays(60)),
                CompletionOutcome.CERTIFICATE, TODAY.minusDays(2)));
        person(facts, "Fatima", "Fassi", elsewhere, TODAY.minusDays(10));
        awaitProjected();

        JsonNode caseload = get("/api/beneficiaries/caseload?centre=" + centre).json();
        assertThat(names(caseload)).as("active cases, overdue first, then quiet, then by name")
                .containsExactly("Alaoui", "Bennani", "Chraibi");
        JsonNode first = caseload.get("cases").get(0);
        assertThat(first.get("overdueFollowUps").asInt()).isEqualTo(1);
        assertThat(first.get("openFollowUps").asInt()).isEqualTo(2);
        assertThat(first.get("nextDueOn").asText()).isEqualTo(TODAY.minusDays(3).toString());
        assertThat(caseload.get("cases").get(1).get("overdueReferrals").asInt()).isEqualTo(1);
        assertThat(caseload.get("cases").get(2).get("quiet").asBoolean()).isTrue();
        assertThat(caseload.get("quiet").asInt()).isEqualTo(1);
        assertThat(caseload.get("overdue").asInt()).isEqualTo(2);
        JsonNode load = caseload.get("centres").get(0);
        assertThat(load.get("centreId").asText()).isEqualTo(centre);
        assertThat(load.get("nameFr").asText()).isEqualTo("CEF Sefrou");
        assertThat(load.get("cases").asInt()).isEqualTo(3);
        assertThat(load.get("overdueFollowUps").asInt()).isEqualTo(1);

        assertThat(names(get("/api/beneficiaries/caseload?centre=" + centre + "&status=ANY&sort=name").json()))
                .containsExactly("Alaoui", "Bennani", "Chraibi", "Drissi");
        assertThat(names(get("/api/beneficiaries/caseload?centre=" + centre + "&status=COMPLETED").json()))
                .containsExactly("Drissi");
        assertThat(names(get("/api/beneficiaries/caseload?centre=" + centre + "&programme=PRESCHOOL").json())).isEmpty();
        JsonNode firstOnly = get("/api/beneficiaries/caseload?centre=" + centre + "&limit=1").json();
        assertThat(names(firstOnly)).containsExactly("Alaoui");
        assertThat(firstOnly.get("total").asInt()).isEqualTo(3);

        // done: no longer overdue; and it is what changed since the visit before
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).minusMillis(1);
        facts.beneficiary(overdue, new FollowUpDone(overdue, "f-1", FollowUpKind.HOME_VISIT, TODAY));
        facts.beneficiary(quiet, new CaseNoteAdded(quiet, "n-1", "nouvelles", TODAY));
        awaitProjected();
        JsonNode after = get("/api/beneficiaries/caseload?centre=" + centre + "&sort=name&since=" + before).json();
        assertThat(after.get("changed").asInt()).isEqualTo(2);
        assertThat(after.get("quiet").asInt()).isZero();
        assertThat(after.get("cases").get(0).get("overdueFollowUps").asInt()).isZero();
        assertThat(after.get("cases").get(0).get("changed").asBoolean()).isTrue();
        assertThat(after.get("cases").get(1).get("changed").asBoolean()).isFalse();

        // the managers' counts: no names, per centre and partner kind
        JsonNode counts = get("/api/stats/follow-ups?year=" + TODAY.minusDays(25).getYear()).json();
        JsonNode row = null;
        for (JsonNode r : counts.get("centres")) {
            if (centre.equals(r.get("centreId").asText())) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("openFollowUps").asLong()).isEqualTo(1);
        assertThat(row.get("overdueFollowUps").asLong()).isZero();
        JsonNode ngo = row.get("referralsByPartnerKind").get("NATIONAL_NGO");
        assertThat(ngo.get("referred").asLong()).isEqualTo(2);
        assertThat(ngo.get("accepted").asLong()).isEqualTo(1);
        assertThat(ngo.get("overdue").asLong()).isEqualTo(1);
        assertThat(counts.toString()).doesNotContain("Bennani", overdue, waiting);
    }

    @Test
    void aWorkerWithoutCentresHasNoCaseload() {
        assertThat(get("/api/beneficiaries/caseload").status()).as("clerk, of every centre, names one").isEqualTo(403);
        assertThat(get("/api/beneficiaries/caseload?centre=X&sort=height").status()).isEqualTo(400);
    }

    private static String person(Facts facts, String given, String family, String centre, LocalDate enrolledOn) {
        String id = Facts.newId("b");
        facts.beneficiary(id, Facts.registered(id, Facts.person("الاسم", "العائلة", given, family, 1990, null),
                Region.FES_MEKNES, "Sefrou", enrolledOn));
        facts.beneficiary(id, new EnrolledInProgramme(id, placement(id, centre, enrolledOn), null));
        return id;
    }

    private static Placement placement(String beneficiaryId, String centre, LocalDate enrolledOn) {
        return Facts.placement("e-" + beneficiaryId, centre, ProgrammeType.EDUCATION_TRAINING, Region.FES_MEKNES,
                "Sefrou", enrolledOn);
    }

    private static List<String> names(JsonNode caseload) {
        List<String> names = new ArrayList<>();
        caseload.get("cases").forEach(c -> names.add(c.get("familyNameLatin").asText()));
        return names;
    }
}
