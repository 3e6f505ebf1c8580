package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record DischargeFromInstitution(@TargetAggregateIdentifier String beneficiaryId,
                                       String enrolmentId,
                                       DischargeReason reason,
                                       LocalDate dischargedOn) implements AboutBeneficiary {
}
