package ma.masar.api.beneficiary;

import ma.masar.api.common.Region;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A person was registered. {@code registeredOn} is when it happened; when it was recorded is the event's
 * timestamp, so a backdated entry shows. Only {@code personal} identifies the person; the birth year
 * stays in the clear for statistics.
 */
@Revision("1")
public record BeneficiaryRegistered(String beneficiaryId,
                                    @Personal PersonalData personal,
                                    Sex sex,
                                    int birthYear,
                                    Region region,
                                    String province,
                                    HouseholdSituation household,
                                    LocalDate registeredOn) implements AboutBeneficiary {
}
