package ma.masar.api.centre;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record ConvertToApprenticeshipCentre(@TargetAggregateIdentifier String centreId, LocalDate convertedOn) {
}
