package ma.masar.api.beneficiary;

import ma.masar.api.common.Region;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code notTheSameAs}: the likely matches the social worker was shown before registering, which she states are other
 * people (recorded as {@link DifferentPersonStated} with the registration); empty when none were shown.
 */
public record RegisterBeneficiary(@TargetAggregateIdentifier String beneficiaryId,
                                  @Personal PersonalData personal,
                                  Sex sex,
                                  Region region,
                                  String province,
                                  HouseholdSituation household,
                                  LocalDate registeredOn,
                                  List<String> notTheSameAs) implements AboutBeneficiary {

    public RegisterBeneficiary {
        notTheSameAs = notTheSameAs == null ? List.of() : List.copyOf(notTheSameAs);
    }

    /** A registration for which no likely match was shown. */
    public RegisterBeneficiary(String beneficiaryId, PersonalData personal, Sex sex, Region region, String province,
                               HouseholdSituation household, LocalDate registeredOn) {
        this(beneficiaryId, personal, sex, region, province, household, registeredOn, List.of());
    }
}
