package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

/**
 * A national ID number was taken by a beneficiary. {@code claimId} is a keyed hash of the number, never
 * the number itself; the claim is its own small aggregate so that the event store's uniqueness of
 * (aggregate, sequence) refuses a second registration with the same number, on JDBC and Axon Server alike.
 */
@Revision("1")
public record NationalIdClaimed(String claimId, String beneficiaryId) implements AboutBeneficiary {
}
