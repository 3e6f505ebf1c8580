package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** The date by which the partner should answer a referral; setting it again moves it. */
public record SetReferralDeadline(@TargetAggregateIdentifier String beneficiaryId, String referralId,
                                  LocalDate respondBy) implements AboutBeneficiary {
}
