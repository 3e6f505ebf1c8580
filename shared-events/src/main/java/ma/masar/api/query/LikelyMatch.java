package ma.masar.api.query;

import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;

import java.util.List;

/**
 * A person who may be the one about to be registered, and why. {@code followed} says whether the asker may read the
 * case: when not, the names are null and the name reasons do not quote the person's spelling. Sex, birth year and
 * region are not personal data here (they stay after an erasure and make the counts).
 */
public record LikelyMatch(String beneficiaryId,
                          boolean followed,
                          String givenNameAr,
                          String familyNameAr,
                          String givenNameLatin,
                          String familyNameLatin,
                          Sex sex,
                          Integer birthYear,
                          Region region,
                          List<Reason> reasons) {

    /**
     * One reason: {@code SAME_NAME} (the same word, folded), {@code SAME_NAME_SPELT_OTHERWISE} (the same name key,
     * e.g. fatima ≈ fatma or فاطمة ≈ Fatma), {@code SAME_BIRTH_YEAR}, {@code NEAR_BIRTH_YEAR} (one or two years
     * apart), {@code SAME_SEX}, {@code SAME_REGION}. {@code searched} is the part of the name typed, {@code found} the
     * person's (null when the case is not followed, or for the other kinds).
     */
    public record Reason(String kind, String searched, String found) {
    }
}
