package ma.masar.api.query;

import java.util.List;

import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;

/**
 * A beneficiary as a search shows it. Names and national ID are null once the person's data is erased
 * ({@code erased}). {@code likelyDuplicate} marks a person whose name is the searched name or one letter or a
 * word order away from it (or from another person in the results) and born within a year of them.
 */
public record BeneficiarySummary(String beneficiaryId,
                                 String givenNameAr,
                                 String familyNameAr,
                                 String givenNameLatin,
                                 String familyNameLatin,
                                 String nationalId,
                                 boolean erased,
                                 Sex sex,
                                 Integer birthYear,
                                 Region region,
                                 String province,
                                 List<EnrolmentSummary> enrolments,
                                 List<EnrolmentStatus> statuses,
                                 boolean likelyDuplicate) {
}
