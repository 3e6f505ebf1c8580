package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Moves a youth from an active vocational-orientation enrolment to apprenticeship (law 12.00). */
public record MoveToApprenticeship(@TargetAggregateIdentifier String beneficiaryId,
                                   String orientationEnrolmentId,
                                   String apprenticeshipEnrolmentId,
                                   String apprenticeshipCentreId,
                                   String hostCompany,
                                   LocalDate contractDate) implements AboutBeneficiary {
}
