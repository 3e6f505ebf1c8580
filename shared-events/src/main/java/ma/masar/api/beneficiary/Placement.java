package ma.masar.api.beneficiary;

import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;

import java.time.LocalDate;

/**
 * One enrolment of a beneficiary in a programme at a centre. Every event in an enrolment's life carries
 * it whole, so that read models (counts by programme, region, province, centre and year) need no
 * look-up of earlier events.
 */
public record Placement(String enrolmentId,
                        String centreId,
                        ProgrammeType programme,
                        Region region,
                        String province,
                        LocalDate enrolledOn) {
}
