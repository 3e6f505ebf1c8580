package ma.masar.api.centre;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record CloseCentre(@TargetAggregateIdentifier String centreId, LocalDate closedOn, String reason) {
}
