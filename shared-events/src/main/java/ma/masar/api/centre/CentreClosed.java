package ma.masar.api.centre;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

@Revision("1")
public record CentreClosed(String centreId, LocalDate closedOn, String reason) {
}
