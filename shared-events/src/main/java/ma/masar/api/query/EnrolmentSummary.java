package ma.masar.api.query;

import java.time.LocalDate;

import ma.masar.api.common.ProgrammeType;

public record EnrolmentSummary(String enrolmentId,
                               String centreId,
                               ProgrammeType programme,
                               EnrolmentStatus status,
                               LocalDate enrolledOn,
                               LocalDate endedOn) {
}
