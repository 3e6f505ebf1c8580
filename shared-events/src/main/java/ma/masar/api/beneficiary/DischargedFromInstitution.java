package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Discharge from a social-care institution (law 14-05). */
@Revision("1")
public record DischargedFromInstitution(String beneficiaryId, Placement placement, DischargeReason reason,
                                        LocalDate dischargedOn) implements EnrolmentEvent {
}
