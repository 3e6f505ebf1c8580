package ma.masar.api.beneficiary;

import ma.masar.api.common.Region;
import org.axonframework.serialization.Revision;

/** A correction is a new fact that names the one it corrects; the corrected event stays as it was. */
@Revision("1")
public record RegistrationCorrected(String beneficiaryId,
                                    String correctedEventId,
                                    @Personal PersonalData personal,
                                    Sex sex,
                                    int birthYear,
                                    Region region,
                                    String province,
                                    HouseholdSituation household,
                                    String reason) implements AboutBeneficiary {
}
