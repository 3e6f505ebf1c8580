package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Erases a person's personal data on a lawful request: their key is destroyed, so everything personal ever recorded
 * about them reads as erased. {@code requestReference} is the agency's reference of the request (no personal data).
 */
public record ErasePersonalData(@TargetAggregateIdentifier String beneficiaryId,
                                LegalGround legalGround,
                                String requestReference,
                                LocalDate erasedOn) implements AboutBeneficiary {
}
