package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record CompleteEnrolment(@TargetAggregateIdentifier String beneficiaryId,
                                String enrolmentId,
                                CompletionOutcome outcome,
                                LocalDate completedOn) implements AboutBeneficiary {
}
