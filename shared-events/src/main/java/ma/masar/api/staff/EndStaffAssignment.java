package ma.masar.api.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * End a person's open assignment to a centre.
 *
 * @param on the first day she no longer works there: from that day on the centre is outside her scope
 */
public record EndStaffAssignment(String staffId, String centreId, LocalDate on) {

    @TargetAggregateIdentifier
    public String stream() {
        return StaffStream.of(staffId);
    }
}
