package ma.masar.api.beneficiary;

import ma.masar.api.common.Region;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Corrects the facts of a registration (or of an earlier correction), naming the event it corrects. */
public record CorrectRegistration(@TargetAggregateIdentifier String beneficiaryId,
                                  String correctedEventId,
                                  @Personal PersonalData personal,
                                  Sex sex,
                                  Region region,
                                  String province,
                                  HouseholdSituation household,
                                  String reason) implements AboutBeneficiary {
}
