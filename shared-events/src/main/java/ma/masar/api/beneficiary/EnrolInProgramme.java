package ma.masar.api.beneficiary;

import ma.masar.api.common.ProgrammeType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * {@code hostCompany} is required for apprenticeship (law 12.00) and ignored otherwise. {@code takeOverReason} is
 * what a social worker states when she enrols a person whose case her centres do not follow (recorded as
 * {@link CaseTakenOver}); without it such an enrolment is refused.
 */
public record EnrolInProgramme(@TargetAggregateIdentifier String beneficiaryId,
                               String enrolmentId,
                               String centreId,
                               ProgrammeType programme,
                               LocalDate enrolledOn,
                               String hostCompany,
                               String takeOverReason) implements AboutBeneficiary {

    /** An enrolment that takes over nothing: the case is the sender's, or the sender is not held to centres. */
    public EnrolInProgramme(String beneficiaryId, String enrolmentId, String centreId, ProgrammeType programme,
                            LocalDate enrolledOn, String hostCompany) {
        this(beneficiaryId, enrolmentId, centreId, programme, enrolledOn, hostCompany, null);
    }
}
