package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Moves a youth from an active vocational-orientation enrolment to apprenticeship (law 12.00). The worker of the
 * apprenticeship centre who does not follow the case yet states {@code takeOverReason} ({@link CaseTakenOver}).
 */
public record MoveToApprenticeship(@TargetAggregateIdentifier String beneficiaryId,
                                   String orientationEnrolmentId,
                                   String apprenticeshipEnrolmentId,
                                   String apprenticeshipCentreId,
                                   String hostCompany,
                                   LocalDate contractDate,
                                   String takeOverReason) implements AboutBeneficiary {

    /** A move by a worker who follows the case, or by a sender not held to centres. */
    public MoveToApprenticeship(String beneficiaryId, String orientationEnrolmentId, String apprenticeshipEnrolmentId,
                                String apprenticeshipCentreId, String hostCompany, LocalDate contractDate) {
        this(beneficiaryId, orientationEnrolmentId, apprenticeshipEnrolmentId, apprenticeshipCentreId, hostCompany,
                contractDate, null);
    }
}
