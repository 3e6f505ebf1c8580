package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.CorrectRegistration;
import ma.masar.api.beneficiary.NationalIdClaimed;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.CaseFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static ma.masar.command.Samples.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationRulesTest {

    private CaseFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseHandlers.fixture();
    }

    @AfterEach
    void tearDown() {
        fixture.stop();
    }

    @Test
    void registrationWithANationalIdClaimsItWithoutStoringTheNumber() {
        List<Object> events = fixture.when(person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5), "AB123456"));
        assertThat(events).hasSize(2);
        NationalIdClaimed claim = (NationalIdClaimed) events.stream()
                .filter(NationalIdClaimed.class::isInstance).findFirst().orElseThrow();
        assertThat(claim.beneficiaryId()).isEqualTo("p1");
        assertThat(claim.claimId()).doesNotContain("AB123456").startsWith("nid-");
        BeneficiaryRegistered registered = (BeneficiaryRegistered) events.stream()
                .filter(BeneficiaryRegistered.class::isInstance).findFirst().orElseThrow();
        assertThat(registered.birthYear()).isEqualTo(1990);
    }

    @Test
    void refusesASecondPersonWithTheSameNationalIdNamingTheExistingCase() {
        fixture.given(person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5), "AB123456"));
        fixture.whenRefused(person("p2", Sex.FEMALE, LocalDate.of(1990, 5, 5), "ab 123456"),
                Rule.NationalIdAlreadyRegistered);
        assertThatThrownBy(() -> fixture.send(person("p3", Sex.FEMALE, LocalDate.of(1990, 5, 5), "AB123456")))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.broken().arguments()).containsEntry("existingBeneficiaryId", "p1"));
        assertThat(fixture.when(person("p4", Sex.FEMALE, LocalDate.of(1990, 5, 5), "AB654321"))).hasSize(2);
    }

    @Test
    void registeringTheSameCaseTwiceIsRefused() {
        fixture.given(person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)));
        fixture.whenRefused(person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)), Rule.BeneficiaryAlreadyRegistered);
    }

    @Test
    void refusesABirthDateInTheFuture() {
        fixture.whenRefused(person("p1", Sex.FEMALE, CaseFixture.TODAY.plusDays(1)), Rule.DateInFuture);
        fixture.whenRefused(person("p1", Sex.FEMALE, LocalDate.of(1850, 1, 1)), Rule.DateOutOfRange);
    }

    @Test
    void aCorrectionNamesTheFactItCorrectsAndMustBelongToTheCase() {
        fixture.given(person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)));
        String registrationId = fixture.eventsOf("p1").get(0).getIdentifier();
        var original = person("p1", Sex.FEMALE, LocalDate.of(1991, 5, 5));
        fixture.whenRefused(new CorrectRegistration("p1", "not-an-event-of-p1", original.personal(), Sex.FEMALE,
                original.region(), original.province(), original.household(), "typo"), Rule.UnknownEventToCorrect);
        List<Object> events = fixture.when(new CorrectRegistration("p1", registrationId, original.personal(),
                Sex.FEMALE, original.region(), original.province(), original.household(), "birth year mistyped"));
        RegistrationCorrected corrected = (RegistrationCorrected) events.get(0);
        assertThat(corrected.correctedEventId()).isEqualTo(registrationId);
        assertThat(corrected.birthYear()).isEqualTo(1991);
        assertThat(fixture.eventsOf("p1").get(0).getPayload()).isInstanceOf(BeneficiaryRegistered.class)
                .extracting(p -> ((BeneficiaryRegistered) p).birthYear()).isEqualTo(1990);
    }
}
