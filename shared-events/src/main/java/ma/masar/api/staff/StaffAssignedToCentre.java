package ma.masar.api.staff;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A person works at a centre from {@code from} on (who recorded it: the event's {@code userId} metadata). */
@Revision("1")
public record StaffAssignedToCentre(String staffId, String centreId, LocalDate from) {
}
