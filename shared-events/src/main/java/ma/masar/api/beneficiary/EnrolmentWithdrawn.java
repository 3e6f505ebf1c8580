package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

@Revision("1")
public record EnrolmentWithdrawn(String beneficiaryId, Placement placement, WithdrawalReason reason,
                                 LocalDate withdrawnOn) implements EnrolmentEvent {
}
