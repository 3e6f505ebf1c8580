package ma.masar.api.centre;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** An enrolment ended (completed, withdrawn, discharged, moved) and freed its seat. */
@Revision("1")
public record SeatReleased(String centreId, String enrolmentId, String beneficiaryId, LocalDate releasedOn,
                           int occupied, int capacity) {
}
