package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.CompleteEnrolment;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.DischargeFromInstitution;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.EnrolmentWithdrawn;
import ma.masar.api.beneficiary.MoveToApprenticeship;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.WithdrawFromEnrolment;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.centre.CloseCentre;
import ma.masar.api.centre.SeatReleased;
import ma.masar.api.centre.SeatTaken;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.common.Rule;
import ma.masar.command.CaseFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static ma.masar.command.Samples.centre;
import static ma.masar.command.Samples.person;
import static org.assertj.core.api.Assertions.assertThat;

/** The enrolment rules, each both ways: refused with the rule named and nothing stored, or accepted. */
class EnrolmentRulesTest {

    private static final LocalDate ENROLLED_ON = LocalDate.of(2010, 3, 1);

    private CaseFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseHandlers.fixture();
    }

    @AfterEach
    void tearDown() {
        fixture.stop();
    }

    private static EnrolInProgramme enrol(String person, String enrolment, String centre, ProgrammeType programme) {
        return new EnrolInProgramme(person, enrolment, centre, programme, ENROLLED_ON, null);
    }

    @Test
    void enrolmentTakesASeatAndCarriesTheCentresRegion() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 2),
                person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)));
        List<Object> events = fixture.when(enrol("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING));
        assertThat(events).hasSize(2);
        EnrolledInProgramme enrolled = (EnrolledInProgramme) events.get(0);
        assertThat(enrolled.placement().region()).isEqualTo(Region.FES_MEKNES);
        assertThat(enrolled.placement().province()).isEqualTo("Fès");
        assertThat(events.get(1)).isEqualTo(new SeatTaken("cef-1", "e1", "p1", ProgrammeType.EDUCATION_TRAINING,
                ENROLLED_ON, 1, 2));
    }

    @Test
    void anEnrolmentIdNamesOneEnrolmentEvenOnceItEnded() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 5),
                person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)),
                enrol("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING));
        fixture.whenRefused(enrol("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING), Rule.EnrolmentAlreadyExists);
        fixture.send(new CompleteEnrolment("p1", "e1", CompletionOutcome.CERTIFICATE, LocalDate.of(2010, 6, 1)));
        // asked before the centre is: a retry naming no centre that exists is still answered as a retry
        fixture.whenRefused(enrol("p1", "e1", "nowhere", ProgrammeType.EDUCATION_TRAINING), Rule.EnrolmentAlreadyExists);
    }

    @Test
    void refusesEnrolmentWhenCentreIsFull() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 1),
                person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)),
                person("p2", Sex.FEMALE, LocalDate.of(1991, 5, 5)),
                enrol("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING));
        fixture.whenRefused(enrol("p2", "e2", "cef-1", ProgrammeType.EDUCATION_TRAINING), Rule.CentreIsFull);
    }

    @Test
    void aSeatFreedByAWithdrawalCanBeTakenAgain() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 1),
                person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)),
                person("p2", Sex.FEMALE, LocalDate.of(1991, 5, 5)),
                enrol("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING));
        List<Object> withdrawal = fixture.when(
                new WithdrawFromEnrolment("p1", "e1", WithdrawalReason.MARRIAGE, LocalDate.of(2010, 4, 1)));
        assertThat(withdrawal).hasSize(2);
        assertThat(withdrawal.get(0)).isInstanceOf(EnrolmentWithdrawn.class);
        assertThat(withdrawal.get(1)).isInstanceOf(SeatReleased.class);
        assertThat(fixture.when(enrol("p2", "e2", "cef-1", ProgrammeType.EDUCATION_TRAINING))).hasSize(2);
    }

    @Test
    void refusesEnrolmentInAClosedCentre() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 5),
                new CloseCentre("cef-1", LocalDate.of(2009, 12, 31), "building unsafe"),
                person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)));
        fixture.whenRefused(enrol("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING), Rule.CentreIsClosed);
    }

    @Test
    void refusesEnrolmentInACentreOfAnotherType() {
        fixture.given(centre("kg-1", CentreType.KINDERGARTEN, 5),
                person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)));
        fixture.whenRefused(enrol("p1", "e1", "kg-1", ProgrammeType.EDUCATION_TRAINING),
                Rule.CentreTypeDoesNotMatchProgramme);
    }

    @Test
    void refusesEnrolmentInAnUnknownCentre() {
        fixture.given(person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)));
        fixture.whenRefused(enrol("p1", "e1", "nowhere", ProgrammeType.EDUCATION_TRAINING), Rule.CentreNotFound);
    }

    @Test
    void educationCentresTakeGirlsAndWomenOnly() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 5),
                person("boy", Sex.MALE, LocalDate.of(1995, 5, 5)),
                person("girl", Sex.FEMALE, LocalDate.of(1995, 5, 5)));
        fixture.whenRefused(enrol("boy", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING),
                Rule.EducationCentresTakeGirlsAndWomen);
        assertThat(fixture.when(enrol("girl", "e2", "cef-1", ProgrammeType.EDUCATION_TRAINING))).hasSize(2);
    }

    @Test
    void kindergartensTakeChildrenAgedThreeToSixOnTheEnrolmentDate() {
        fixture.given(centre("kg-1", CentreType.KINDERGARTEN, 50),
                person("two", Sex.MALE, LocalDate.of(2007, 3, 2)),   // 2 on 2010-03-01, the day before turning 3
                person("three", Sex.MALE, LocalDate.of(2007, 3, 1)), // 3 that very day
                person("six", Sex.FEMALE, LocalDate.of(2003, 3, 2)), // still 6
                person("seven", Sex.FEMALE, LocalDate.of(2003, 3, 1)));
        fixture.whenRefused(enrol("two", "e1", "kg-1", ProgrammeType.PRESCHOOL), Rule.KindergartenAgeOutOfRange);
        fixture.whenRefused(enrol("seven", "e2", "kg-1", ProgrammeType.PRESCHOOL), Rule.KindergartenAgeOutOfRange);
        assertThat(fixture.when(enrol("three", "e3", "kg-1", ProgrammeType.PRESCHOOL))).hasSize(2);
        assertThat(fixture.when(enrol("six", "e4", "kg-1", ProgrammeType.PRESCHOOL))).hasSize(2);
    }

    @Test
    void refusesASecondActiveEnrolmentInTheSameProgramme() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 5),
                centre("cef-2", CentreType.EDUCATION_TRAINING_CENTRE, 5),
                person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)),
                enrol("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING));
        fixture.whenRefused(enrol("p1", "e2", "cef-2", ProgrammeType.EDUCATION_TRAINING), Rule.AlreadyActiveInProgramme);
        fixture.send(new CompleteEnrolment("p1", "e1", CompletionOutcome.CERTIFICATE, LocalDate.of(2010, 6, 1)));
        assertThat(fixture.when(enrol("p1", "e2", "cef-2", ProgrammeType.EDUCATION_TRAINING))).hasSize(2);
    }

    @Test
    void refusesADateInTheFutureAndBeforeBirth() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 5),
                person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)));
        fixture.whenRefused(new EnrolInProgramme("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING,
                CaseFixture.TODAY.plusDays(1), null), Rule.DateInFuture);
        fixture.whenRefused(new EnrolInProgramme("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING,
                LocalDate.of(1989, 1, 1), null), Rule.DateBeforeBirth);
        assertThat(fixture.when(new EnrolInProgramme("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING,
                CaseFixture.TODAY, null))).hasSize(2);
    }

    @Test
    void refusesCompletionOrWithdrawalOfAnEnrolmentThatIsNotActive() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 5),
                person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)),
                enrol("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING));
        List<Object> completion = fixture.when(
                new CompleteEnrolment("p1", "e1", CompletionOutcome.JOB, LocalDate.of(2010, 6, 1)));
        assertThat(completion.get(0)).isInstanceOf(EnrolmentCompleted.class);
        fixture.whenRefused(new CompleteEnrolment("p1", "e1", CompletionOutcome.JOB, LocalDate.of(2010, 6, 2)),
                Rule.EnrolmentNotActive);
        fixture.whenRefused(new WithdrawFromEnrolment("p1", "e1", WithdrawalReason.FAMILY, LocalDate.of(2010, 6, 2)),
                Rule.EnrolmentNotActive);
        fixture.whenRefused(new WithdrawFromEnrolment("p1", "never", WithdrawalReason.FAMILY, LocalDate.of(2010, 6, 2)),
                Rule.EnrolmentNotActive);
    }

    @Test
    void dischargeEndsOnlyASocialCareStay() {
        fixture.given(centre("eps-1", CentreType.SOCIAL_CARE_INSTITUTION, 5),
                centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 5),
                person("p1", Sex.FEMALE, LocalDate.of(1940, 5, 5)),
                enrol("p1", "e1", "eps-1", ProgrammeType.SOCIAL_CARE),
                enrol("p1", "e2", "cef-1", ProgrammeType.EDUCATION_TRAINING));
        fixture.whenRefused(new DischargeFromInstitution("p1", "e2", DischargeReason.RETURNED_TO_FAMILY,
                LocalDate.of(2010, 5, 1)), Rule.DischargeOnlyFromSocialCare);
        assertThat(fixture.when(new DischargeFromInstitution("p1", "e1", DischargeReason.RETURNED_TO_FAMILY,
                LocalDate.of(2010, 5, 1)))).hasSize(2);
    }

    private void givenAYouthInOrientation(LocalDate dateOfBirth) {
        fixture.given(centre("cfp-1", CentreType.VOCATIONAL_FAMILIARISATION_CENTRE, 5),
                centre("cfa-1", CentreType.APPRENTICESHIP_CENTRE, 5),
                person("youth", Sex.MALE, dateOfBirth),
                enrol("youth", "orientation", "cfp-1", ProgrammeType.VOCATIONAL_ORIENTATION));
    }

    @Test
    void movesAnActiveOrientationToApprenticeshipReleasingOneSeatAndTakingAnother() {
        givenAYouthInOrientation(LocalDate.of(1994, 1, 1));
        List<Object> events = fixture.when(new MoveToApprenticeship("youth", "orientation", "apprenticeship", "cfa-1",
                "Menuiserie Atlas", LocalDate.of(2010, 5, 1)));
        assertThat(events).hasSize(3);
        MovedToApprenticeship moved = (MovedToApprenticeship) events.get(0);
        assertThat(moved.orientation().centreId()).isEqualTo("cfp-1");
        assertThat(moved.apprenticeship().centreId()).isEqualTo("cfa-1");
        assertThat(moved.apprenticeship().programme()).isEqualTo(ProgrammeType.APPRENTICESHIP);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(SeatReleased.class))
                .anySatisfy(e -> assertThat(e).isInstanceOf(SeatTaken.class));
    }

    @Test
    void refusesAnApprenticeUnderFifteenOnTheContractDate() {
        givenAYouthInOrientation(LocalDate.of(1995, 5, 2)); // 14 on 2010-05-01, 15 the next day
        fixture.whenRefused(new MoveToApprenticeship("youth", "orientation", "a1", "cfa-1", "Menuiserie Atlas",
                LocalDate.of(2010, 5, 1)), Rule.ApprenticeTooYoung);
        assertThat(fixture.when(new MoveToApprenticeship("youth", "orientation", "a1", "cfa-1", "Menuiserie Atlas",
                LocalDate.of(2010, 5, 2)))).hasSize(3);
    }

    @Test
    void refusesAnApprenticeshipWithoutAHostCompany() {
        givenAYouthInOrientation(LocalDate.of(1994, 1, 1));
        fixture.whenRefused(new MoveToApprenticeship("youth", "orientation", "a1", "cfa-1", " ",
                LocalDate.of(2010, 5, 1)), Rule.HostCompanyRequired);
        fixture.whenRefused(new EnrolInProgramme("youth", "a2", "cfa-1", ProgrammeType.APPRENTICESHIP,
                LocalDate.of(2010, 5, 1), null), Rule.HostCompanyRequired);
        assertThat(fixture.when(new EnrolInProgramme("youth", "a2", "cfa-1", ProgrammeType.APPRENTICESHIP,
                LocalDate.of(2010, 5, 1), "Garage Saïss"))).hasSize(2);
    }

    @Test
    void onlyAnActiveOrientationMovesToApprenticeship() {
        givenAYouthInOrientation(LocalDate.of(1994, 1, 1));
        fixture.send(new WithdrawFromEnrolment("youth", "orientation", WithdrawalReason.EMPLOYMENT,
                LocalDate.of(2010, 4, 1)));
        fixture.whenRefused(new MoveToApprenticeship("youth", "orientation", "a1", "cfa-1", "Menuiserie Atlas",
                LocalDate.of(2010, 5, 1)), Rule.OnlyActiveOrientationMovesToApprenticeship);
    }

    @Test
    void aClosedCentreWithActiveEnrolmentsCannotClose() {
        fixture.given(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 5),
                person("p1", Sex.FEMALE, LocalDate.of(1990, 5, 5)),
                enrol("p1", "e1", "cef-1", ProgrammeType.EDUCATION_TRAINING));
        fixture.whenRefused(new CloseCentre("cef-1", LocalDate.of(2010, 6, 1), "moved"), Rule.CentreHasActiveEnrolments);
        fixture.send(new CompleteEnrolment("p1", "e1", CompletionOutcome.CERTIFICATE, LocalDate.of(2010, 6, 1)));
        assertThat(fixture.when(new CloseCentre("cef-1", LocalDate.of(2010, 6, 1), "moved"))).hasSize(1);
    }
}
