package ma.masar.api.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Assign a person to a centre from a date (her first working day there).
 *
 * @param staffId the person's login name at the identity provider
 */
public record AssignStaffToCentre(String staffId, String centreId, LocalDate from) {

    @TargetAggregateIdentifier
    public String stream() {
        return StaffStream.of(staffId);
    }
}
