package ma.masar.api.partnership;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record EndPartnership(@TargetAggregateIdentifier String partnershipId, LocalDate endedOn, String reason) {
}
