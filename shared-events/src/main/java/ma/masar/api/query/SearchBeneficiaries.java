package ma.masar.api.query;

import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;

import java.util.Set;

/**
 * Finds beneficiaries by name (Arabic or Latin script, any word prefix, however the name is spelt), national ID
 * (exact), region, centre, programme and enrolment status; all given criteria must hold. A name search is ranked by
 * closeness, then by {@code birthYear} and {@code sex} when given (neither excludes anyone), and also returns likely
 * duplicates; a {@code birthYear}, when given, narrows them to people born within a year of it. Pages count from 0.
 * <p>
 * {@code withinCentres}, when not null, holds a social worker to their centres: only cases enrolled (now or
 * before) in one of them, or registered by {@code registeredBy} and not yet enrolled anywhere, are found.
 */
public record SearchBeneficiaries(String name,
                                  String nationalId,
                                  Region region,
                                  String centreId,
                                  ProgrammeType programme,
                                  EnrolmentStatus status,
                                  Integer birthYear,
                                  int page,
                                  int size,
                                  Set<String> withinCentres,
                                  String registeredBy,
                                  Sex sex) {

    /** A search without a sex to rank by. */
    public SearchBeneficiaries(String name, String nationalId, Region region, String centreId, ProgrammeType programme,
                               EnrolmentStatus status, Integer birthYear, int page, int size,
                               Set<String> withinCentres, String registeredBy) {
        this(name, nationalId, region, centreId, programme, status, birthYear, page, size, withinCentres, registeredBy,
             null);
    }

    /** A search over every case (auditors). */
    public SearchBeneficiaries(String name, String nationalId, Region region, String centreId, ProgrammeType programme,
                               EnrolmentStatus status, Integer birthYear, int page, int size) {
        this(name, nationalId, region, centreId, programme, status, birthYear, page, size, null, null, null);
    }
}
