package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.AddCaseNote;
import ma.masar.api.beneficiary.ConsentGiven;
import ma.masar.api.beneficiary.ConsentScope;
import ma.masar.api.beneficiary.ConsentWithdrawn;
import ma.masar.api.beneficiary.CorrectRegistration;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.ErasePersonalData;
import ma.masar.api.beneficiary.GiveConsent;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.LegalGround;
import ma.masar.api.beneficiary.NationalIdClaimed;
import ma.masar.api.beneficiary.NationalIdReleased;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.ReferToPartner;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.WithdrawConsent;
import ma.masar.api.beneficiary.WithdrawFromEnrolment;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.common.Rule;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.partnership.SignPartnership;
import ma.masar.command.CaseFixture;
import ma.masar.personal.EmbeddedPersonalDataKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static ma.masar.command.Samples.centre;
import static ma.masar.command.Samples.person;
import static org.assertj.core.api.Assertions.assertThat;

/** Consent, referral and erasure rules, each both ways: refused with the rule named and nothing stored, or accepted. */
class ConsentAndErasureRulesTest {

    private static final LocalDate BORN = LocalDate.of(1990, 5, 5);
    private static final LocalDate MARCH = LocalDate.of(2010, 3, 1);
    private static final LocalDate APRIL = LocalDate.of(2010, 4, 1);
    private static final LocalDate MAY = LocalDate.of(2010, 5, 1);

    private EmbeddedPersonalDataKeys keys;
    private CaseFixture fixture;

    @BeforeEach
    void setUp() {
        keys = new EmbeddedPersonalDataKeys("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        fixture = CaseHandlers.fixture(keys);
        fixture.given(person("p1", Sex.FEMALE, BORN),
                new SignPartnership("pa-1", "assoc-amal", "Association Amal", PartnerType.NATIONAL_NGO, "Hébergement",
                        BigDecimal.ZERO, LocalDate.of(2010, 1, 1), LocalDate.of(2012, 12, 31), List.of(),
                        LocalDate.of(2009, 12, 20)));
    }

    @AfterEach
    void tearDown() {
        fixture.stop();
        keys.close();
    }

    private static GiveConsent consent(ConsentScope scope, LocalDate on) {
        return new GiveConsent("p1", scope, "orientation vers un hébergement", on);
    }

    private static ReferToPartner referral(String id, LocalDate on) {
        return new ReferToPartner("p1", id, "pa-1", "hébergement d'urgence", on);
    }

    private static ErasePersonalData erasure(LocalDate on) {
        return new ErasePersonalData("p1", LegalGround.CONSENT_WITHDRAWN, "DEM-2010-017", on);
    }

    // ---- consent

    @Test
    void consentIsRecordedWithItsScopePurposeAndDate() {
        assertThat(fixture.when(consent(ConsentScope.REFERRAL, MARCH)))
                .containsExactly(new ConsentGiven("p1", ConsentScope.REFERRAL, "orientation vers un hébergement", MARCH));
    }

    @Test
    void refusesASecondConsentOfAScopeAlreadyInForce() {
        fixture.given(consent(ConsentScope.PHOTOGRAPHS, MARCH));
        fixture.whenRefused(consent(ConsentScope.PHOTOGRAPHS, APRIL), Rule.ConsentAlreadyGiven);
    }

    @Test
    void consentCanBeGivenAgainAfterItWasWithdrawn() {
        fixture.given(consent(ConsentScope.PHOTOGRAPHS, MARCH),
                new WithdrawConsent("p1", ConsentScope.PHOTOGRAPHS, APRIL));
        assertThat(fixture.when(consent(ConsentScope.PHOTOGRAPHS, MAY))).hasSize(1);
    }

    @Test
    void withdrawalEndsTheConsentOfThatScopeOnly() {
        fixture.given(consent(ConsentScope.PHOTOGRAPHS, MARCH), consent(ConsentScope.REFERRAL, MARCH));
        assertThat(fixture.when(new WithdrawConsent("p1", ConsentScope.PHOTOGRAPHS, APRIL)))
                .containsExactly(new ConsentWithdrawn("p1", ConsentScope.PHOTOGRAPHS, APRIL));
        assertThat(fixture.when(referral("r-1", MAY))).hasSize(1);
    }

    @Test
    void refusesWithdrawingAConsentThatWasNeverGiven() {
        fixture.whenRefused(new WithdrawConsent("p1", ConsentScope.DATA_SHARING, APRIL), Rule.ConsentNotGiven);
    }

    @Test
    void refusesWithdrawingAConsentTwice() {
        fixture.given(consent(ConsentScope.DATA_SHARING, MARCH), new WithdrawConsent("p1", ConsentScope.DATA_SHARING, APRIL));
        fixture.whenRefused(new WithdrawConsent("p1", ConsentScope.DATA_SHARING, MAY), Rule.ConsentNotGiven);
    }

    @Test
    void refusesAConsentDatedInTheFuture() {
        fixture.whenRefused(consent(ConsentScope.REFERRAL, CaseFixture.TODAY.plusDays(1)), Rule.DateInFuture);
    }

    // ---- referral

    @Test
    void referralWithConsentInForceIsRecorded() {
        fixture.given(consent(ConsentScope.REFERRAL, MARCH));
        assertThat(fixture.when(referral("r-1", APRIL)))
                .containsExactly(new ReferredToPartner("p1", "r-1", "pa-1", "hébergement d'urgence", APRIL));
    }

    @Test
    void refusesReferralWithoutConsent() {
        fixture.whenRefused(referral("r-1", APRIL), Rule.ConsentRequired);
    }

    @Test
    void refusesReferralWithConsentOfAnotherScopeOnly() {
        fixture.given(consent(ConsentScope.DATA_SHARING, MARCH));
        fixture.whenRefused(referral("r-1", APRIL), Rule.ConsentRequired);
    }

    @Test
    void refusesReferralDatedBeforeTheConsent() {
        fixture.given(consent(ConsentScope.REFERRAL, APRIL));
        fixture.whenRefused(referral("r-1", MARCH), Rule.ConsentRequired);
    }

    @Test
    void refusesReferralOnOrAfterTheDayConsentWasWithdrawn() {
        fixture.given(consent(ConsentScope.REFERRAL, MARCH), new WithdrawConsent("p1", ConsentScope.REFERRAL, APRIL));
        fixture.whenRefused(referral("r-1", APRIL), Rule.ConsentRequired);
        // while it was in force, a referral is accepted even if recorded after the withdrawal
        assertThat(fixture.when(referral("r-2", APRIL.minusDays(1)))).hasSize(1);
    }

    @Test
    void refusesReferralToAnUnknownPartnership() {
        fixture.given(consent(ConsentScope.REFERRAL, MARCH));
        fixture.whenRefused(new ReferToPartner("p1", "r-1", "pa-unknown", "hébergement", APRIL), Rule.PartnershipNotFound);
    }

    @Test
    void aRetriedReferralIsRecordedOnce() {
        fixture.given(consent(ConsentScope.REFERRAL, MARCH), referral("r-1", APRIL));
        assertThat(fixture.when(referral("r-1", APRIL))).isEmpty();
    }

    // ---- erasure

    @Test
    void erasureIsRecordedWithItsLegalGroundAndDestroysTheKey() {
        assertThat(keys.keyToEncrypt("p1")).isPresent();
        assertThat(fixture.when(erasure(APRIL)))
                .containsExactly(new PersonalDataErased("p1", LegalGround.CONSENT_WITHDRAWN, "DEM-2010-017", APRIL));
        assertThat(keys.keyToDecrypt("p1").destroyed()).isTrue();
        assertThat(keys.keyToEncrypt("p1")).as("no new key for an erased person").isEmpty();
    }

    @Test
    void erasureReleasesTheNationalIdSoThatTheNumberCanStartANewCase() {
        fixture.given(person("p2", Sex.FEMALE, BORN, "AB123456"));
        fixture.whenRefused(person("p3", Sex.FEMALE, BORN, "AB123456"), Rule.NationalIdAlreadyRegistered);

        List<Object> erased = fixture.when(new ErasePersonalData("p2", LegalGround.NO_LONGER_NECESSARY, "DEM-1", APRIL));
        assertThat(erased).hasSize(2).element(1).isInstanceOf(NationalIdReleased.class)
                .extracting(e -> ((NationalIdReleased) e).beneficiaryId()).isEqualTo("p2");

        List<Object> registered = fixture.when(person("p3", Sex.FEMALE, BORN, "AB123456"));
        assertThat(registered).first().isEqualTo(new NationalIdClaimed(((NationalIdReleased) erased.get(1)).claimId(), "p3"));
        fixture.whenRefused(person("p4", Sex.FEMALE, BORN, "AB123456"), Rule.NationalIdAlreadyRegistered);
    }

    @Test
    void refusedErasureLeavesTheKey() {
        assertThat(keys.keyToEncrypt("p1")).isPresent();
        fixture.whenRefused(erasure(CaseFixture.TODAY.plusDays(1)), Rule.DateInFuture);
        assertThat(keys.keyToDecrypt("p1").present()).isTrue();
    }

    @Test
    void refusesASecondErasure() {
        fixture.given(erasure(APRIL));
        fixture.whenRefused(erasure(MAY), Rule.BeneficiaryErased);
    }

    @Test
    void refusesACorrectionOfAnErasedPerson() {
        String registrationId = fixture.eventsOf("p1").get(0).getIdentifier();
        fixture.given(erasure(APRIL));
        fixture.whenRefused(new CorrectRegistration("p1", registrationId,
                new PersonalData("فاطمة", "العلوي", "Fatima", "El Alaoui", BORN, null, null, null), Sex.FEMALE,
                Region.FES_MEKNES, "Fès", HouseholdSituation.POOR_HOUSEHOLD, "typo"), Rule.BeneficiaryErased);
    }

    @Test
    void refusesANoteAboutAnErasedPerson() {
        fixture.given(erasure(APRIL));
        fixture.whenRefused(new AddCaseNote("p1", "n-1", "visite", MAY), Rule.BeneficiaryErased);
    }

    @Test
    void refusesAReferralOfAnErasedPersonEvenWithConsent() {
        fixture.given(consent(ConsentScope.REFERRAL, MARCH), erasure(APRIL));
        fixture.whenRefused(referral("r-1", MAY), Rule.BeneficiaryErased);
    }

    @Test
    void anErasedPersonsEnrolmentCanStillEnd() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 5),
                new EnrolInProgramme("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING, MARCH, null),
                erasure(APRIL));
        assertThat(fixture.when(new WithdrawFromEnrolment("p1", "e1", WithdrawalReason.MOVED_AWAY, MAY))).hasSize(2);
    }

    @Test
    void refusesAnEnrolmentThatNeedsTheAgeOfAnErasedPerson() {
        fixture.given(centre("kg-1", CentreType.KINDERGARTEN, 5), erasure(APRIL));
        fixture.whenRefused(new EnrolInProgramme("p1", "e1", "kg-1", ProgrammeType.PRESCHOOL, MAY, null),
                Rule.BeneficiaryErased);
    }
}
