package ma.masar.api.centre;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record ChangeCentreCapacity(@TargetAggregateIdentifier String centreId, int capacity, LocalDate effectiveOn) {
}
