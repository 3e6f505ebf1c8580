package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The partner answered a referral (accepted, refused) or delivered the service. Carries the partnership for counts. */
@Revision("1")
public record ReferralOutcomeRecorded(String beneficiaryId, String referralId, String partnershipId,
                                      ReferralOutcome outcome, LocalDate outcomeOn) implements AboutBeneficiary {
}
