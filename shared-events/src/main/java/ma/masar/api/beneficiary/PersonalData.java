package ma.masar.api.beneficiary;

import java.time.LocalDate;

/**
 * Everything that identifies a person. Kept as one value so that it can be encrypted and erased as a
 * whole; {@link #ERASED} is what reads back once the person's key is destroyed.
 */
public record PersonalData(String givenNameAr,
                           String familyNameAr,
                           String givenNameLatin,
                           String familyNameLatin,
                           LocalDate dateOfBirth,
                           String nationalId,
                           String address,
                           String disability) {

    public static final PersonalData ERASED = new PersonalData(null, null, null, null, null, null, null, null);

    public boolean erased() {
        return givenNameAr == null && familyNameAr == null && givenNameLatin == null && familyNameLatin == null
                && dateOfBirth == null && nationalId == null;
    }

    /** Never print the content: this value ends up in exceptions and debug output otherwise. */
    @Override
    public String toString() {
        return "PersonalData[redacted]";
    }
}
