package ma.masar.command.centre;

import ma.masar.api.centre.CentreCapacityChanged;
import ma.masar.api.centre.CentreClosed;
import ma.masar.api.centre.CentreConvertedToApprenticeship;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.centre.ChangeCentreCapacity;
import ma.masar.api.centre.CloseCentre;
import ma.masar.api.centre.ConvertToApprenticeshipCentre;
import ma.masar.api.centre.OpenCentre;
import ma.masar.api.centre.SeatTaken;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.time.AgencyTime;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import static ma.masar.command.Samples.centre;

class CentreTest {

    private static final LocalDate OPENED = LocalDate.of(2005, 1, 1);
    private AggregateTestFixture<Centre> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Centre.class);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2010-06-15T10:00:00Z"), AgencyTime.ZONE));
    }

    private static CentreOpened opened(String id, CentreType type, int capacity) {
        OpenCentre c = centre(id, type, capacity);
        return new CentreOpened(c.centreId(), c.type(), c.nameAr(), c.nameFr(), c.region(), c.province(), c.capacity(),
                c.operator(), c.authorisationReference(), c.openedOn());
    }

    @Test
    void opensACentre() {
        fixture.givenNoPriorActivity()
                .when(centre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 40))
                .expectEvents(opened("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 40));
    }

    @Test
    void refusesASocialCareInstitutionWithoutItsAuthorisation() {
        fixture.givenNoPriorActivity()
                .when(new OpenCentre("eps-1", CentreType.SOCIAL_CARE_INSTITUTION, "مؤسسة", "EPS", Region.ORIENTAL,
                        "Oujda", 80, Operator.agency(), null, OPENED))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith(Rule.AuthorisationRequiredForSocialCare.name()))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(centre("eps-1", CentreType.SOCIAL_CARE_INSTITUTION, 80))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesAnOpeningDateInTheFuture() {
        fixture.givenNoPriorActivity()
                .when(new OpenCentre("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, "مركز", "CEF", Region.ORIENTAL,
                        "Oujda", 80, Operator.agency(), null, LocalDate.of(2010, 6, 16)))
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith(Rule.DateInFuture.name()))
                .expectNoEvents();
    }

    @Test
    void refusesACapacityBelowTheActiveEnrolments() {
        fixture.given(opened("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 3),
                        new SeatTaken("cef-1", "e1", "p1", ProgrammeType.EDUCATION_TRAINING, OPENED, 1, 3),
                        new SeatTaken("cef-1", "e2", "p2", ProgrammeType.EDUCATION_TRAINING, OPENED, 2, 3))
                .when(new ChangeCentreCapacity("cef-1", 1, LocalDate.of(2010, 1, 1)))
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith(Rule.CapacityBelowOccupancy.name()))
                .expectNoEvents();
        fixture.given(opened("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 3),
                        new SeatTaken("cef-1", "e1", "p1", ProgrammeType.EDUCATION_TRAINING, OPENED, 1, 3))
                .when(new ChangeCentreCapacity("cef-1", 1, LocalDate.of(2010, 1, 1)))
                .expectEvents(new CentreCapacityChanged("cef-1", 3, 1, LocalDate.of(2010, 1, 1)));
    }

    @Test
    void convertsOnlyAVocationalFamiliarisationCentre() {
        fixture.given(opened("cfp-1", CentreType.VOCATIONAL_FAMILIARISATION_CENTRE, 30))
                .when(new ConvertToApprenticeshipCentre("cfp-1", LocalDate.of(2009, 9, 1)))
                .expectEvents(new CentreConvertedToApprenticeship("cfp-1", LocalDate.of(2009, 9, 1)));
        setUp();
        fixture.given(opened("kg-1", CentreType.KINDERGARTEN, 30))
                .when(new ConvertToApprenticeshipCentre("kg-1", LocalDate.of(2009, 9, 1)))
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith(Rule.OnlyFamiliarisationCentresConvert.name()))
                .expectNoEvents();
    }

    @Test
    void aClosedCentreChangesNoMore() {
        fixture.given(opened("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 3),
                        new CentreClosed("cef-1", LocalDate.of(2009, 1, 1), "merged"))
                .when(new ChangeCentreCapacity("cef-1", 10, LocalDate.of(2010, 1, 1)))
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith(Rule.CentreIsClosed.name()))
                .expectNoEvents();
        fixture.given(opened("cef-1", CentreType.EDUCATION_TRAINING_CENTRE, 3))
                .when(new CloseCentre("cef-1", LocalDate.of(2009, 1, 1), "merged"))
                .expectEvents(new CentreClosed("cef-1", LocalDate.of(2009, 1, 1), "merged"));
    }
}
