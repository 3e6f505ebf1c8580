package ma.masar.api.query;

import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;

/**
 * Finds beneficiaries by name (Arabic or Latin script, any word prefix), national ID (exact), region, centre,
 * programme and enrolment status; all given criteria must hold. A name search also returns likely duplicates; a
 * {@code birthYear}, when given, narrows them to people born within a year of it. Pages count from 0.
 */
public record SearchBeneficiaries(String name,
                                  String nationalId,
                                  Region region,
                                  String centreId,
                                  ProgrammeType programme,
                                  EnrolmentStatus status,
                                  Integer birthYear,
                                  int page,
                                  int size) {
}
