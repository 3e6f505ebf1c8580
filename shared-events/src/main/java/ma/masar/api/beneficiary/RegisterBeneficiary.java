package ma.masar.api.beneficiary;

import ma.masar.api.common.Region;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record RegisterBeneficiary(@TargetAggregateIdentifier String beneficiaryId,
                                  @Personal PersonalData personal,
                                  Sex sex,
                                  Region region,
                                  String province,
                                  HouseholdSituation household,
                                  LocalDate registeredOn) implements AboutBeneficiary {
}
