package ma.masar.api.query;

import java.time.LocalDate;
import java.util.List;

/**
 * Partnership agreements, by partner name. With {@code centreIds}, only those that name one of these centres or name
 * none (an agreement for all the agency's centres); with {@code inForceOn}, only those in force that day (started, not
 * past their end, not ended early).
 */
public record FindPartnerships(List<String> centreIds, LocalDate inForceOn) {
    public FindPartnerships {
        centreIds = centreIds == null ? List.of() : List.copyOf(centreIds);
    }
}
