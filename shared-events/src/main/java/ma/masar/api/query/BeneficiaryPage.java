package ma.masar.api.query;

import java.util.List;

/**
 * One page of a beneficiary search. {@code total} counts the people matching the criteria; on the first page of a
 * name search, {@code items} may end with likely duplicates that the name's words did not match.
 */
public record BeneficiaryPage(int page, int size, long total, List<BeneficiarySummary> items) {
}
