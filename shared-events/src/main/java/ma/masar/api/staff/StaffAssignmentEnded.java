package ma.masar.api.staff;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A person's assignment to a centre ended: from {@code on} she no longer works there. */
@Revision("1")
public record StaffAssignmentEnded(String staffId, String centreId, LocalDate on) {
}
