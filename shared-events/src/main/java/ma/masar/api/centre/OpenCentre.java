package ma.masar.api.centre;

import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record OpenCentre(@TargetAggregateIdentifier String centreId,
                         CentreType type,
                         String nameAr,
                         String nameFr,
                         Region region,
                         String province,
                         int capacity,
                         Operator operator,
                         String authorisationReference,
                         LocalDate openedOn) {
}
