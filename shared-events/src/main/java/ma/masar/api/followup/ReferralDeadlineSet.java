package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The partner of a referral is to answer by {@code respondBy}. A separate event rather than a new field of
 * {@code ReferredToPartner}: referrals recorded before keep their shape, and a deadline can be set or moved later.
 */
@Revision("1")
public record ReferralDeadlineSet(String beneficiaryId, String referralId, String partnershipId, LocalDate respondBy)
        implements AboutBeneficiary {
}
