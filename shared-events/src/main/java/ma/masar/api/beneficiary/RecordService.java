package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Records a service delivered within one of the beneficiary's enrolments. */
public record RecordService(@TargetAggregateIdentifier String beneficiaryId,
                            String serviceId,
                            String enrolmentId,
                            ServiceType type,
                            LocalDate deliveredOn) implements AboutBeneficiary {
}
