package ma.masar.api.beneficiary;

import ma.masar.api.common.ProgrammeType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** {@code hostCompany} is required for apprenticeship (law 12.00) and ignored otherwise. */
public record EnrolInProgramme(@TargetAggregateIdentifier String beneficiaryId,
                               String enrolmentId,
                               String centreId,
                               ProgrammeType programme,
                               LocalDate enrolledOn,
                               String hostCompany) implements AboutBeneficiary {
}
