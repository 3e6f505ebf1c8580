package ma.masar.api.query;

import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;

/**
 * Programme counts for the enrolments that started in {@code year}, narrowed by any of the other criteria; null
 * means all. Centres open are counted as of the end of {@code year} (or today when no year is given).
 */
public record FindProgrammeCounts(Integer year, Region region, String province, String centreId,
                                  ProgrammeType programme) {
}
