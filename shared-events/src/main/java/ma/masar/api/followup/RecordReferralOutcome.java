package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record RecordReferralOutcome(@TargetAggregateIdentifier String beneficiaryId, String referralId,
                                    ReferralOutcome outcome, LocalDate outcomeOn) implements AboutBeneficiary {
}
