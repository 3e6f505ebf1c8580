package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record GiveConsent(@TargetAggregateIdentifier String beneficiaryId,
                          ConsentScope scope,
                          String purpose,
                          LocalDate givenOn) implements AboutBeneficiary {
}
