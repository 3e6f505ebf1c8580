package ma.masar.api.partnership;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

@Revision("1")
public record PartnershipSigned(String partnershipId,
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
