package ma.masar.api.partnership;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** {@code partnerId} names the partner across agreements, so partners can be counted once. */
public record SignPartnership(@TargetAggregateIdentifier String partnershipId,
                              String partnerId,
                              String partnerName,
                              PartnerType partnerType,
                              String subject,
                              BigDecimal amountMad,
                              LocalDate startsOn,
                              LocalDate endsOn,
                              List<String> centreIds,
                              LocalDate signedOn) {
}
