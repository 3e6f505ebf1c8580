package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record CancelFollowUp(@TargetAggregateIdentifier String beneficiaryId, String followUpId,
                             LocalDate cancelledOn) implements AboutBeneficiary {
}
