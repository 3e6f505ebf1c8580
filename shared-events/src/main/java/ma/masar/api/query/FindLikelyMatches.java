package ma.masar.api.query;

import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;

import java.util.Set;

/**
 * Who may already be registered as the person about to be registered: people whose whole name, in either script, is
 * the same name however it is spelt, born within two years of {@code birthYear} (when given), ranked by closeness of
 * the name, then birth year, sex and region. {@code withinCentres}/{@code registeredBy} as in
 * {@link SearchBeneficiaries}: people outside a social worker's reach are listed without their names.
 */
public record FindLikelyMatches(String givenNameAr,
                                String familyNameAr,
                                String givenNameLatin,
                                String familyNameLatin,
                                Integer birthYear,
                                Sex sex,
                                Region region,
                                Set<String> withinCentres,
                                String registeredBy) {
}
