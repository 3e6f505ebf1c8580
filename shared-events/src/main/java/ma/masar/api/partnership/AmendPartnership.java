package ma.masar.api.partnership;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

public record AmendPartnership(@TargetAggregateIdentifier String partnershipId,
                               String subject,
                               BigDecimal amountMad,
                               LocalDate endsOn,
                               List<String> centreIds,
                               LocalDate amendedOn,
                               String reason) {
}
