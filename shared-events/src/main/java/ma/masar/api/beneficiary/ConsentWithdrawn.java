package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The consent of one scope ends on {@code withdrawnOn}: nothing that needs it may happen from that day. */
@Revision("1")
public record ConsentWithdrawn(String beneficiaryId, ConsentScope scope, LocalDate withdrawnOn)
        implements AboutBeneficiary {
}
