package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.ConsentScope;
import ma.masar.api.beneficiary.ErasePersonalData;
import ma.masar.api.beneficiary.GiveConsent;
import ma.masar.api.beneficiary.LegalGround;
import ma.masar.api.beneficiary.ReferToPartner;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Rule;
import ma.masar.api.followup.CancelFollowUp;
import ma.masar.api.followup.CompleteFollowUp;
import ma.masar.api.followup.FollowUpCancelled;
import ma.masar.api.followup.FollowUpDone;
import ma.masar.api.followup.FollowUpKind;
import ma.masar.api.followup.FollowUpScheduled;
import ma.masar.api.followup.RecordReferralOutcome;
import ma.masar.api.followup.ReferralDeadlineSet;
import ma.masar.api.followup.ReferralOutcome;
import ma.masar.api.followup.ReferralOutcomeRecorded;
import ma.masar.api.followup.ScheduleFollowUp;
import ma.masar.api.followup.SetReferralDeadline;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.partnership.SignPartnership;
import ma.masar.command.CaseFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static ma.masar.command.Samples.person;
import static org.assertj.core.api.Assertions.assertThat;

/** The follow-up life cycle and referral tracking, each rule both ways: refused with the rule named, or recorded. */
class FollowUpRulesTest {

    private static final LocalDate BORN = LocalDate.of(1990, 5, 5);
    private static final LocalDate MARCH = LocalDate.of(2010, 3, 1);
    private static final LocalDate APRIL = LocalDate.of(2010, 4, 1);
    private static final LocalDate MAY = LocalDate.of(2010, 5, 1);
    private static final LocalDate JULY = LocalDate.of(2010, 7, 1);

    private CaseFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseHandlers.fixture();
        fixture.given(person("p1", Sex.FEMALE, BORN),
                new SignPartnership("pa-1", "assoc-amal", "Association Amal", PartnerType.NATIONAL_NGO, "Hébergement",
                        BigDecimal.ZERO, LocalDate.of(2010, 1, 1), LocalDate.of(2012, 12, 31), List.of(),
                        LocalDate.of(2009, 12, 20)));
    }

    @AfterEach
    void tearDown() {
        fixture.stop();
    }

    private static ScheduleFollowUp schedule(String id, LocalDate on, LocalDate due) {
        return new ScheduleFollowUp("p1", id, FollowUpKind.HOME_VISIT, "visite à domicile", due, "worker", on);
    }

    private void referred() {
        fixture.given(new GiveConsent("p1", ConsentScope.REFERRAL, "orientation", MARCH),
                new ReferToPartner("p1", "r-1", "pa-1", "hébergement", APRIL));
    }

    // ---- follow-ups

    @Test
    void followUpIsScheduledWithWhatWhenAndWhom() {
        assertThat(fixture.when(schedule("f-1", APRIL, JULY))).containsExactly(
                new FollowUpScheduled("p1", "f-1", FollowUpKind.HOME_VISIT, "visite à domicile", JULY, "worker", APRIL));
    }

    @Test
    void aFollowUpMayBeDueAfterToday() {
        assertThat(fixture.when(schedule("f-1", CaseFixture.TODAY, CaseFixture.TODAY.plusMonths(2)))).hasSize(1);
    }

    @Test
    void refusesADueDateBeforeTheDayItIsScheduled() {
        fixture.whenRefused(schedule("f-1", MAY, APRIL), Rule.DueDateBeforeSchedule);
    }

    @Test
    void refusesSchedulingOnADayInTheFuture() {
        fixture.whenRefused(schedule("f-1", CaseFixture.TODAY.plusDays(1), JULY.plusMonths(1)), Rule.DateInFuture);
    }

    @Test
    void aRetriedSchedulingIsRecordedOnce() {
        fixture.given(schedule("f-1", APRIL, JULY));
        assertThat(fixture.when(schedule("f-1", APRIL, JULY))).isEmpty();
    }

    @Test
    void followUpIsDoneOnce() {
        fixture.given(schedule("f-1", APRIL, JULY));
        assertThat(fixture.when(new CompleteFollowUp("p1", "f-1", MAY)))
                .containsExactly(new FollowUpDone("p1", "f-1", FollowUpKind.HOME_VISIT, MAY));
        fixture.whenRefused(new CompleteFollowUp("p1", "f-1", MAY), Rule.FollowUpAlreadyClosed);
        fixture.whenRefused(new CancelFollowUp("p1", "f-1", MAY), Rule.FollowUpAlreadyClosed);
    }

    @Test
    void aCancelledFollowUpIsNotDoneLater() {
        fixture.given(schedule("f-1", APRIL, JULY));
        assertThat(fixture.when(new CancelFollowUp("p1", "f-1", MAY)))
                .containsExactly(new FollowUpCancelled("p1", "f-1", FollowUpKind.HOME_VISIT, MAY));
        fixture.whenRefused(new CompleteFollowUp("p1", "f-1", CaseFixture.TODAY), Rule.FollowUpAlreadyClosed);
    }

    @Test
    void refusesClosingAnUnknownFollowUp() {
        fixture.whenRefused(new CompleteFollowUp("p1", "f-9", MAY), Rule.FollowUpNotFound);
        fixture.whenRefused(new CancelFollowUp("p1", "f-9", MAY), Rule.FollowUpNotFound);
    }

    @Test
    void refusesDoneBeforeScheduledOrInTheFuture() {
        fixture.given(schedule("f-1", APRIL, JULY));
        fixture.whenRefused(new CompleteFollowUp("p1", "f-1", MARCH), Rule.DateOutOfRange);
        fixture.whenRefused(new CompleteFollowUp("p1", "f-1", CaseFixture.TODAY.plusDays(1)), Rule.DateInFuture);
    }

    @Test
    void nothingIsScheduledAboutAnErasedPerson() {
        fixture.given(new ErasePersonalData("p1", LegalGround.CONSENT_WITHDRAWN, "DEM-1", APRIL));
        fixture.whenRefused(schedule("f-1", MAY, JULY), Rule.BeneficiaryErased);
    }

    // ---- referrals

    @Test
    void referralGetsADeadlineWithItsPartnership() {
        referred();
        assertThat(fixture.when(new SetReferralDeadline("p1", "r-1", MAY)))
                .containsExactly(new ReferralDeadlineSet("p1", "r-1", "pa-1", MAY));
    }

    @Test
    void refusesADeadlineBeforeTheReferral() {
        referred();
        fixture.whenRefused(new SetReferralDeadline("p1", "r-1", MARCH), Rule.DueDateBeforeSchedule);
    }

    @Test
    void refusesTrackingAnUnknownReferral() {
        fixture.whenRefused(new SetReferralDeadline("p1", "r-9", MAY), Rule.ReferralNotFound);
        fixture.whenRefused(new RecordReferralOutcome("p1", "r-9", ReferralOutcome.ACCEPTED, MAY), Rule.ReferralNotFound);
    }

    @Test
    void anAcceptedReferralMayThenBeDelivered() {
        referred();
        assertThat(fixture.when(new RecordReferralOutcome("p1", "r-1", ReferralOutcome.ACCEPTED, MAY)))
                .containsExactly(new ReferralOutcomeRecorded("p1", "r-1", "pa-1", ReferralOutcome.ACCEPTED, MAY));
        assertThat(fixture.when(new RecordReferralOutcome("p1", "r-1", ReferralOutcome.ACCEPTED, MAY)))
                .as("a retry records nothing").isEmpty();
        assertThat(fixture.when(new RecordReferralOutcome("p1", "r-1", ReferralOutcome.SERVICE_DELIVERED, JULY.minusDays(20))))
                .hasSize(1);
        fixture.whenRefused(new RecordReferralOutcome("p1", "r-1", ReferralOutcome.REFUSED, CaseFixture.TODAY),
                Rule.ReferralAlreadyClosed);
        fixture.whenRefused(new SetReferralDeadline("p1", "r-1", JULY), Rule.ReferralAlreadyClosed);
    }

    @Test
    void nothingFollowsARefusal() {
        referred();
        fixture.given(new RecordReferralOutcome("p1", "r-1", ReferralOutcome.REFUSED, MAY));
        fixture.whenRefused(new RecordReferralOutcome("p1", "r-1", ReferralOutcome.ACCEPTED, MAY), Rule.ReferralAlreadyClosed);
    }

    @Test
    void refusesAnOutcomeBeforeTheReferral() {
        referred();
        fixture.whenRefused(new RecordReferralOutcome("p1", "r-1", ReferralOutcome.ACCEPTED, MARCH), Rule.DateOutOfRange);
    }
}
