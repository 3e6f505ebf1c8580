package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Ends the orientation enrolment and opens the apprenticeship one, in one fact. */
@Revision("1")
public record MovedToApprenticeship(String beneficiaryId,
                                    Placement orientation,
                                    Placement apprenticeship,
                                    String hostCompany,
                                    LocalDate contractDate) implements EnrolmentEvent {
}
