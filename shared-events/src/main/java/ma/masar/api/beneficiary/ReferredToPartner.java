package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A person was referred to a partner. The purpose says what the person needs, so it is personal data: encrypted
 * with the person's key and erased with it.
 */
@Revision("1")
public record ReferredToPartner(String beneficiaryId, String referralId, String partnershipId,
                                @Personal String purpose, LocalDate referredOn) implements AboutBeneficiary {
    @Override
    public String toString() {
        return "ReferredToPartner[beneficiaryId=" + beneficiaryId + ", referralId=" + referralId + ", partnershipId="
               + partnershipId + ", purpose=redacted, referredOn=" + referredOn + "]";
    }
}
