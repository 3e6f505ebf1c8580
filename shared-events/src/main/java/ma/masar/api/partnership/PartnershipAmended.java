package ma.masar.api.partnership;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The agreement's terms after the amendment, in full. */
@Revision("1")
public record PartnershipAmended(String partnershipId,
                                 String subject,
                                 BigDecimal amountMad,
                                 LocalDate endsOn,
                                 List<String> centreIds,
                                 LocalDate amendedOn,
                                 String reason) {
}
