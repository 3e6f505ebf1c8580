package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

/**
 * The national ID number behind {@code claimId} (a keyed hash) no longer belongs to a case: the case's personal data
 * was erased. The number can be registered again, as a new case.
 */
@Revision("1")
public record NationalIdReleased(String claimId, String beneficiaryId) implements AboutBeneficiary {
}
