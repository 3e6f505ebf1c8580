package ma.masar.api.query;

import ma.masar.api.partnership.PartnerType;

import java.time.LocalDate;
import java.util.List;

/**
 * A partnership agreement as its latest amendment left it: the partner, what it is about, from when to when, the
 * centres it names (none: all the agency's centres) and, once ended early, the day it ended.
 */
public record PartnershipSummary(String partnershipId,
                                 String partnerId,
                                 String partnerName,
                                 PartnerType partnerType,
                                 String subject,
                                 LocalDate startsOn,
                                 LocalDate endsOn,
                                 List<String> centreIds,
                                 LocalDate endedOn) {
}
