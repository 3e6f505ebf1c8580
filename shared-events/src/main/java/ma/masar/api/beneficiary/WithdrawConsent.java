package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record WithdrawConsent(@TargetAggregateIdentifier String beneficiaryId,
                              ConsentScope scope,
                              LocalDate withdrawnOn) implements AboutBeneficiary {
}
