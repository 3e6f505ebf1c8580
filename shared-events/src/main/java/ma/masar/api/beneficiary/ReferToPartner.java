package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Refers a person to a partner of the agency (by its partnership agreement); needs their consent to referral. */
public record ReferToPartner(@TargetAggregateIdentifier String beneficiaryId,
                             String referralId,
                             String partnershipId,
                             @Personal String purpose,
                             LocalDate referredOn) implements AboutBeneficiary {
    @Override
    public String toString() {
        return "ReferToPartner[beneficiaryId=" + beneficiaryId + ", referralId=" + referralId + ", partnershipId="
               + partnershipId + ", purpose=redacted, referredOn=" + referredOn + "]";
    }
}
