package ma.masar.api.centre;

import ma.masar.api.common.ProgrammeType;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * An enrolment took one of the centre's seats. {@code occupied} is the centre's occupancy after it,
 * so an occupancy read model can set the value instead of counting (idempotent on replay).
 */
@Revision("1")
public record SeatTaken(String centreId, String enrolmentId, String beneficiaryId, ProgrammeType programme,
                        LocalDate takenOn, int occupied, int capacity) {
}
