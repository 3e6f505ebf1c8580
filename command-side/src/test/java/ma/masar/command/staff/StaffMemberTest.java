package ma.masar.command.staff;

import ma.masar.api.centre.CloseCentre;
import ma.masar.api.centre.OpenCentre;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;
import ma.masar.api.common.Rule;
import ma.masar.api.staff.AssignStaffToCentre;
import ma.masar.api.staff.EndStaffAssignment;
import ma.masar.api.staff.StaffAssignedToCentre;
import ma.masar.api.staff.StaffAssignmentEnded;
import ma.masar.api.staff.StaffAssignments;
import ma.masar.api.staff.StaffStream;
import ma.masar.command.CaseFixture;
import ma.masar.command.centre.Centre;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Given-when-then over a person's assignments and the centres they name, on an in-memory event store. */
class StaffMemberTest {

    private static final LocalDate JAN = LocalDate.of(2010, 1, 4);
    private static final LocalDate MAR = LocalDate.of(2010, 3, 1);
    private static final LocalDate MAY = LocalDate.of(2010, 5, 3);
    private CaseFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new CaseFixture(configurer -> configurer
                .configureAggregate(StaffMember.class)
                .configureAggregate(Centre.class)
                .registerCommandHandler(c -> new StaffCommandHandler(c.repository(StaffMember.class),
                        c.repository(Centre.class))));
        fixture.given(centre("cef-1"), centre("cef-2"));
    }

    @AfterEach
    void tearDown() {
        fixture.stop();
    }

    private static OpenCentre centre(String id) {
        return new OpenCentre(id, CentreType.EDUCATION_TRAINING_CENTRE, "مركز", "Centre " + id, Region.FES_MEKNES,
                "Sefrou", 40, Operator.agency(), null, LocalDate.of(2005, 9, 1));
    }

    @Test
    void assignsAPersonToAnOpenCentreOnHerOwnStream() {
        assertThat(fixture.when(new AssignStaffToCentre("amina", "cef-1", JAN)))
                .containsExactly(new StaffAssignedToCentre("amina", "cef-1", JAN));
        assertThat(fixture.eventsOf(StaffStream.of("amina"))).hasSize(1);
        assertThat(fixture.eventsOf("amina")).as("a login name never names the stream itself").isEmpty();
    }

    @Test
    void refusesACentreThatDoesNotExistOrIsClosed() {
        fixture.whenRefused(new AssignStaffToCentre("amina", "nowhere", JAN), Rule.CentreNotFound);
        fixture.given(new CloseCentre("cef-2", LocalDate.of(2009, 12, 31), "moved"));
        fixture.whenRefused(new AssignStaffToCentre("amina", "cef-2", JAN), Rule.CentreIsClosed);
    }

    @Test
    void refusesAnAssignmentOverlappingOneToTheSameCentre() {
        fixture.given(new AssignStaffToCentre("amina", "cef-1", JAN));
        fixture.whenRefused(new AssignStaffToCentre("amina", "cef-1", MAR), Rule.StaffAssignmentOverlaps);
        fixture.whenRefused(new AssignStaffToCentre("amina", "cef-1", LocalDate.of(2009, 9, 1)),
                Rule.StaffAssignmentOverlaps);
        // another centre, another person: no overlap
        assertThat(fixture.when(new AssignStaffToCentre("amina", "cef-2", MAR))).hasSize(1);
        assertThat(fixture.when(new AssignStaffToCentre("salma", "cef-1", MAR))).hasSize(1);

        fixture.given(new EndStaffAssignment("amina", "cef-1", MAY));
        fixture.whenRefused(new AssignStaffToCentre("amina", "cef-1", MAY.minusDays(1)), Rule.StaffAssignmentOverlaps);
        assertThat(fixture.when(new AssignStaffToCentre("amina", "cef-1", MAY)))
                .as("from the day the last one ended").containsExactly(new StaffAssignedToCentre("amina", "cef-1", MAY));
    }

    @Test
    void endsAnOpenAssignmentOnOrAfterItsStart() {
        fixture.given(new AssignStaffToCentre("amina", "cef-1", MAR));
        fixture.whenRefused(new EndStaffAssignment("amina", "cef-1", MAR.minusDays(1)), Rule.AssignmentEndsBeforeStart);
        assertThat(fixture.when(new EndStaffAssignment("amina", "cef-1", MAY)))
                .containsExactly(new StaffAssignmentEnded("amina", "cef-1", MAY));
        fixture.whenRefused(new EndStaffAssignment("amina", "cef-1", MAY), Rule.StaffAssignmentNotFound);
    }

    @Test
    void refusesToEndWhatWasNeverAssigned() {
        fixture.whenRefused(new EndStaffAssignment("nobody", "cef-1", MAY), Rule.StaffAssignmentNotFound);
        fixture.given(new AssignStaffToCentre("amina", "cef-1", MAR));
        fixture.whenRefused(new EndStaffAssignment("amina", "cef-2", MAY), Rule.StaffAssignmentNotFound);
    }

    @Test
    void herCentresOnADateRunFromTheFirstDayToTheDayBeforeTheEnd() {
        fixture.given(new AssignStaffToCentre("amina", "cef-1", MAR), new AssignStaffToCentre("amina", "cef-2", JAN),
                new EndStaffAssignment("amina", "cef-1", MAY));
        StaffAssignments assignments = StaffAssignments.of(
                fixture.eventsOf(StaffStream.of("amina")).stream().map(EventMessage::getPayload).toList());
        assertThat(assignments.centresOn(JAN.minusDays(1))).isEmpty();
        assertThat(assignments.centresOn(JAN)).containsExactly("cef-2");
        assertThat(assignments.centresOn(MAR)).containsExactlyInAnyOrder("cef-1", "cef-2");
        assertThat(assignments.centresOn(MAY.minusDays(1))).containsExactlyInAnyOrder("cef-1", "cef-2");
        assertThat(assignments.centresOn(MAY)).as("ended on that day").containsExactly("cef-2");
        assertThat(assignments.all()).hasSize(2);
        assertThat(List.copyOf(assignments.centresOn(LocalDate.of(2030, 1, 1)))).containsExactly("cef-2");
    }
}
