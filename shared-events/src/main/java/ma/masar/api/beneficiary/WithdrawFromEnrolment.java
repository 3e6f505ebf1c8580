package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record WithdrawFromEnrolment(@TargetAggregateIdentifier String beneficiaryId,
                                    String enrolmentId,
                                    WithdrawalReason reason,
                                    LocalDate withdrawnOn) implements AboutBeneficiary {
}
