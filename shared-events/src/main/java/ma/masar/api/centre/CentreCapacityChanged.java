package ma.masar.api.centre;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

@Revision("1")
public record CentreCapacityChanged(String centreId, int previousCapacity, int capacity, LocalDate effectiveOn) {
}
